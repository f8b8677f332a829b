// Transcript JSON lines: round trip, documented fields, clear errors on bad files, replay of the received side.
#include <gtest/gtest.h>

#include <filesystem>

#include "simulators/terminal/transcript.hpp"
#include "tests/support/test_paths.hpp"
#include "videotex/dump.hpp"

namespace pavi::sim {
namespace {

using test::bytes;
using Kind = TranscriptEntry::Kind;
using Source = TranscriptEntry::Source;

Transcript sample() {
  Transcript t;
  t.endpoint = "ws://127.0.0.1:8182/";
  t.started_utc = "2025-01-31T12:00:00.123Z";
  t.entries.push_back({std::chrono::microseconds(0), Kind::event, Source::none, false, "connected: ws://127.0.0.1:8182/"});
  t.entries.push_back({std::chrono::microseconds(1520), Kind::received, Source::none, false, bytes("1B 39 7B 0C \"HI\"")});
  t.entries.push_back({std::chrono::microseconds(1610), Kind::sent, Source::protocol, false, bytes("01 43 75 3B 04")});
  t.entries.push_back({std::chrono::microseconds(9000), Kind::sent, Source::keyboard, true, "X"});
  t.entries.push_back({std::chrono::microseconds(9100), Kind::sent, Source::raw, false, bytes("00 FF 80")});
  t.entries.push_back({std::chrono::microseconds(9200), Kind::event, Source::none, false, "closed: closed by peer"});
  return t;
}

TEST(TerminalTranscript, RoundTripsThroughJsonLines) {
  const Transcript original = sample();
  const TranscriptLoad loaded = parse_transcript(to_jsonl(original));
  ASSERT_TRUE(loaded.transcript) << loaded.error;
  EXPECT_EQ(*loaded.transcript, original);
}

TEST(TerminalTranscript, LinesFollowTheDocumentedFormat) {
  const std::string text = to_jsonl(sample());
  EXPECT_NE(text.find(R"("format":"pavikit-transcript")"), std::string::npos);
  EXPECT_NE(text.find(R"("t_us":1520)"), std::string::npos);
  EXPECT_NE(text.find(R"("dir":"rx")"), std::string::npos);
  EXPECT_NE(text.find(R"("hex":"1b397b0c4849")"), std::string::npos);
  EXPECT_NE(text.find(R"("by":"protocol")"), std::string::npos);
  EXPECT_NE(text.find(R"("echo":true)"), std::string::npos);
  EXPECT_NE(text.find(R"("event":"closed: closed by peer")"), std::string::npos);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 7);
}

TEST(TerminalTranscript, ReceivedAndSentConcatenate) {
  const Transcript t = sample();
  EXPECT_EQ(t.received(), bytes("1B 39 7B 0C \"HI\""));
  EXPECT_EQ(t.sent(), bytes("01 43 75 3B 04 \"X\" 00 FF 80"));
}

TEST(TerminalTranscript, UnknownFieldsAndBlankLinesAreIgnored) {
  const std::string text =
      "{\"format\":\"pavikit-transcript\",\"version\":1,\"extra\":3}\n\n"
      "{\"t_us\":5,\"dir\":\"rx\",\"hex\":\"41\",\"note\":\"x\"}\r\n";
  const TranscriptLoad loaded = parse_transcript(text);
  ASSERT_TRUE(loaded.transcript) << loaded.error;
  ASSERT_EQ(loaded.transcript->entries.size(), 1u);
  EXPECT_EQ(loaded.transcript->entries[0].bytes, "A");
}

TEST(TerminalTranscript, BadInputGivesTheLineAndTheReason) {
  const std::string header = "{\"format\":\"pavikit-transcript\",\"version\":1}\n";
  EXPECT_EQ(parse_transcript("").error, "empty transcript (no header line)");
  EXPECT_EQ(parse_transcript("{\"t_us\":1}\n").error.rfind("line 1: not a PaviKit transcript", 0), 0u);
  EXPECT_EQ(parse_transcript("{\"format\":\"pavikit-transcript\",\"version\":99}").error,
            "line 1: unsupported transcript version");
  EXPECT_EQ(parse_transcript(header + "not json\n").error, "line 2: not a JSON object");
  EXPECT_EQ(parse_transcript(header + "{\"t_us\":1,\"dir\":\"rx\",\"hex\":\"4\"}").error, "line 2: missing or bad \"hex\"");
  EXPECT_EQ(parse_transcript(header + "{\"t_us\":1,\"dir\":\"rx\",\"hex\":\"zz\"}").error, "line 2: missing or bad \"hex\"");
  EXPECT_EQ(parse_transcript(header + "{\"dir\":\"rx\",\"hex\":\"41\"}").error, "line 2: missing or bad \"t_us\"");
  EXPECT_EQ(parse_transcript(header + "{\"t_us\":1,\"dir\":\"up\",\"hex\":\"41\"}").error.rfind("line 2: expected \"dir\"", 0), 0u);
  EXPECT_FALSE(parse_transcript(header + "[1,2]").transcript);
  EXPECT_FALSE(parse_transcript(header + "{\"t_us\":1,\"event\":5}").transcript);
}

TEST(TerminalTranscript, TruncatedOrBinaryFilesNeverThrow) {
  const std::string text = to_jsonl(sample());
  for (std::size_t cut = 0; cut < text.size(); cut += 7) {
    (void)parse_transcript(std::string_view(text).substr(0, cut));
  }
  std::string binary;
  for (int i = 0; i < 2000; ++i) binary += static_cast<char>((i * 31 + 7) & 0xFF);
  EXPECT_FALSE(parse_transcript(binary).transcript);
}

TEST(TerminalTranscript, ReplayFeedsReceivedAndEchoedBytes) {
  const videotex::Screen screen = replay_screen(sample());
  EXPECT_EQ(videotex::row_text(screen, 1).substr(0, 3), "HIX");  // "X" was echoed locally; the raw bytes were not
}

TEST(TerminalTranscript, SavesAndLoadsFiles) {
  const auto path = std::filesystem::path(PAVIKIT_BINARY_DIR) / "terminal_transcript_test.jsonl";
  std::string error;
  ASSERT_TRUE(save_transcript(sample(), path.string(), error)) << error;
  const TranscriptLoad loaded = load_transcript(path.string());
  ASSERT_TRUE(loaded.transcript) << loaded.error;
  EXPECT_EQ(*loaded.transcript, sample());
  std::filesystem::remove(path);
  EXPECT_NE(load_transcript(path.string()).error.find("cannot read"), std::string::npos);
  EXPECT_FALSE(save_transcript(sample(), "/nonexistent-dir/x.jsonl", error));
  EXPECT_NE(error.find("cannot write"), std::string::npos);
}

}  // namespace
}  // namespace pavi::sim
