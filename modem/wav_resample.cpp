// Windowed-sinc resampling (see wav_resample.hpp).
#include "modem/wav_resample.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace pavi::modem {

std::vector<float> resample(std::span<const float> input, int from_rate, int to_rate) {
  if (from_rate == to_rate || input.empty() || from_rate <= 0 || to_rate <= 0) return {input.begin(), input.end()};
  constexpr int kZeroCrossings = 16;
  const double ratio = static_cast<double>(to_rate) / from_rate;
  const double cutoff = 0.45 * std::min(1.0, ratio);  // in cycles per input sample; 0.45 keeps a guard band
  const double half_width = kZeroCrossings / (2.0 * cutoff);
  const auto out_length = static_cast<std::size_t>(std::floor(static_cast<double>(input.size()) * ratio));
  std::vector<float> out(out_length);
  for (std::size_t n = 0; n < out_length; ++n) {
    const double centre = static_cast<double>(n) / ratio;  // position in input samples
    const auto first = static_cast<long>(std::ceil(centre - half_width));
    const auto last = static_cast<long>(std::floor(centre + half_width));
    double sum = 0.0;
    for (long k = std::max(0L, first); k <= std::min(static_cast<long>(input.size()) - 1, last); ++k) {
      const double t = static_cast<double>(k) - centre;
      const double arg = 2.0 * cutoff * t;
      const double sinc = arg == 0.0 ? 1.0 : std::sin(std::numbers::pi * arg) / (std::numbers::pi * arg);
      const double window = 0.5 + 0.5 * std::cos(std::numbers::pi * t / half_width);  // Hann
      sum += input[static_cast<std::size_t>(k)] * 2.0 * cutoff * sinc * window;
    }
    out[n] = static_cast<float>(sum);
  }
  return out;
}

}  // namespace pavi::modem
