// Every real page of ../shared/corpus/vdt decodes from the power-on state without error, leaves the cursor in range,
// gives well-formed dumps (vdt-format.md §5), and decodes to the same screen however the bytes are split.
// Skips when ../shared is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/test_paths.hpp"
#include "videotex/decoder.hpp"
#include "videotex/dump.hpp"

namespace {

namespace fs = std::filesystem;
using namespace pavi::videotex;

std::vector<fs::path> corpus_files(const fs::path& shared) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(shared / "corpus" / "vdt")) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Strict UTF-8 decoding (no overlongs, no surrogates, nothing above U+10FFFF); nullopt when invalid.
std::optional<std::u32string> strict_utf8(std::string_view text) {
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t cp = 0;
    if (lead < 0x80) length = 1, cp = lead;
    else if ((lead & 0xE0) == 0xC0) length = 2, cp = lead & 0x1F;
    else if ((lead & 0xF0) == 0xE0) length = 3, cp = lead & 0x0F;
    else if ((lead & 0xF8) == 0xF0) length = 4, cp = lead & 0x07;
    else return std::nullopt;
    if (i + length > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (next & 0x3F);
    }
    if (cp < kSmallest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    out += cp;
    i += length;
  }
  return out;
}

// vdt-format.md §5.1: 25 lines "NN|" + 40 printable code points + "|"; empty string when well formed.
std::string text_dump_problem(const std::string& dump) {
  if (dump.empty() || dump.back() != '\n') return "does not end with a newline";
  std::istringstream in(dump);
  std::string line;
  int row = 0;
  for (; std::getline(in, line); ++row) {
    const std::string prefix = (row < 10 ? "0" : "") + std::to_string(row) + "|";
    if (line.compare(0, 3, prefix) != 0) return "row " + std::to_string(row) + ": bad prefix";
    if (line.size() < 4 || line.back() != '|') return "row " + std::to_string(row) + ": no closing bar";
    const auto decoded = strict_utf8(std::string_view(line).substr(3, line.size() - 4));
    if (!decoded) return "row " + std::to_string(row) + ": invalid UTF-8";
    if (decoded->size() != 40) return "row " + std::to_string(row) + ": " + std::to_string(decoded->size()) + " chars";
    for (const char32_t cp : *decoded) {
      if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return "row " + std::to_string(row) + ": control";
    }
  }
  return row == 25 ? "" : std::to_string(row) + " lines";
}

bool same_stats(const DecoderStats& a, const DecoderStats& b) {
  return a.bytes == b.bytes && a.high_bit_bytes == b.high_bit_bytes && a.ignored_sequences == b.ignored_sequences &&
         a.bells == b.bells && a.clears == b.clears && a.drcs_glyphs == b.drcs_glyphs;
}

TEST(Corpus, EveryPageDecodesWithWellFormedDumps) {
  const auto shared = pavi::test::shared_dir();
  if (!shared) GTEST_SKIP() << "../shared is absent";
  const std::vector<fs::path> files = corpus_files(*shared);
  ASSERT_FALSE(files.empty());
  RecordProperty("pages", static_cast<int>(files.size()));
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    const std::string data = pavi::test::read_file(file);
    Decoder decoder;
    ASSERT_NO_THROW(decoder.feed(data));
    const Screen& screen = decoder.screen();
    EXPECT_GE(screen.cursor.row, 0);
    EXPECT_LE(screen.cursor.row, 24);
    EXPECT_GE(screen.cursor.col, 1);
    EXPECT_LE(screen.cursor.col, 40);
    EXPECT_EQ(decoder.stats().bytes, data.size());
    std::string text;
    ASSERT_NO_THROW(text = text_dump(screen));
    EXPECT_EQ(text_dump_problem(text), "");
    std::string json;
    ASSERT_NO_THROW(json = json_dump(screen));
    nlohmann::json parsed;
    ASSERT_NO_THROW(parsed = nlohmann::json::parse(json));
    ASSERT_TRUE(parsed.contains("rows"));
    ASSERT_EQ(parsed["rows"].size(), 25U);
    for (const auto& row : parsed["rows"]) EXPECT_EQ(row.size(), 40U);
    EXPECT_NO_THROW(attribute_dump(screen));
  }
}

TEST(Corpus, SplitFeedingGivesTheSameScreen) {
  const auto shared = pavi::test::shared_dir();
  if (!shared) GTEST_SKIP() << "../shared is absent";
  const std::vector<fs::path> files = corpus_files(*shared);
  ASSERT_FALSE(files.empty());
  std::mt19937 random(1984U);
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    const std::string data = pavi::test::read_file(file);
    Decoder whole;
    whole.feed(data);

    Decoder bytewise;
    for (const char byte : data) bytewise.feed(static_cast<std::uint8_t>(byte));

    Decoder chunked;
    std::uniform_int_distribution<std::size_t> length(1, 16);
    for (std::size_t at = 0; at < data.size();) {
      const std::size_t n = std::min(length(random), data.size() - at);
      chunked.feed(std::string_view(data).substr(at, n));
      at += n;
    }

    EXPECT_TRUE(bytewise.screen() == whole.screen()) << "byte at a time differs:\n"
                                                     << full_dump(bytewise.screen());
    EXPECT_TRUE(chunked.screen() == whole.screen()) << "random chunks differ:\n" << full_dump(chunked.screen());
    EXPECT_EQ(bytewise.take_replies(), whole.take_replies());
    EXPECT_TRUE(same_stats(bytewise.stats(), whole.stats()));
    EXPECT_TRUE(same_stats(chunked.stats(), whole.stats()));
  }
}

}  // namespace
