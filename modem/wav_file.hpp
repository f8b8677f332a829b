// WAV in and out through libsndfile. PaviKit writes 8 kHz 16-bit mono; it reads any file libsndfile reads
// (a recording of a real line may be 44.1 kHz stereo, 24-bit, FLAC...): channels are mixed and the rate converted.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace pavi::modem {

struct WavRead {
  std::vector<std::int16_t> samples;  // 8 kHz mono
  int file_sample_rate = 0;
  int file_channels = 0;
  std::string error;  // empty on success
  bool ok() const { return error.empty(); }
};

WavRead read_wav(const std::filesystem::path& path);

// Returns an empty string on success, else why it failed.
std::string write_wav(const std::filesystem::path& path, std::span<const std::int16_t> samples, int sample_rate = 8000);

}  // namespace pavi::modem
