// libsndfile reading and writing (see wav_file.hpp).
#include "modem/wav_file.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string_view>

#include <sndfile.h>

#include "modem/wav_resample.hpp"

namespace pavi::modem {
namespace {

struct SndfileCloser {
  void operator()(SNDFILE* file) const { sf_close(file); }
};
using SndfilePtr = std::unique_ptr<SNDFILE, SndfileCloser>;

// libsndfile says "System error : No such file or directory."; keep the useful part.
std::string reason(SNDFILE* file) {
  std::string text = sf_strerror(file);
  constexpr std::string_view kPrefix = "System error : ";
  if (text.rfind(kPrefix, 0) == 0) text.erase(0, kPrefix.size());
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

WavRead read_wav(const std::filesystem::path& path) {
  WavRead result;
  SF_INFO info{};
  SndfilePtr file(sf_open(path.c_str(), SFM_READ, &info));
  if (!file) {
    result.error = path.string() + ": " + reason(nullptr);
    return result;
  }
  result.file_sample_rate = info.samplerate;
  result.file_channels = info.channels;
  if (info.channels <= 0 || info.samplerate <= 0) {
    result.error = path.string() + ": no audio in this file";
    return result;
  }
  const auto channels = static_cast<std::size_t>(info.channels);
  std::vector<float> interleaved(static_cast<std::size_t>(std::max<sf_count_t>(info.frames, 0)) * channels);
  const sf_count_t got = sf_readf_float(file.get(), interleaved.data(), info.frames);
  interleaved.resize(static_cast<std::size_t>(std::max<sf_count_t>(got, 0)) * channels);

  std::vector<float> mono(interleaved.size() / channels);
  for (std::size_t i = 0; i < mono.size(); ++i) {
    float sum = 0.0F;
    for (std::size_t c = 0; c < channels; ++c) sum += interleaved[i * channels + c];
    mono[i] = sum / static_cast<float>(channels);
  }
  if (info.samplerate != 8000) mono = resample(mono, info.samplerate, 8000);
  result.samples.resize(mono.size());
  // libsndfile scales 16-bit files by 1/32768, so this gives back the exact samples of an 8 kHz 16-bit file.
  std::transform(mono.begin(), mono.end(), result.samples.begin(), [](float x) {
    return static_cast<std::int16_t>(std::clamp(std::nearbyint(x * 32768.0F), -32768.0F, 32767.0F));
  });
  return result;
}

std::string write_wav(const std::filesystem::path& path, std::span<const std::int16_t> samples, int sample_rate) {
  SF_INFO info{};
  info.samplerate = sample_rate;
  info.channels = 1;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SndfilePtr file(sf_open(path.c_str(), SFM_WRITE, &info));
  if (!file) return path.string() + ": " + reason(nullptr);
  const auto count = static_cast<sf_count_t>(samples.size());
  if (sf_write_short(file.get(), samples.data(), count) != count) return path.string() + ": " + reason(file.get());
  return {};
}

}  // namespace pavi::modem
