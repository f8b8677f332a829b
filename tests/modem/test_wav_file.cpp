// WAV in and out: exact 8 kHz round trips, decoding a recorded file, and foreign recordings (other rates, stereo).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <sndfile.h>
#include <unistd.h>

#include "modem/v23_codec.hpp"
#include "modem/wav_file.hpp"
#include "modem/wav_resample.hpp"
#include "tests/modem/test_v23_support.hpp"

namespace pavi::modem {
namespace {

class WavFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pavikit-wav-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(WavFile, WriteThenReadGivesTheSameSamples) {
  std::vector<std::int16_t> samples{0, 1, -1, 32767, -32768, 1234, -4321};
  for (int i = 0; i < 1000; ++i) samples.push_back(static_cast<std::int16_t>((i * 7919) % 65536 - 32768));
  const auto path = dir_ / "round.wav";
  ASSERT_EQ(write_wav(path, samples), "");
  const auto read = read_wav(path);
  ASSERT_TRUE(read.ok()) << read.error;
  EXPECT_EQ(read.file_sample_rate, 8000);
  EXPECT_EQ(read.file_channels, 1);
  EXPECT_EQ(read.samples, samples);
}

TEST_F(WavFile, WrittenFileIs8kHz16BitMonoPcm) {
  const auto path = dir_ / "format.wav";
  ASSERT_EQ(write_wav(path, std::vector<std::int16_t>(800, 100)), "");
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  ASSERT_NE(file, nullptr);
  sf_close(file);
  EXPECT_EQ(info.samplerate, 8000);
  EXPECT_EQ(info.channels, 1);
  EXPECT_EQ(info.format, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  EXPECT_EQ(info.frames, 800);
}

TEST_F(WavFile, AModemStreamWrittenToAFileDecodes) {
  for (const auto channel : {V23Channel::forward, V23Channel::backward}) {
    const auto path = dir_ / "modem.wav";
    ASSERT_EQ(write_wav(path, test::encode("3615 CODE", channel)), "");
    const auto read = read_wav(path);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(test::decoded_text(read.samples, channel), "3615 CODE");
  }
}

TEST_F(WavFile, A44kHzStereoFloatRecordingIsMixedResampledAndDecoded) {
  // As a recording of a real line might come: 44.1 kHz, two channels, 32-bit float.
  const auto audio = test::encode("Minitel 1B", V23Channel::forward);
  std::vector<float> mono(audio.size());
  for (std::size_t i = 0; i < audio.size(); ++i) mono[i] = static_cast<float>(audio[i]) / 32768.0F;
  const auto high = resample(mono, 8000, 44100);
  std::vector<float> stereo;
  for (const float x : high) {
    stereo.push_back(x * 1.5F);
    stereo.push_back(x * 0.5F);  // mixed: (1.5 + 0.5) / 2 = the original level
  }
  const auto path = dir_ / "recording.wav";
  SF_INFO info{};
  info.samplerate = 44100;
  info.channels = 2;
  info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  ASSERT_NE(file, nullptr);
  sf_writef_float(file, stereo.data(), static_cast<sf_count_t>(high.size()));
  sf_close(file);

  const auto read = read_wav(path);
  ASSERT_TRUE(read.ok()) << read.error;
  EXPECT_EQ(read.file_sample_rate, 44100);
  EXPECT_EQ(read.file_channels, 2);
  EXPECT_NEAR(static_cast<double>(read.samples.size()), static_cast<double>(audio.size()), 2.0);
  EXPECT_NEAR(test::rms(read.samples) / test::rms(audio), 1.0, 0.02);
  EXPECT_EQ(test::decoded_text(read.samples, V23Channel::forward), "Minitel 1B");
}

TEST_F(WavFile, ResamplingKeepsAToneAndItsLevel) {
  std::vector<float> tone(16000);
  for (std::size_t i = 0; i < tone.size(); ++i) tone[i] = 0.3F * static_cast<float>(std::sin(2 * std::numbers::pi * 1300.0 * static_cast<double>(i) / 16000.0));
  const auto eight = resample(tone, 16000, 8000);
  ASSERT_EQ(eight.size(), 8000u);
  std::vector<std::int16_t> as_int(eight.size());
  for (std::size_t i = 0; i < eight.size(); ++i) as_int[i] = static_cast<std::int16_t>(std::lround(eight[i] * 32768.0F));
  EXPECT_NEAR(test::tone_rms(std::span(as_int).subspan(100, 7800), 1300.0) / (0.3 * 32768.0 / std::sqrt(2.0)), 1.0, 0.02);
}

TEST_F(WavFile, MissingFileGivesAnErrorNamingIt) {
  const auto read = read_wav(dir_ / "nowhere.wav");
  EXPECT_FALSE(read.ok());
  EXPECT_NE(read.error.find("nowhere.wav"), std::string::npos);
  EXPECT_TRUE(read.samples.empty());
}

TEST_F(WavFile, TextFileIsNotAudio) {
  const auto path = dir_ / "notes.wav";
  std::ofstream(path) << "this is not a WAV file\n";
  EXPECT_FALSE(read_wav(path).ok());
}

TEST_F(WavFile, UnwritablePathGivesAnError) {
  const auto error = write_wav(dir_ / "no" / "such" / "dir.wav", std::vector<std::int16_t>(10, 0));
  EXPECT_NE(error.find("dir.wav"), std::string::npos);
}

}  // namespace
}  // namespace pavi::modem
