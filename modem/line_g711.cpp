// G.711 round trip: the signal is quantised as a VoIP leg with that codec would (mu-law or A-law, 8 bits).
// spandsp's codec is applied once to every 16-bit value to fill a table, then the stage is one lookup per sample.
#include <array>
#include <cmath>
#include <cstdint>

#include <spandsp.h>

#include "modem/line_stage.hpp"

namespace pavi::line {
namespace {

using RoundTripTable = std::array<std::int16_t, 65536>;

const RoundTripTable& round_trip_table(G711RoundTrip::Law law) {
  static const RoundTripTable tables[2] = {
      [] {
        RoundTripTable t{};
        for (int x = -32768; x <= 32767; ++x) t[static_cast<std::size_t>(x + 32768)] = ulaw_to_linear(linear_to_ulaw(x));
        return t;
      }(),
      [] {
        RoundTripTable t{};
        for (int x = -32768; x <= 32767; ++x) t[static_cast<std::size_t>(x + 32768)] = alaw_to_linear(linear_to_alaw(x));
        return t;
      }(),
  };
  return tables[law == G711RoundTrip::Law::mu ? 0 : 1];
}

class G711Stage final : public Stage {
 public:
  explicit G711Stage(G711RoundTrip::Law law) : table_(round_trip_table(law)) {}

  void process(std::span<float> audio) override {
    for (float& x : audio) {
      const float clamped = std::fmax(-32768.0F, std::fmin(32767.0F, x));
      x = table_[static_cast<std::size_t>(static_cast<int>(std::nearbyint(clamped)) + 32768)];
    }
  }

 private:
  const RoundTripTable& table_;
};

}  // namespace

std::unique_ptr<Stage> make_g711_stage(const G711RoundTrip& codec) { return std::make_unique<G711Stage>(codec.law); }

}  // namespace pavi::line
