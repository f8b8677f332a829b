// G.711 round trip: the signal is quantised as a VoIP leg with that codec would (mu-law or A-law, 8 bits).
#include <cmath>

#include <spandsp.h>

#include "modem/line_stage.hpp"

namespace pavi::line {
namespace {

class G711Stage final : public Stage {
 public:
  explicit G711Stage(G711RoundTrip::Law law) : law_(law) {}

  void process(std::span<float> audio) override {
    for (float& x : audio) {
      const int linear = static_cast<int>(std::lround(std::fmax(-32768.0F, std::fmin(32767.0F, x))));
      x = law_ == G711RoundTrip::Law::mu ? ulaw_to_linear(linear_to_ulaw(linear)) : alaw_to_linear(linear_to_alaw(linear));
    }
  }

 private:
  G711RoundTrip::Law law_;
};

}  // namespace

std::unique_ptr<Stage> make_g711_stage(const G711RoundTrip& codec) { return std::make_unique<G711Stage>(codec.law); }

}  // namespace pavi::line
