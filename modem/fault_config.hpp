// The description of a byte-level fault channel, and its one-line text form, e.g.
//   "ber=1e-4,burst=8@2000,drop=1e-5,garbage=1e-5,dropout=1s@30s,dropout_at=5s:1s,cut=100000,seed=7"
// ber=P          every bit of every byte is flipped with probability P
// burst=L@N      bursts of L consecutive bytes replaced by random bytes, one burst every N bytes on average
// drop=P         each byte is lost with probability P
// garbage=P      after each byte, a random byte is inserted with probability P
// dropout=D@T    everything sent during D is lost, one dropout every T on average (times: 10us, 5ms, 1.5s)
// dropout_at=T:D everything sent from time T for D is lost (may be repeated)
// cut=N          the link breaks after N bytes: this byte and all later ones are lost (Beast's fail_count)
// seed=S         seed of the random draws (each kind of fault has its own stream)
// "" or "none" is a clean channel.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modem/pce_time.hpp"

namespace pavi::modem {

struct ScheduledDropout {
  SimTime start{};
  SimDuration length{};
};

struct FaultConfig {
  double ber = 0.0;
  int burst_length = 0;
  double burst_every = 0.0;  // bytes
  double drop = 0.0;
  double garbage = 0.0;
  SimDuration dropout_length{};
  SimDuration dropout_every{};
  std::vector<ScheduledDropout> dropouts_at;
  std::optional<std::uint64_t> cut_after;
  std::uint64_t seed = 1;

  bool clean() const;
};

struct FaultConfigParse {
  std::optional<FaultConfig> config;
  std::string error;  // what was wrong, when config is empty
};

// Never throws: a bad description gives an error message.
FaultConfigParse parse_fault_config(std::string_view text);
// The one-line form; parse_fault_config(to_string(c)) gives c back.
std::string to_string(const FaultConfig& config);

// "1s", "250ms", "40us", "1.5s" -> duration; nullopt when malformed.
std::optional<SimDuration> parse_duration(std::string_view text);
std::string format_duration(SimDuration duration);

}  // namespace pavi::modem
