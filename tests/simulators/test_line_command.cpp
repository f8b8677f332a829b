// `pavi line`: encode a file to WAV through a simulated line, decode WAV files, BER sweeps, channel checks, and one
// clear line with exit status 2 for every kind of bad usage.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "modem/v23_codec.hpp"
#include "modem/v23_transmitter.hpp"
#include "modem/wav_file.hpp"
#include "simulators/cli/commands.hpp"

namespace pavi::cli {
namespace {

struct Run {
  int status = 0;
  std::string out;
  std::string err;
};

Run line(std::vector<std::string> args, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  args.insert(args.begin(), "line");
  Run run;
  run.status = run_pavi(args, {in, out, err});
  run.out = out.str();
  run.err = err.str();
  return run;
}

class LineCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pavikit-line-cmd-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& content) const { std::ofstream(dir_ / name, std::ios::binary) << content; }
  std::string read(const std::string& name) const {
    std::ifstream in(dir_ / name, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  std::filesystem::path dir_;
};

TEST_F(LineCommand, HelpExplainsEveryActionAndTheLineSyntax) {
  const auto run = line({"--help"});
  EXPECT_EQ(run.status, 0);
  for (const char* text : {"pavi line encode IN OUT.wav", "pavi line decode IN.wav", "pavi line ber", "pavi line channel", "--channel 1200|75",
                           "--errors sub|drop|keep", "awgn=12dB", "burst=50ms@2s", "dropout=", "g711u", "examples:", "exit status"}) {
    EXPECT_NE(run.out.find(text), std::string::npos) << text;
  }
  EXPECT_TRUE(run.err.empty());
}

TEST_F(LineCommand, IsListedByPaviHelp) {
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  const std::vector<std::string> args{"--help"};
  EXPECT_EQ(run_pavi(args, {in, out, err}), 0);
  EXPECT_NE(out.str().find("  line "), std::string::npos);
}

TEST_F(LineCommand, EncodeThroughALineThenDecode) {
  write("page.txt", "Bienvenue sur PaviKit\r\n");
  const auto encoded = line({"encode", path("page.txt"), path("page.wav"), "--line", "atten=6dB,g711a,awgn=25dB"});
  ASSERT_EQ(encoded.status, 0) << encoded.err;
  EXPECT_NE(encoded.err.find("1200 bit/s"), std::string::npos);
  EXPECT_NE(encoded.err.find("atten=6dB,g711a,awgn=25dB"), std::string::npos);
  const auto wav = modem::read_wav(path("page.wav"));
  ASSERT_TRUE(wav.ok());
  EXPECT_EQ(wav.file_sample_rate, 8000);

  const auto decoded = line({"decode", path("page.wav")});
  ASSERT_EQ(decoded.status, 0) << decoded.err;
  EXPECT_EQ(decoded.out, "Bienvenue sur PaviKit\r\n");
  EXPECT_NE(decoded.err.find("decoded 23 characters"), std::string::npos) << decoded.err;
}

TEST_F(LineCommand, BackwardChannelFromStandardInputToAFile) {
  ASSERT_EQ(line({"encode", "-", path("keys.wav"), "--channel", "75", "--quiet"}, "\x13\x41").status, 0);
  const auto decoded = line({"decode", path("keys.wav"), path("keys.out"), "--channel", "75", "--quiet"});
  ASSERT_EQ(decoded.status, 0) << decoded.err;
  EXPECT_TRUE(decoded.err.empty());
  EXPECT_EQ(read("keys.out"), "\x13\x41");
}

TEST_F(LineCommand, AnswerSequenceIsSkippedByTheDecoder) {
  ASSERT_EQ(line({"encode", "-", path("a.wav"), "--answer", "--quiet"}, "OK").status, 0);
  const auto wav = modem::read_wav(path("a.wav"));
  EXPECT_GT(wav.samples.size(), 3u * 8000u);  // 3 s of answer tone first
  EXPECT_EQ(line({"decode", path("a.wav"), "--quiet"}).out, "OK");
}

TEST_F(LineCommand, DecodeErrorPolicies) {
  // A recording with one character sent with a wrong parity bit.
  modem::V23Transmitter tx({modem::V23Channel::forward, -22.0, -21.0});
  tx.set_output(modem::V23Transmitter::Output::carrier);
  std::vector<std::int16_t> audio(2400);
  tx.generate(audio);
  tx.send('a');
  tx.send_frame(modem::CharacterFrame::raw(modem::with_parity_bit('b') ^ 0x80));  // parity bit flipped
  tx.send('c');
  std::vector<std::int16_t> rest(2400);
  tx.generate(rest);
  audio.insert(audio.end(), rest.begin(), rest.end());
  ASSERT_EQ(modem::write_wav(path("parity.wav"), audio), "");
  EXPECT_EQ(line({"decode", path("parity.wav"), "--quiet"}).out, "a\x1A" "c");
  EXPECT_EQ(line({"decode", path("parity.wav"), "--quiet", "--errors", "drop"}).out, "ac");
  EXPECT_EQ(line({"decode", path("parity.wav"), "--quiet", "--errors=keep"}).out, "abc");
  EXPECT_NE(line({"decode", path("parity.wav")}).err.find("1 parity errors"), std::string::npos);
}

TEST_F(LineCommand, DecodeTellsWhenNoCarrierWasFound) {
  ASSERT_EQ(modem::write_wav(path("silence.wav"), std::vector<std::int16_t>(8000, 0)), "");
  const auto run = line({"decode", path("silence.wav")});
  EXPECT_EQ(run.status, 0);
  EXPECT_TRUE(run.out.empty());
  EXPECT_NE(run.err.find("no carrier found"), std::string::npos);
}

TEST_F(LineCommand, SameSeedSameFile) {
  write("in.txt", "deterministic");
  for (const char* name : {"a.wav", "b.wav"}) {
    ASSERT_EQ(line({"encode", path("in.txt"), path(name), "--line", "awgn=10dB,impulse=5/s", "--seed", "3", "--quiet"}).status, 0);
  }
  ASSERT_EQ(line({"encode", path("in.txt"), path("c.wav"), "--line", "awgn=10dB,impulse=5/s", "--seed", "4", "--quiet"}).status, 0);
  EXPECT_EQ(read("a.wav"), read("b.wav"));
  EXPECT_NE(read("a.wav"), read("c.wav"));
}

TEST_F(LineCommand, BerSweepPrintsATableAndDrawsTheChart) {
  const auto run = line({"ber", "--channel", "1200", "--from", "10", "--to", "12", "--step", "2", "--bits", "3000", "--svg", path("ber.svg")});
  ASSERT_EQ(run.status, 0) << run.err;
  std::istringstream table(run.out);
  std::string header;
  std::getline(table, header);
  EXPECT_NE(header.find("BER_1200"), std::string::npos);
  EXPECT_EQ(header.find("BER_75"), std::string::npos);
  int rows = 0;
  for (std::string row; std::getline(table, row);) ++rows;
  EXPECT_EQ(rows, 2);
  EXPECT_NE(run.err.find("Eb/N0  10.0 dB"), std::string::npos);  // the progress display
  EXPECT_NE(run.err.find("100%"), std::string::npos);
  const std::string svg = read("ber.svg");
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("non-coherent BFSK limit"), std::string::npos);
}

TEST_F(LineCommand, ChannelPrintsTheCanonicalForm) {
  const auto run = line({"channel", "awgn=12dB, g711u ,burst=50ms@2s"});
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out, "awgn=12dB,g711u,burst=50ms@2s:-10dBm0\n");
}

TEST_F(LineCommand, FilesThatCannotBeReadOrWrittenExitWith1) {
  write("in.txt", "x");
  const auto missing = line({"decode", path("missing.wav")});
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("missing.wav"), std::string::npos);
  EXPECT_EQ(line({"encode", path("missing.txt"), path("out.wav")}).status, 1);
  EXPECT_EQ(line({"encode", path("in.txt"), path("no/such/dir/out.wav")}).status, 1);
}

TEST_F(LineCommand, BadUsageGivesOneClearLineAndExit2) {
  write("in.txt", "x");
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{}, "missing action"},
      {{"frobnicate"}, "unknown action 'frobnicate'"},
      {{"encode", path("in.txt")}, "encode needs an input file and an output .wav file"},
      {{"encode", path("in.txt"), "-"}, "encode writes a WAV file"},
      {{"decode"}, "decode needs a .wav file"},
      {{"encode", path("in.txt"), path("o.wav"), "--line", "awgn=12"}, "--line: awgn: '12' has no unit (write e.g. 12dB)"},
      {{"encode", path("in.txt"), path("o.wav"), "--channel", "300"}, "option '--channel' expects 1200 or 75, got '300'"},
      {{"encode", path("in.txt"), path("o.wav"), "--level", "loud"}, "option '--level' expects a number from -60 to 3, got 'loud'"},
      {{"encode", path("in.txt"), path("o.wav"), "--cutoff", "-40"}, "option '--cutoff' does not apply to encode"},
      {{"decode", path("x.wav"), "--errors", "maybe"}, "option '--errors' expects sub, drop or keep, got 'maybe'"},
      {{"ber", "--to", "1", "--from", "5"}, "--to must not be below --from"},
      {{"ber", "--bits", "10"}, "option '--bits' expects a whole number of at least 1000, got '10'"},
      {{"ber", "extra"}, "ber takes no file names"},
      {{"channel"}, "channel needs one line description"},
      {{"channel", "reverb=3dB"}, "reverb: unknown impairment"},
      {{"--bogus"}, "unknown option '--bogus'"},
      {{"encode", path("in.txt"), path("o.wav"), "--seed", "-1"}, "option '--seed' expects a whole number, got '-1'"},
  };
  for (const auto& [args, message] : cases) {
    const auto run = line(args);
    EXPECT_EQ(run.status, 2) << message;
    EXPECT_EQ(run.err.rfind("pavi line: ", 0), 0u) << run.err;
    EXPECT_NE(run.err.find(message), std::string::npos) << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
    EXPECT_TRUE(run.out.empty()) << message;
  }
}

}  // namespace
}  // namespace pavi::cli
