// Interop with an independent V.23 implementation: minimodem (Debian package). minimodem encodes -> PaviKit
// decodes, and PaviKit encodes -> minimodem decodes, byte-exact on both channels. minimodem has no parity option,
// so it runs 8N1 with the even parity in bit 7: the same 10 bits on the line as 7E1.
// Each minimodem run is a child process with a time limit; the test is skipped when minimodem is not installed.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "modem/v23_codec.hpp"
#include "modem/wav_file.hpp"
#include "tests/modem/test_v23_support.hpp"

namespace pavi::modem {
namespace {

std::optional<std::filesystem::path> minimodem_program() {
  const char* env = std::getenv("PAVIKIT_MINIMODEM");
  const std::filesystem::path path = env != nullptr ? env : PAVIKIT_MINIMODEM;
  std::error_code ec;
  if (path.empty() || !std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  return path;
}

// Runs a program with stdin and stdout redirected to files; kills it after `limit`. Returns its exit status, or
// nullopt when it had to be killed or could not start.
std::optional<int> run_bounded(const std::vector<std::string>& argv, const std::filesystem::path& in,
                               const std::filesystem::path& out, std::chrono::seconds limit) {
  const pid_t pid = ::fork();
  if (pid < 0) return std::nullopt;
  if (pid == 0) {
    const int in_fd = ::open(in.c_str(), O_RDONLY);
    const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int null_fd = ::open("/dev/null", O_WRONLY);
    if (in_fd < 0 || out_fd < 0 || null_fd < 0) ::_exit(126);
    ::dup2(in_fd, 0);
    ::dup2(out_fd, 1);
    ::dup2(null_fd, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return WIFEXITED(status) ? std::optional<int>(WEXITSTATUS(status)) : std::nullopt;
}

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct ChannelCase {
  V23Channel channel;
  const char* mark;
  const char* space;
  const char* rate;
};

class MinimodemInterop : public ::testing::TestWithParam<ChannelCase> {
 protected:
  void SetUp() override {
    program_ = minimodem_program();
    if (!program_) GTEST_SKIP() << "minimodem is not installed (Debian package `minimodem`, see ci/install-deps.sh)";
    dir_ = std::filesystem::temp_directory_path() / ("pavikit-minimodem-" + std::to_string(::getpid()) + "-" +
                                                     std::string(name(GetParam().channel)));
    std::filesystem::create_directories(dir_);
    // Every 7-bit value, and a line of text.
    for (int b = 0; b < 128; ++b) text_ += static_cast<char>(b);
    text_ += "3615 MINIPAVI\r\n";
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::vector<std::string> minimodem(const char* direction, const std::filesystem::path& wav) const {
    const auto& c = GetParam();
    return {program_->string(), direction, "--file", wav.string(), "--samplerate", "8000", "--mark", c.mark, "--space",
            c.space, "-8", "--startbits", "1", "--stopbits", "1", "--quiet", c.rate};
  }

  std::string with_parity(const std::string& text) const {
    std::string out;
    for (const char ch : text) out += static_cast<char>(with_parity_bit(static_cast<std::uint8_t>(ch)));
    return out;
  }

  std::optional<std::filesystem::path> program_;
  std::filesystem::path dir_;
  std::string text_;
};

TEST_P(MinimodemInterop, MinimodemEncodesPaviKitDecodes) {
  const auto input = dir_ / "to_send.bin";
  std::ofstream(input, std::ios::binary) << with_parity(text_);
  const auto wav = dir_ / "minimodem.wav";
  const auto status = run_bounded(minimodem("--tx", wav), input, dir_ / "tx.out", std::chrono::seconds(15));
  ASSERT_EQ(status, 0) << "minimodem --tx failed or timed out";

  const auto read = read_wav(wav);
  ASSERT_TRUE(read.ok()) << read.error;
  const auto result = test::decode(read.samples, GetParam().channel);
  EXPECT_EQ(characters_to_bytes(result.characters, ErrorPolicy::keep), text_);
  EXPECT_EQ(result.stats.parity_errors, 0u);
  EXPECT_EQ(result.stats.framing_errors, 0u);
}

TEST_P(MinimodemInterop, PaviKitEncodesMinimodemDecodes) {
  const auto wav = dir_ / "pavikit.wav";
  ASSERT_EQ(write_wav(wav, test::encode(text_, GetParam().channel)), "");
  const auto output = dir_ / "received.bin";
  const auto status = run_bounded(minimodem("--rx", wav), "/dev/null", output, std::chrono::seconds(15));
  ASSERT_TRUE(status.has_value()) << "minimodem --rx timed out";
  EXPECT_EQ(read_all(output), with_parity(text_));
}

INSTANTIATE_TEST_SUITE_P(V23, MinimodemInterop,
                         ::testing::Values(ChannelCase{V23Channel::forward, "1300", "2100", "1200"},
                                           ChannelCase{V23Channel::backward, "390", "450", "75"}),
                         [](const auto& info) { return std::string(info.param.channel == V23Channel::forward ? "Forward1200" : "Backward75"); });

}  // namespace
}  // namespace pavi::modem
