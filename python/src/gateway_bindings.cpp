// Python view of the gateway: GatewayServer started in-process on free ports (port 0) of 127.0.0.1, configured
// from a dict of MiniPavi config keys and/or a MiniPavi XML file, calling services with the libcurl ServiceClient
// as pavi-gateway does (gateway/app/pavi_gateway_main.cpp).
#include <pybind11/stl.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "gateway/config/gateway_config.hpp"
#include "gateway/server/gateway_server.hpp"
#include "gateway/service_client/service_client.hpp"
#include "gateway/welcome/directory.hpp"

namespace pavi::python {
namespace {

namespace gw = pavi::gateway;

const char* const kKeys =
    "host, durl, maxc, maxcip, maxhisto, timeout, screensaver, verbose, lpath, spath, rpath, ssl, sslkey, keys, "
    "visukey, extcallurl, annuaire";

void apply_key(gw::GatewayConfig& c, const std::string& key, const py::handle& value) {
  const auto text = [&] { return py::str(value).cast<std::string>(); };
  const auto number = [&] {
    if (!py::isinstance<py::int_>(value) || py::isinstance<py::bool_>(value)) {
      throw py::type_error("gateway config '" + key + "' must be an int, got " +
                           py::repr(value).cast<std::string>());
    }
    return value.cast<int>();
  };
  if (key == "host") c.host = text();
  else if (key == "durl") c.durl = text();
  else if (key == "maxc") c.maxc = number();
  else if (key == "maxcip") c.maxcip = number();
  else if (key == "maxhisto") c.maxhisto = number();
  else if (key == "timeout") c.timeout = number();
  else if (key == "screensaver") c.screensaver = value.cast<bool>();
  else if (key == "verbose") c.verbose = value.cast<bool>();
  else if (key == "lpath") c.lpath = text();
  else if (key == "spath") c.spath = text();
  else if (key == "rpath") c.rpath = text();
  else if (key == "ssl") c.ssl = text();
  else if (key == "sslkey") c.sslkey = text();
  else if (key == "visukey") c.visukey = text();
  else if (key == "extcallurl") c.extcallurl = text();
  else if (key == "annuaire") c.annuaire = text();
  else if (key == "keys") {
    c.keys = value.cast<std::vector<std::string>>();
    c.has_connecttocmd = true;
  } else {
    throw py::value_error("unknown gateway config key '" + key + "' (known: " + kKeys + ")");
  }
}

gw::ConnectionKind kind_of(const std::string& name) {
  if (name == "ws") return gw::ConnectionKind::ws;
  if (name == "wss") return gw::ConnectionKind::wss;
  if (name == "telnet") return gw::ConnectionKind::telnet;
  if (name == "asterisk") return gw::ConnectionKind::asterisk;
  throw py::value_error("unknown listener '" + name + "' (ws, wss, telnet, asterisk)");
}

class PyGateway {
 public:
  PyGateway(const py::object& config, const std::string& cfgfile, const std::vector<std::string>& listen,
            unsigned threads) {
    if (listen.empty()) throw py::value_error("listen needs at least one of 'ws', 'wss', 'telnet'");
    if (threads > 64) throw py::value_error("threads must be 0..64");
    gw::GatewayConfig c;
    c.host = "localhost";
    c.maxc = 100;
    c.durl = std::string(gw::kInternalDurl);
    if (!cfgfile.empty()) {
      std::vector<gw::ConfigError> errors, warnings;
      gw::load_config_file(cfgfile, c, errors, warnings);
      if (!errors.empty()) throw py::value_error(lines(errors));
    }
    if (!config.is_none()) {
      if (!py::isinstance<py::dict>(config)) throw py::type_error("config must be a dict of MiniPavi config keys");
      for (const auto& [key, value] : config.cast<py::dict>()) apply_key(c, py::str(key).cast<std::string>(), value);
    }
    if (c.durl.empty()) c.durl = std::string(gw::kInternalDurl);
    // The original's default folders are "./": a gateway in a test run would drop its log and stats files in the
    // caller's working directory. Unless the config names them, they go to a folder of this gateway's own.
    const gw::GatewayConfig defaults;
    const auto given = [&](const char* key, const std::string& value, const std::string& default_value) {
      return (!config.is_none() && config.cast<py::dict>().contains(key)) || value != default_value;
    };
    const bool lpath_given = given("lpath", c.lpath, defaults.lpath);
    const bool spath_given = given("spath", c.spath, defaults.spath);
    if (!lpath_given || !spath_given) {
      std::string folder = (std::filesystem::temp_directory_path() / "pavikit-gateway-XXXXXX").string();
      if (::mkdtemp(folder.data()) == nullptr) raise(PyExc_RuntimeError, "cannot create a folder for the gateway's logs");
      own_folder_.path = folder;
      if (!lpath_given) c.lpath = folder + "/";
      if (!spath_given) c.spath = folder + "/";
    }
    log_folder_ = c.lpath;
    gw::ServerOptions options;
    options.bind_address = "127.0.0.1";
    options.threads = threads;
    options.welcome.version = std::string("PaviKit ") + PAVIKIT_VERSION_TEXT;
    // The server listens on free ports; the config's ports only have to pass the startup checks.
    c.wsport = c.wssport = c.telnport = c.astport = c.httpport = 0;
    int placeholder = 1;
    for (const auto& name : listen) {
      const auto kind = kind_of(name);
      options.listen.push_back({kind, 0});
      if (kind == gw::ConnectionKind::ws) c.wsport = placeholder++;
      if (kind == gw::ConnectionKind::wss) c.wssport = placeholder++;
      if (kind == gw::ConnectionKind::telnet) c.telnport = placeholder++;
      if (kind == gw::ConnectionKind::asterisk) c.astport = placeholder++;
    }
    const auto problems = gw::validate(c);
    if (!problems.empty()) throw py::value_error(lines(problems));
    if (!c.annuaire.empty()) {
      auto load = gw::load_directory(c.annuaire);
      if (!load.directory) throw py::value_error("annuaire: " + load.error);
      options.directory = std::move(*load.directory);
    }
    std::vector<std::string> start_problems;
    {
      py::gil_scoped_release release;
      http_ = std::make_unique<gw::ServiceClient>();
      const gw::ServiceCaller caller = [client = http_.get()](gw::ServiceCall call,
                                                              std::function<void(gw::ServiceResult)> done) {
        client->call(call, [done = std::move(done)](gw::ServiceResult result, gw::CallStats) { done(std::move(result)); });
      };
      server_ = std::make_unique<gw::GatewayServer>(c, caller, std::move(options));
      start_problems = server_->start();
      if (!start_problems.empty()) shut_down(std::chrono::milliseconds(0));
    }
    if (!start_problems.empty()) {
      std::string text = "the gateway did not start:";
      for (const auto& p : start_problems) text += "\n  " + p;
      raise(PyExc_RuntimeError, text);
    }
    durl_ = c.durl;
  }

  ~PyGateway() {
    py::gil_scoped_release release;
    shut_down(std::chrono::milliseconds(1000));
  }

  void stop(double grace) {
    const auto limit = timeout_ms(grace, "grace");
    py::gil_scoped_release release;
    shut_down(limit);
  }

  std::uint16_t port(const std::string& name) const {
    const auto kind = kind_of(name);
    if (!server_) raise(closed_error(), "the gateway is stopped");
    return server_->port(kind);
  }

  std::string url_of(const std::string& name) const {
    const auto p = port(name);
    if (p == 0) raise(PyExc_ValueError, "the gateway has no " + name + " listener (see listen=)");
    return (name == "telnet" ? "telnet" : name) + "://127.0.0.1:" + std::to_string(p) + (name == "telnet" ? "" : "/");
  }

  std::string url() const {
    if (port("ws") != 0) return url_of("ws");
    if (port("telnet") != 0) return url_of("telnet");
    if (port("wss") != 0) return url_of("wss");
    raise(PyExc_ValueError, "the gateway has no ws, telnet or wss listener (see listen=)");
  }

  bool running() const { return server_ != nullptr; }
  std::size_t live_sessions() const { return server_ ? server_->live_sessions() : 0; }
  const std::string& durl() const { return durl_; }
  const std::string& log_folder() const { return log_folder_; }

 private:
  static std::string lines(const std::vector<gw::ConfigError>& errors) {
    std::string text;
    for (const auto& e : errors) text += (text.empty() ? "" : "\n") + e.to_line();
    return text;
  }

  // Without the GIL. Stops the server, then the HTTP client (its cancelled calls must not post to a gone loop).
  void shut_down(std::chrono::milliseconds grace) {
    if (server_) server_->stop(grace);
    http_.reset();
    server_.reset();
  }

  std::unique_ptr<gw::ServiceClient> http_;
  std::unique_ptr<gw::GatewayServer> server_;
  std::string durl_;
  std::string log_folder_;
  // Created when the config names no folder; removed with the gateway, or at once if the constructor throws.
  struct OwnFolder {
    std::string path;
    ~OwnFolder() {
      std::error_code ignored;
      if (!path.empty()) std::filesystem::remove_all(path, ignored);
    }
  } own_folder_;
};

}  // namespace

void bind_gateway(py::module_& m) {
  py::class_<PyGateway>(m, "Gateway",
                        "The PaviKit gateway, started in-process on free ports of 127.0.0.1. A context manager.")
      .def(py::init<const py::object&, const std::string&, const std::vector<std::string>&, unsigned>(),
           py::arg("config") = py::none(), py::kw_only(), py::arg("cfgfile") = "",
           py::arg("listen") = std::vector<std::string>{"ws", "telnet"}, py::arg("threads") = 2,
           "config: a dict of MiniPavi config keys (durl, maxc, timeout, keys...), applied over `cfgfile` (a MiniPavi "
           "XML file) when both are given. The config's ports are ignored: each listener in `listen` gets a free "
           "port. Raises ValueError on a bad config, RuntimeError when a listener cannot open.")
      .def("stop", &PyGateway::stop, py::arg("grace") = 3.0,
           "Stops gracefully: every session sends its FIN to its service (waiting at most `grace` seconds).")
      .def("close", [](PyGateway& g) { g.stop(1.0); }, "stop(grace=1.0).")
      .def("port", &PyGateway::port, py::arg("kind"), "The port of the 'ws', 'wss', 'telnet' or 'asterisk' listener (0: none).")
      .def_property_readonly("url", &PyGateway::url, "ws://127.0.0.1:PORT/ (or telnet:// when there is no ws).")
      .def_property_readonly("ws_url", [](const PyGateway& g) { return g.url_of("ws"); })
      .def_property_readonly("wss_url", [](const PyGateway& g) { return g.url_of("wss"); })
      .def_property_readonly("telnet_url", [](const PyGateway& g) { return g.url_of("telnet"); })
      .def_property_readonly("running", &PyGateway::running)
      .def_property_readonly("log_folder", &PyGateway::log_folder,
                             "Where the log files go: the config's lpath, or else a temporary folder of this "
                             "gateway's own (with the stats files), removed when the gateway object is freed.")
      .def_property_readonly("live_sessions", &PyGateway::live_sessions)
      .def_property_readonly("durl", &PyGateway::durl, "The default service URL in use.")
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](PyGateway& g, py::args) { g.stop(1.0); });
}

}  // namespace pavi::python
