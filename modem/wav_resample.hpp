// Sample-rate conversion for recordings that are not 8 kHz: a windowed-sinc interpolator whose low-pass sits below
// the lower of the two Nyquist frequencies. Slow but exact enough for decoding files; not used in simulations.
#pragma once

#include <span>
#include <vector>

namespace pavi::modem {

std::vector<float> resample(std::span<const float> input, int from_rate, int to_rate);

}  // namespace pavi::modem
