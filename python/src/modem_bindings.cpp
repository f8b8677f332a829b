// Python view of the modem layer: Line (a telephone line channel: parse, describe, apply to audio), Modem (V.23
// bytes <-> audio, WAV files, BER measurements) and PCE (a PCE sender and Minitel through a faulty byte link, in
// simulated time). Audio is 8 kHz signed 16-bit mono, as lists of ints in Python.
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "modem/fault_config.hpp"
#include "modem/line_channel.hpp"
#include "modem/line_config.hpp"
#include "modem/pce_loopback.hpp"
#include "modem/v23_ber.hpp"
#include "modem/v23_codec.hpp"
#include "modem/wav_file.hpp"

namespace pavi::python {
namespace {

namespace md = pavi::modem;
namespace ln = pavi::line;

md::V23Channel channel_of(const std::string& name) {
  if (name == "forward" || name == "1200") return md::V23Channel::forward;
  if (name == "backward" || name == "75") return md::V23Channel::backward;
  throw py::value_error("unknown V.23 channel '" + name + "' (forward/1200 or backward/75)");
}

md::ErrorPolicy policy_of(const std::string& name) {
  if (name == "substitute") return md::ErrorPolicy::substitute;
  if (name == "drop") return md::ErrorPolicy::drop;
  if (name == "keep") return md::ErrorPolicy::keep;
  throw py::value_error("unknown error policy '" + name + "' (substitute, drop, keep)");
}

std::vector<std::int16_t> samples_of(const std::vector<long long>& values) {
  std::vector<std::int16_t> out;
  out.reserve(values.size());
  for (const long long v : values) {
    if (v < -32768 || v > 32767) throw py::value_error("audio samples must be 16-bit (-32768..32767), got " + std::to_string(v));
    out.push_back(static_cast<std::int16_t>(v));
  }
  return out;
}

std::vector<std::int16_t> encode(const py::bytes& data, const std::string& channel, double level_dbm0,
                                 bool answer_sequence) {
  md::EncodeOptions options;
  options.channel = channel_of(channel);
  options.level_dbm0 = level_dbm0;
  options.answer_sequence = answer_sequence;
  if (!std::isfinite(level_dbm0) || level_dbm0 > 3.0) throw py::value_error("level_dbm0 must be a level <= 3 dBm0");
  const std::string bytes = data;
  py::gil_scoped_release release;
  return md::encode_characters(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), options);
}

py::dict decode(const std::vector<std::int16_t>& audio, const std::string& channel, const std::string& errors,
                double cutoff_dbm0) {
  md::DecodeOptions options;
  options.channel = channel_of(channel);
  options.cutoff_dbm0 = cutoff_dbm0;
  const auto policy = policy_of(errors);
  md::DecodeResult result;
  std::string bytes;
  {
    py::gil_scoped_release release;
    result = md::decode_characters(audio, options);
    bytes = md::characters_to_bytes(result.characters, policy);
  }
  py::dict d;
  d["data"] = py::bytes(bytes);
  d["characters"] = result.stats.characters;
  d["parity_errors"] = result.stats.parity_errors;
  d["framing_errors"] = result.stats.framing_errors;
  d["carrier_ups"] = result.stats.carrier_ups;
  return d;
}

std::vector<std::int16_t> read_wav(const std::string& path) {
  md::WavRead read;
  {
    py::gil_scoped_release release;
    read = md::read_wav(path);
  }
  if (!read.ok()) raise(PyExc_OSError, path + ": " + read.error);
  return std::move(read.samples);
}

void write_wav(const std::string& path, const std::vector<long long>& samples) {
  const auto audio = samples_of(samples);
  std::string error;
  {
    py::gil_scoped_release release;
    error = md::write_wav(path, audio);
  }
  if (!error.empty()) raise(PyExc_OSError, path + ": " + error);
}

struct BerResult {
  md::BerPoint point;
};

BerResult measure_ber(double ebn0_db, const std::string& channel, std::uint64_t max_bits, std::uint64_t min_bits,
                      std::uint64_t seed) {
  if (!std::isfinite(ebn0_db) || ebn0_db < -10 || ebn0_db > 40) throw py::value_error("ebn0_db must be -10..40 dB");
  if (max_bits == 0 || min_bits > max_bits) throw py::value_error("need 0 < min_bits <= max_bits");
  md::BerOptions options;
  options.channel = channel_of(channel);
  options.max_bits = max_bits;
  options.min_bits = min_bits;
  options.seed = seed;
  py::gil_scoped_release release;
  return BerResult{md::measure_ber(ebn0_db, options)};
}

class PyLine {
 public:
  explicit PyLine(const std::string& description) {
    const auto parsed = ln::parse_channel(description);
    if (!parsed.ok()) throw py::value_error("line channel '" + description + "': " + parsed.error);
    config_ = parsed.config;
  }
  std::string description() const { return ln::to_string(config_); }
  std::vector<std::string> impairments() const {
    std::vector<std::string> out;
    for (const auto& i : config_.impairments) out.push_back(ln::to_string(i));
    return out;
  }
  std::uint64_t seed() const { return config_.seed; }
  std::vector<std::int16_t> process(const std::vector<long long>& samples, double signal_dbm0, double bit_rate) {
    auto audio = samples_of(samples);
    py::gil_scoped_release release;
    ln::LineChannel channel(config_, ln::ChannelContext{signal_dbm0, bit_rate});
    channel.process(audio);
    return audio;
  }

 private:
  ln::ChannelConfig config_;
};

py::dict pce_transfer(const py::bytes& data, const std::string& faults, const std::string& upstream_faults,
                      double limit_s) {
  const auto down = md::parse_fault_config(faults);
  if (!down.config) throw py::value_error("faults '" + faults + "': " + down.error);
  const auto up = md::parse_fault_config(upstream_faults);
  if (!up.config) throw py::value_error("upstream_faults '" + upstream_faults + "': " + up.error);
  if (!std::isfinite(limit_s) || limit_s <= 0) throw py::value_error("limit must be > 0 simulated seconds");
  const std::string bytes = data;
  md::pce::LoopbackConfig config;
  config.link.a_to_b.faults = *down.config;
  config.link.b_to_a.faults = *up.config;
  config.record = false;
  bool started = false;
  bool delivered = false;
  double seconds = 0.0;
  std::string received;
  md::pce::SenderStats stats;
  {
    py::gil_scoped_release release;
    md::pce::Loopback loop(config);
    const auto limit = std::chrono::duration_cast<md::SimDuration>(std::chrono::duration<double>(limit_s));
    loop.gateway().start(loop.now());
    started = loop.run_until([&] { return loop.gateway().mode() == md::pce::SenderMode::active; }, loop.now() + limit);
    if (started) {
      const auto begin = loop.now();
      loop.gateway().send(bytes, loop.now());
      delivered = loop.run_until([&] { return loop.delivered().size() >= bytes.size(); }, begin + limit);
      seconds = std::chrono::duration<double>(loop.now() - begin).count();
    }
    received = loop.delivered();
    stats = loop.gateway().stats();
  }
  py::dict d;
  d["started"] = started;
  d["complete"] = delivered;
  d["delivered"] = py::bytes(received);
  d["intact"] = received == bytes;
  d["seconds"] = seconds;
  d["new_blocks"] = stats.new_blocks;
  d["repeated_blocks"] = stats.repeated_blocks;
  d["nacks"] = stats.nacks;
  return d;
}

}  // namespace

void bind_modem(py::module_& m) {
  py::class_<PyLine>(m, "Line", "A simulated telephone line channel, e.g. Line('awgn=12dB,g711u,burst=50ms@2s').")
      .def(py::init<const std::string&>(), py::arg("description") = "clean",
           "Parses a channel description; ValueError with the reason when it is malformed.")
      .def_property_readonly("description", &PyLine::description, "The canonical description.")
      .def_property_readonly("impairments", &PyLine::impairments, "Each impairment, in the order it acts.")
      .def_property_readonly("seed", &PyLine::seed)
      .def("process", &PyLine::process, py::arg("samples"), py::arg("signal_dbm0") = -22.0,
           py::arg("bit_rate") = 1200.0, "8 kHz 16-bit audio through the line (a fresh channel each call).")
      .def_static("syntax", [] { return std::string(ln::channel_syntax_help()); }, "The description syntax.")
      .def("__str__", &PyLine::description)
      .def("__repr__", [](const PyLine& l) { return "Line('" + l.description() + "')"; });

  py::class_<BerResult>(m, "BerResult", "One bit-error-rate measurement of a V.23 receiver in white noise.")
      .def_property_readonly("ebn0_db", [](const BerResult& r) { return r.point.ebn0_db; })
      .def_property_readonly("bits", [](const BerResult& r) { return r.point.bits; })
      .def_property_readonly("mismatches", [](const BerResult& r) { return r.point.mismatches; })
      .def_property_readonly("ber", [](const BerResult& r) { return r.point.ber; }, "Estimated line bit error rate.")
      .def_property_readonly("limit", [](const BerResult& r) { return r.point.limit; },
                             "The non-coherent BFSK bound at this Eb/N0.")
      .def("__repr__", [](const BerResult& r) {
        return "BerResult(ebn0_db=" + std::to_string(r.point.ebn0_db) + ", ber=" + std::to_string(r.point.ber) +
               ", bits=" + std::to_string(r.point.bits) + ")";
      });

  py::module_ modem = m.def_submodule("modem", "V.23 modem functions (use pavikit.Modem).");
  modem.def("encode", &encode, py::arg("data"), py::arg("channel") = "forward", py::arg("level_dbm0") = -22.0,
            py::arg("answer_sequence") = false, "Bytes -> V.23 audio samples (8 kHz).");
  modem.def("decode", &decode, py::arg("samples"), py::arg("channel") = "forward", py::arg("errors") = "substitute",
            py::arg("cutoff_dbm0") = -38.0, "Audio -> dict(data=bytes, characters, parity_errors, framing_errors).");
  modem.def("read_wav", &read_wav, py::arg("path"), "Any WAV as 8 kHz mono samples.");
  modem.def("write_wav", &write_wav, py::arg("path"), py::arg("samples"), "8 kHz 16-bit mono WAV.");
  modem.def("measure_ber", &measure_ber, py::arg("ebn0_db"), py::arg("channel") = "forward",
            py::arg("max_bits") = 200000, py::arg("min_bits") = 20000, py::arg("seed") = 1);
  modem.def("pce_transfer", &pce_transfer, py::arg("data"), py::arg("faults") = "", py::arg("upstream_faults") = "",
            py::arg("limit") = 120.0);
}

}  // namespace pavi::python
