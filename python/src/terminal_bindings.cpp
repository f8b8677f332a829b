// Python view of the simulated Minitel: Terminal (connect to ws/wss/telnet/tcp, or dial over a simulated phone line;
// type, press, waits, screen, transcript) and Transcript. Every call that can block releases the GIL, so a Python
// fake service answering on its own thread keeps running while a test waits.
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "bindings.hpp"
#include "line_link.hpp"
#include "simulators/terminal/identity.hpp"
#include "simulators/terminal/terminal.hpp"
#include "simulators/terminal/transcript.hpp"

namespace pavi::python {
namespace {

namespace vt = pavi::videotex;

// What a successful wait found.
struct Match {
  int row = 0;
  int col = 0;
  std::vector<std::string> groups;
  double elapsed = 0.0;  // seconds
};

class PyTerminal {
 public:
  PyTerminal(const std::string& model, bool answer_protocol) {
    sim::TerminalOptions options;
    const auto parsed = sim::terminal_model_from_name(model);
    if (!parsed) throw py::value_error("unknown Minitel model '" + model + "' (minitel1b, minitel2, emulator)");
    options.identity = sim::identity_of(*parsed);
    options.answer_protocol = answer_protocol;
    terminal_ = std::make_unique<sim::Terminal>(options);
  }

  ~PyTerminal() {
    py::gil_scoped_release release;
    close_now();
  }

  void connect(const std::string& url, double timeout, bool insecure, bool binary_frames, const std::string& ca_file) {
    sim::ConnectOptions options;
    options.timeout = timeout_ms(timeout);
    options.insecure = insecure;
    options.ws_binary_frames = binary_frames;
    options.ca_file = ca_file;
    sim::ConnectResult result;
    {
      py::gil_scoped_release release;
      close_now();
      result = terminal_->connect(url, options);
    }
    if (!result) raise(PyExc_ConnectionError, result.error);
  }

  py::dict dial(const std::string& url, const std::string& line, bool pce, double speed, double timeout) {
    DialOptions options;
    options.channel = line;
    options.pce = pce;
    options.speed = speed;
    options.timeout = timeout_ms(timeout);
    if (speed < 0) throw py::value_error("speed must be >= 0 (0: as fast as possible, 1: real time)");
    return call([&](std::unique_ptr<sim::Transport>& end, std::string& error) {
      return dial_line(url, options, end, error);
    }, options.timeout);
  }

#ifdef PAVIKIT_HAS_TELEPHONY
  py::dict dial_asterisk(int astport, const std::string& line, bool pce, const std::string& caller, double timeout) {
    if (astport < 1 || astport > 65535) throw py::value_error("astport must be 1..65535 (Gateway.port('asterisk'))");
    DialOptions options;
    options.channel = line;
    options.pce = pce;
    options.caller = caller;
    options.timeout = timeout_ms(timeout);
    return call([&](std::unique_ptr<sim::Transport>& end, std::string& error) {
      return pavi::python::dial_asterisk(static_cast<std::uint16_t>(astport), options, end, error);
    }, options.timeout);
  }
#endif

  py::dict line_status() const {
    if (!link_) throw py::value_error("this terminal did not dial over a simulated line (see Terminal.dial)");
    const auto s = link_->report();
    py::dict d;
    d["seconds"] = s.seconds;
    d["connected"] = s.connected;
    d["released"] = s.released;
    d["release_reason"] = s.release_reason;
    d["pce_active"] = s.pce_active;
    d["bytes_to_terminal"] = s.bytes_to_terminal;
    d["bytes_to_gateway"] = s.bytes_to_gateway;
    d["framing_errors"] = s.framing_errors;
    d["parity_errors"] = s.parity_errors;
    return d;
  }

  void disconnect() {
    py::gil_scoped_release release;
    close_now();
  }

  void type(const std::string& text, bool exact) {
    bool sent = false;
    {
      py::gil_scoped_release release;
      sent = terminal_->type(text, exact ? sim::TypeCase::exact : sim::TypeCase::keyboard);
    }
    if (!sent) throw_closed("cannot type");
  }

  void press(const std::variant<vt::FunctionKey, vt::CursorKey, std::string>& key) {
    bool sent = false;
    if (const auto* name = std::get_if<std::string>(&key)) {
      const auto parsed = vt::key_from_name(*name);
      if (!parsed) throw py::value_error("unknown Minitel key '" + *name + "' (ENVOI, RETOUR, SUITE, SOMMAIRE...)");
      py::gil_scoped_release release;
      sent = terminal_->press(*parsed);
    } else if (const auto* fkey = std::get_if<vt::FunctionKey>(&key)) {
      py::gil_scoped_release release;
      sent = terminal_->press(*fkey);
    } else {
      const auto ckey = std::get<vt::CursorKey>(key);
      {
        py::gil_scoped_release release;
        sent = terminal_->press(ckey);
      }
      if (!sent && terminal_->connected()) {
        throw py::value_error("cursor keys need an extended keyboard (the service sends PRO3 START 59 41)");
      }
    }
    if (!sent) throw_closed("cannot press a key");
  }

  void send_raw(const py::bytes& data) {
    const std::string bytes = data;
    bool sent = false;
    {
      py::gil_scoped_release release;
      sent = terminal_->send_raw(bytes);
    }
    if (!sent) throw_closed("cannot send");
  }

  Match wait_for(std::optional<std::string> text, std::optional<std::string> regex, double timeout,
                 std::optional<int> row, int col) {
    if (text.has_value() == regex.has_value()) throw py::value_error("wait_for takes exactly one of text= or regex=");
    if (row && (*row < 0 || *row > 24)) throw py::value_error("row must be 0..24");
    if (col < 0 || col > 40) throw py::value_error("col must be 0..40 (0: anywhere in the row)");
    if (row && text) throw py::value_error("row= and col= anchor a regex wait only");
    const auto limit = timeout_ms(timeout);
    if (regex) {
      std::string error;
      if (!sim::ScreenRegex::compile(*regex, error)) throw py::value_error("invalid regex '" + *regex + "': " + error);
    }
    sim::WaitResult result;
    {
      py::gil_scoped_release release;
      if (text) {
        result = terminal_->wait_for_text(*text, limit);
      } else {
        std::optional<sim::ScreenPosition> at;
        if (row) at = sim::ScreenPosition{*row, col};
        result = terminal_->wait_for_regex(*regex, limit, at);
      }
    }
    check_wait(result);
    Match match;
    if (result.position) {
      match.row = result.position->row;
      match.col = result.position->col;
    }
    match.groups = result.groups;
    match.elapsed = static_cast<double>(result.elapsed.count()) / 1000.0;
    return match;
  }

  double wait_quiet(double quiet, double timeout) {
    const auto quiet_ms = timeout_ms(quiet, "quiet");
    const auto limit = timeout_ms(timeout);
    sim::WaitResult result;
    {
      py::gil_scoped_release release;
      result = terminal_->wait_until_quiet(quiet_ms, limit);
    }
    if (!result) raise(wait_timeout_error(), result.describe());
    return static_cast<double>(result.elapsed.count()) / 1000.0;
  }

  void wait_for_disconnect(double timeout) {
    const auto limit = timeout_ms(timeout);
    sim::WaitResult result;
    {
      py::gil_scoped_release release;
      result = terminal_->wait_for_disconnect(limit);
    }
    if (!result) raise(wait_timeout_error(), result.describe());
  }

  sim::Terminal& terminal() { return *terminal_; }

 private:
  [[noreturn]] void throw_closed(const std::string& what) {
    const std::string reason = terminal_->close_reason();
    raise(closed_error(),
        what + ": not connected" + (reason.empty() ? std::string(" (call connect() first)") : " (" + reason + ")"));
  }

  void check_wait(const sim::WaitResult& result) {
    if (result) return;
    const py::object kind = terminal_->connected() ? wait_timeout_error() : closed_error();
    raise(kind, result.describe());
  }

  // Sets a line up with `open`, attaches the terminal to it and waits for the modems to connect.
  template <typename Open>
  py::dict call(Open open, std::chrono::milliseconds timeout) {
    std::string error;
    bool connected = false;
    {
      py::gil_scoped_release release;
      close_now();
      std::unique_ptr<sim::Transport> end;
      link_ = open(end, error);
      if (link_) {
        terminal_->attach(std::move(end));
        connected = link_->wait_connected(timeout);
      }
    }
    if (!link_) {
      if (error.rfind("line channel", 0) == 0) throw py::value_error(error);
      raise(PyExc_ConnectionError, error);
    }
    if (!connected) {
      const auto report = link_->report();
      const std::string reason = report.release_reason.empty() ? "timed out" : report.release_reason;
      {
        py::gil_scoped_release release;
        close_now();
      }
      raise(PyExc_ConnectionError, "the modems did not connect: " + reason);
    }
    return line_status();
  }

  // Without the GIL.
  void close_now() {
    terminal_->disconnect();
    link_.reset();
  }

  std::unique_ptr<sim::Terminal> terminal_;
  std::unique_ptr<LineLink> link_;
};

}  // namespace

void bind_terminal(py::module_& m) {
  py::class_<Match>(m, "Match", "Where a wait found its text or regex.")
      .def_readonly("row", &Match::row)
      .def_readonly("col", &Match::col)
      .def_readonly("groups", &Match::groups, "Regex waits: the whole match, then the captures.")
      .def_readonly("elapsed", &Match::elapsed, "Seconds the wait took.")
      .def("__repr__", [](const Match& x) {
        return "Match(row=" + std::to_string(x.row) + ", col=" + std::to_string(x.col) + ")";
      });

  py::class_<sim::Transcript>(m, "Transcript", "Every byte a terminal received and sent, timestamped.")
      .def_readonly("endpoint", &sim::Transcript::endpoint)
      .def_readonly("started_utc", &sim::Transcript::started_utc)
      .def_property_readonly("received", [](const sim::Transcript& t) { return py::bytes(t.received()); })
      .def_property_readonly("sent", [](const sim::Transcript& t) { return py::bytes(t.sent()); })
      .def_property_readonly("entries", [](const sim::Transcript& t) {
        py::list out;
        for (const auto& e : t.entries) {
          const char* kind = e.kind == sim::TranscriptEntry::Kind::received ? "rx"
                             : e.kind == sim::TranscriptEntry::Kind::sent   ? "tx"
                                                                            : "event";
          const char* by = e.source == sim::TranscriptEntry::Source::keyboard   ? "keyboard"
                           : e.source == sim::TranscriptEntry::Source::protocol ? "protocol"
                           : e.source == sim::TranscriptEntry::Source::raw      ? "raw"
                                                                                : "";
          py::object data = e.kind == sim::TranscriptEntry::Kind::event ? py::object(py::str(e.bytes))
                                                                         : py::object(py::bytes(e.bytes));
          out.append(py::make_tuple(static_cast<double>(e.at.count()) / 1e6, kind, by, data));
        }
        return out;
      }, "(seconds, 'rx'|'tx'|'event', 'keyboard'|'protocol'|'raw'|'', bytes or event text) tuples.")
      .def("to_jsonl", &sim::to_jsonl, "The transcript file format (JSON lines).")
      .def("save", [](const sim::Transcript& t, const std::string& path) {
        std::string error;
        if (!sim::save_transcript(t, path, error)) raise(PyExc_OSError, error);
      }, py::arg("path"))
      .def("replay_screen", [](const sim::Transcript& t) { return sim::replay_screen(t); },
           "The screen a power-on Minitel shows after the whole transcript.")
      .def("__len__", [](const sim::Transcript& t) { return t.entries.size(); });
  m.def("load_transcript", [](const std::string& path) {
    auto loaded = sim::load_transcript(path);
    if (!loaded.transcript) throw py::value_error(path + ": " + loaded.error);
    return *loaded.transcript;
  }, py::arg("path"), "Reads a transcript file.");

  py::class_<PyTerminal>(m, "Terminal", "A simulated Minitel.")
      .def(py::init<const std::string&, bool>(), py::arg("model") = "minitel1b", py::arg("answer_protocol") = true,
           "model: 'minitel1b', 'minitel2' or 'emulator' (what it answers to ENQROM).")
      .def("connect", &PyTerminal::connect, py::arg("url"), py::arg("timeout") = 10.0, py::arg("insecure") = false,
           py::arg("binary_frames") = false, py::arg("ca_file") = "",
           "Connects to ws://, wss://, telnet:// or tcp://. Raises ConnectionError with the reason on failure.")
      .def("dial", &PyTerminal::dial, py::arg("url"), py::arg("line") = "", py::arg("pce") = false,
           py::arg("speed") = 0.0, py::arg("timeout") = 30.0,
           "Calls `url` (the gateway's telnet:// or ws:// listener) over a simulated V.23 phone line whose channel "
           "is described by `line` ('awgn=20dB,g711u'...). Returns the line status dict.")
#ifdef PAVIKIT_HAS_TELEPHONY
      .def("dial_asterisk", &PyTerminal::dial_asterisk, py::arg("astport"), py::arg("line") = "",
           py::arg("pce") = false, py::arg("caller") = "0612345678", py::arg("timeout") = 60.0,
           "Dials in through the fake Asterisk soft modem to the gateway's astport (Gateway.port('asterisk')), "
           "over a line described by `line`. Returns the line status dict.")
#endif
      .def_property_readonly("line_status", &PyTerminal::line_status, "The simulated line's status (after dial()).")
      .def("disconnect", &PyTerminal::disconnect, "Hangs up (the screen is kept).")
      .def_property_readonly("connected", [](PyTerminal& t) { return t.terminal().connected(); })
      .def_property_readonly("close_reason", [](PyTerminal& t) { return t.terminal().close_reason(); })
      .def_property_readonly("endpoint", [](PyTerminal& t) { return t.terminal().endpoint(); })
      .def("type", &PyTerminal::type, py::arg("text"), py::arg("exact") = false,
           "Types text on the keyboard (upper case unless the keyboard is in lower-case mode or exact=True).")
      .def("press", &PyTerminal::press, py::arg("key"), "Presses a Key, a CursorKey, or a key by name ('ENVOI').")
      .def("send_raw", &PyTerminal::send_raw, py::arg("data"), "Bytes to the line as they are (no local echo).")
      .def("wait_for", &PyTerminal::wait_for, py::kw_only(), py::arg("text") = py::none(),
           py::arg("regex") = py::none(), py::arg("timeout") = 5.0, py::arg("row") = py::none(), py::arg("col") = 0,
           "Waits until `text` is on the screen, or `regex` matches a row (anchored at row/col when given). "
           "Raises WaitTimeout (with the screen) on timeout, ConnectionClosed when the line is gone.")
      .def("wait_quiet", &PyTerminal::wait_quiet, py::arg("quiet") = 0.2, py::arg("timeout") = 5.0,
           "Waits until nothing has been received for `quiet` seconds.")
      .def("wait_for_disconnect", &PyTerminal::wait_for_disconnect, py::arg("timeout") = 5.0)
      .def_property_readonly("screen", [](PyTerminal& t) { return t.terminal().screen(); }, "A copy of the screen.")
      .def_property_readonly("text", [](PyTerminal& t) {
        vt::TextDumpOptions options;
        options.row_numbers = false;
        return sim::screen_lines(t.terminal().screen(), options);
      }, "The screen's 25 rows as text.")
      .def("row", [](PyTerminal& t, int row) {
        if (row < 0 || row > 24) throw py::index_error("row must be 0..24");
        return t.terminal().row(row);
      }, py::arg("row"))
      .def_property_readonly("transcript", [](PyTerminal& t) { return t.terminal().transcript(); })
      .def_property_readonly("modes", [](PyTerminal& t) {
        const auto modes = t.terminal().modes();
        py::dict d;
        d["pce"] = modes.pce;
        d["lowercase"] = modes.lowercase;
        d["extended_keyboard"] = modes.extended_keyboard;
        d["local_echo"] = modes.local_echo;
        d["connected"] = modes.connected;
        return d;
      }, "The terminal modes set by protocol sequences.")
      .def("to_png", [](PyTerminal& t, int scale, bool colour) {
        if (scale < 1 || scale > 16) throw py::value_error("scale must be 1..16");
        videotex::RenderOptions options;
        options.scale = scale;
        options.colour = colour;
        std::vector<std::uint8_t> png;
        {
          py::gil_scoped_release release;
          png = t.terminal().png(options);
        }
        return py::bytes(reinterpret_cast<const char*>(png.data()), png.size());
      }, py::arg("scale") = 1, py::arg("colour") = false)
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](PyTerminal& t, py::args) { t.disconnect(); });
}

}  // namespace pavi::python
