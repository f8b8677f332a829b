// Encode -> decode round trip (issue 2 acceptance): pages built with encode::Page from random positions, colours,
// sizes, attributes and accented text, decoded by videotex::Decoder, show exactly the intended characters at the
// intended cells. Seeded std::mt19937 with fixed seeds, so every failure can be replayed.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "videotex/decoder.hpp"
#include "videotex/dump.hpp"
#include "videotex/encoder.hpp"
#include "videotex/g2.hpp"
#include "videotex/protocol.hpp"
#include "videotex/utf8.hpp"

namespace pavi::videotex {
namespace {

constexpr std::array<unsigned, 3> kSeeds = {20240601U, 7U, 1234567U};
constexpr int kCasesPerSeed = 100;

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char b : bytes) {
    if (!out.empty()) out += ' ';
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

Screen decode(std::string_view bytes) {
  Decoder decoder;
  decoder.feed(bytes);
  return decoder.screen();
}

// One displayed character: what a service writes (UTF-8) and what the Minitel then shows.
struct Unit {
  std::string text;
  std::string shown;
};

// Printable ASCII, the accented letters of VGP5 and the G2 symbols (vdt-format.md §5.1).
const std::vector<Unit>& ascii_units() {
  static const std::vector<Unit> units = [] {
    std::vector<Unit> out;
    for (char c = 0x20; c < 0x7F; ++c) out.push_back({std::string(1, c), std::string(1, c)});
    return out;
  }();
  return units;
}
const std::vector<Unit>& accented_units() {
  static const std::vector<Unit> units = [] {
    std::vector<Unit> out;
    for (const char* s : {"à", "â", "ä", "é", "è", "ê", "ë", "î", "ï", "ö", "ô", "ù", "û", "ü", "ç"}) out.push_back({s, s});
    return out;
  }();
  return units;
}
const std::vector<Unit>& symbol_units() {
  static const std::vector<Unit> units = [] {
    std::vector<Unit> out;
    for (const char* s : {"£", "§", "←", "↑", "→", "↓", "°", "±", "÷", "¼", "½", "¾", "Œ", "œ", "β"}) out.push_back({s, s});
    return out;
  }();
  return units;
}

template <typename T>
const T& pick(std::mt19937& rng, const std::vector<T>& from) {
  return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}
int uniform(std::mt19937& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
bool chance(std::mt19937& rng, double p) { return std::bernoulli_distribution(p)(rng); }
Colour random_colour(std::mt19937& rng) { return static_cast<Colour>(uniform(rng, 0, 7)); }

const Unit& random_unit(std::mt19937& rng) {
  const int kind = uniform(rng, 0, 99);
  if (kind < 60) return pick(rng, ascii_units());
  if (kind < 85) return pick(rng, accented_units());
  return pick(rng, symbol_units());
}

// Up to `max_units` characters, with runs of identical characters (the REP path) now and then.
std::vector<Unit> random_units(std::mt19937& rng, int max_units, int max_run = 12) {
  std::vector<Unit> out;
  const int n = uniform(rng, 0, std::max(0, max_units));
  while (static_cast<int>(out.size()) < n) {
    const Unit& u = random_unit(rng);
    const int left = n - static_cast<int>(out.size());
    const int copies = chance(rng, 0.3) ? uniform(rng, 1, std::min(left, max_run)) : 1;
    out.insert(out.end(), static_cast<std::size_t>(copies), u);
  }
  return out;
}

std::string text_of(const std::vector<Unit>& units) {
  std::string out;
  for (const auto& u : units) out += u.text;
  return out;
}

// What the page should look like: per cell, the character shown and the attributes it carries.
struct Expected {
  bool written = false;
  std::string shown = " ";
  Colour fg = Colour::white;
  bool blink = false;
  bool inverse = false;
  CharSize size = CharSize::normal;
  std::uint8_t part = 0;
};
using Model = std::array<std::array<Expected, kColumns + 1>, kRows>;  // [row][col], col 1..40

std::string expected_row(const Model& model, int row) {
  std::string out;
  for (int col = 1; col <= kColumns; ++col) {
    out += row == 0 && col == 39 ? " " : model[static_cast<std::size_t>(row)][static_cast<std::size_t>(col)].shown;
  }
  return out;
}

// Writes `units` into the model at (row, col) with the given size; large characters cover 2 or 4 cells.
void model_text(Model& model, int row, int col, const std::vector<Unit>& units, const Expected& attributes) {
  const bool wide = attributes.size == CharSize::double_width || attributes.size == CharSize::double_size;
  const bool tall = attributes.size == CharSize::double_height || attributes.size == CharSize::double_size;
  const int width = wide ? 2 : 1;
  for (std::size_t i = 0; i < units.size(); ++i) {
    for (int dy = 0; dy < (tall ? 2 : 1); ++dy) {
      for (int dx = 0; dx < width; ++dx) {
        Expected e = attributes;
        e.written = true;
        e.shown = units[i].shown;
        e.part = static_cast<std::uint8_t>((dx == 1 ? 1 : 0) | (dy == 1 ? 2 : 0));
        model[static_cast<std::size_t>(row - dy)][static_cast<std::size_t>(col + static_cast<int>(i) * width + dx)] = e;
      }
    }
  }
}

// Compares every row of rows 1-24 (and the cells' attributes) with the model.
void expect_screen(const Screen& screen, const Model& model, int first_row = 1) {
  for (int row = first_row; row < kRows; ++row) {
    EXPECT_EQ(row_text(screen, row), expected_row(model, row)) << "row " << row;
    const auto looks = screen.appearance(row);
    for (int col = 1; col <= kColumns; ++col) {
      const Expected& e = model[static_cast<std::size_t>(row)][static_cast<std::size_t>(col)];
      const Cell& cell = screen.at(row, col);
      if (!e.written) {
        if (row > 0) {
          EXPECT_EQ(cell.kind, CellKind::erased) << "row " << row << " col " << col;
        }
        continue;
      }
      EXPECT_EQ(cell.kind, CellKind::alpha) << "row " << row << " col " << col;
      EXPECT_EQ(cell.fg, e.fg) << "row " << row << " col " << col;
      EXPECT_EQ(cell.blink, e.blink) << "row " << row << " col " << col;
      EXPECT_EQ(cell.inverse, e.inverse) << "row " << row << " col " << col;
      EXPECT_EQ(cell.size, e.size) << "row " << row << " col " << col;
      EXPECT_EQ(cell.part, e.part) << "row " << row << " col " << col;
      const Appearance& a = looks[static_cast<std::size_t>(col - 1)];
      EXPECT_EQ(a.fg, e.fg) << "row " << row << " col " << col;
      EXPECT_EQ(a.bg, Colour::black) << "row " << row << " col " << col;
      EXPECT_EQ(a.inverse, e.inverse) << "row " << row << " col " << col;
      EXPECT_EQ(a.blink, e.blink) << "row " << row << " col " << col;
    }
  }
}

std::vector<int> shuffled(std::mt19937& rng, std::vector<int> values) {
  std::shuffle(values.begin(), values.end(), rng);
  return values;
}

std::vector<int> range(int from, int to, int step = 1) {
  std::vector<int> out;
  for (int v = from; v <= to; v += step) out.push_back(v);
  return out;
}

// vdt-format.md §5.1: the Unicode character a mosaic is dumped as.
std::string sextant_glyph(int v) {
  if (v == 0) return " ";
  if (v == 63) return "\u2588";
  if (v == 21) return "\u258C";
  if (v == 42) return "\u2590";
  return utf8::encode(static_cast<char32_t>(0x1FB00 + (v - 1) - (v > 21 ? 1 : 0) - (v > 42 ? 1 : 0)));
}

TEST(RoundTrip, TextLandsAtItsPositionWithItsColoursAndAttributes) {
  for (unsigned seed : kSeeds) {
    std::mt19937 rng(seed);
    for (int n = 0; n < kCasesPerSeed; ++n) {
      encode::Page page;
      page.clear().cursor(false);
      Model model{};
      Cursor cursor{1, 1};
      const auto rows = shuffled(rng, range(1, 24));
      const int fields = uniform(rng, 1, 8);
      for (int f = 0; f < fields; ++f) {
        const int row = rows[static_cast<std::size_t>(f)];
        const int col = uniform(rng, 1, kColumns);
        Expected attributes;
        attributes.fg = random_colour(rng);
        attributes.blink = chance(rng, 0.2);
        attributes.inverse = chance(rng, 0.2);
        attributes.size = chance(rng, 0.25) ? CharSize::double_width : CharSize::normal;
        const int width = attributes.size == CharSize::double_width ? 2 : 1;
        const auto units = random_units(rng, (kColumns + 1 - col) / width);
        page.at(row, col).fg(attributes.fg);
        if (attributes.size != CharSize::normal) page.size(attributes.size);
        if (attributes.blink) page.blink();
        if (attributes.inverse) page.inverse();
        page.text(text_of(units));
        model_text(model, row, col, units, attributes);
        const int end = col + static_cast<int>(units.size()) * width;
        cursor = end <= kColumns ? Cursor{row, end} : Cursor{row == 24 ? 1 : row + 1, 1};
      }
      SCOPED_TRACE("seed " + std::to_string(seed) + " case " + std::to_string(n) + ": " + hex(page.bytes()));
      const Screen screen = decode(page.bytes());
      expect_screen(screen, model);
      EXPECT_EQ(screen.cursor, cursor);
      if (HasFailure()) return;  // one replayable case is enough
    }
  }
}

TEST(RoundTrip, DoubleHeightAndDoubleSizeCoverTheRowAbove) {
  for (unsigned seed : kSeeds) {
    std::mt19937 rng(seed);
    for (int n = 0; n < kCasesPerSeed; ++n) {
      encode::Page page;
      page.clear();
      Model model{};
      const auto rows = shuffled(rng, range(2, 24, 2));  // each field owns rows r-1 and r
      const int fields = uniform(rng, 1, 6);
      for (int f = 0; f < fields; ++f) {
        const int row = rows[static_cast<std::size_t>(f)];
        const int col = uniform(rng, 1, kColumns);
        Expected attributes;
        attributes.fg = random_colour(rng);
        attributes.size = chance(rng, 0.5) ? CharSize::double_height : CharSize::double_size;
        const int width = attributes.size == CharSize::double_size ? 2 : 1;
        const auto units = random_units(rng, (kColumns + 1 - col) / width);
        page.at(row, col).fg(attributes.fg).size(attributes.size).text(text_of(units));
        model_text(model, row, col, units, attributes);
      }
      SCOPED_TRACE("seed " + std::to_string(seed) + " case " + std::to_string(n) + ": " + hex(page.bytes()));
      expect_screen(decode(page.bytes()), model);
      if (HasFailure()) return;
    }
  }
}

// Background, underline and mask are serial (videotex-terminal.md §8): a leading space validates them and the
// zone runs to the end of the text, then the erased cells that follow bring black back.
TEST(RoundTrip, SerialAttributesOpenAZoneAtTheLeadingSpace) {
  for (unsigned seed : kSeeds) {
    std::mt19937 rng(seed);
    for (int n = 0; n < kCasesPerSeed; ++n) {
      encode::Page page;
      page.clear();
      struct Field {
        int row, col, length;
        Colour fg, bg;
        bool underline, mask;
        std::string shown;
      };
      std::vector<Field> fields;
      const auto rows = shuffled(rng, range(1, 24));
      const int count = uniform(rng, 1, 8);
      for (int f = 0; f < count; ++f) {
        Field field{rows[static_cast<std::size_t>(f)], uniform(rng, 1, kColumns), 0, random_colour(rng),
                    random_colour(rng), chance(rng, 0.4), chance(rng, 0.3), " "};
        std::vector<Unit> units{{" ", " "}};
        const auto rest = random_units(rng, kColumns - field.col);
        units.insert(units.end(), rest.begin(), rest.end());
        for (const auto& u : units) field.shown += u.shown;
        field.shown.erase(0, 1);
        field.length = static_cast<int>(units.size());
        page.at(field.row, field.col).fg(field.fg).bg(field.bg);
        if (field.underline) page.underline();
        if (field.mask) page.mask();
        page.text(text_of(units));
        fields.push_back(field);
      }
      SCOPED_TRACE("seed " + std::to_string(seed) + " case " + std::to_string(n) + ": " + hex(page.bytes()));
      const Screen screen = decode(page.bytes());
      for (const Field& f : fields) {
        EXPECT_EQ(row_text(screen, f.row),
                  std::string(static_cast<std::size_t>(f.col - 1), ' ') + f.shown +
                      std::string(static_cast<std::size_t>(kColumns + 1 - f.col - f.length), ' '));
        const auto looks = screen.appearance(f.row);
        EXPECT_EQ(screen.at(f.row, f.col).kind, CellKind::delimiter) << "row " << f.row;
        EXPECT_EQ(looks[static_cast<std::size_t>(f.col - 1)].bg, f.bg) << "row " << f.row;
        for (int col = f.col + 1; col < f.col + f.length; ++col) {
          const Appearance& a = looks[static_cast<std::size_t>(col - 1)];
          EXPECT_EQ(screen.at(f.row, col).kind, CellKind::alpha) << "row " << f.row << " col " << col;
          EXPECT_EQ(a.fg, f.fg) << "row " << f.row << " col " << col;
          EXPECT_EQ(a.bg, f.bg) << "row " << f.row << " col " << col;
          EXPECT_EQ(a.underline, f.underline) << "row " << f.row << " col " << col;
          EXPECT_EQ(a.masked, f.mask) << "row " << f.row << " col " << col;
        }
        for (int col = f.col + f.length; col <= kColumns; ++col) {
          EXPECT_EQ(looks[static_cast<std::size_t>(col - 1)].bg, Colour::black) << "row " << f.row << " col " << col;
        }
      }
      if (HasFailure()) return;
    }
  }
}

TEST(RoundTrip, AllSixtyFourMosaicsKeepTheirSextants) {
  encode::Page page;
  page.clear().at(1, 1).mosaics();
  for (int v = 0; v < 64; ++v) page.mosaic(static_cast<std::uint8_t>(v));
  const Screen screen = decode(page.bytes());
  std::string row1;
  std::string row2;
  for (int v = 0; v < 64; ++v) {
    const int row = 1 + v / kColumns;
    const int col = 1 + v % kColumns;
    const Cell& cell = screen.at(row, col);
    EXPECT_EQ(cell.kind, CellKind::mosaic) << v;
    EXPECT_EQ(cell.set, CharSet::G1) << v;
    EXPECT_EQ(mosaic_sextants(cell.code), v);
    (row == 1 ? row1 : row2) += sextant_glyph(v);
  }
  EXPECT_EQ(row_text(screen, 1), row1);
  EXPECT_EQ(row_text(screen, 2), row2 + std::string(kColumns - 24, ' '));
}

TEST(RoundTrip, MosaicRunsKeepSextantsColoursAndSeparation) {
  for (unsigned seed : kSeeds) {
    std::mt19937 rng(seed);
    for (int n = 0; n < kCasesPerSeed; ++n) {
      encode::Page page;
      page.clear();
      const int row = uniform(rng, 1, 24);
      const int col = uniform(rng, 1, kColumns);
      const int v = uniform(rng, 0, 63);
      const int count = uniform(rng, 1, kColumns + 1 - col);
      const Colour fg = random_colour(rng);
      const Colour bg = random_colour(rng);
      const bool separated = chance(rng, 0.5);
      page.at(row, col).mosaics().fg(fg).bg(bg).underline(separated);
      page.repeat(encode::mosaic(static_cast<std::uint8_t>(v)), count);
      SCOPED_TRACE("seed " + std::to_string(seed) + " case " + std::to_string(n) + ": " + hex(page.bytes()));
      const Screen screen = decode(page.bytes());
      const auto looks = screen.appearance(row);
      std::string expected(static_cast<std::size_t>(col - 1), ' ');
      for (int i = 0; i < count; ++i) expected += sextant_glyph(v);
      expected += std::string(static_cast<std::size_t>(kColumns + 1 - col - count), ' ');
      EXPECT_EQ(row_text(screen, row), expected);
      for (int c = col; c < col + count; ++c) {
        const Cell& cell = screen.at(row, c);
        EXPECT_EQ(cell.kind, CellKind::mosaic) << "col " << c;
        EXPECT_EQ(mosaic_sextants(cell.code), v) << "col " << c;
        EXPECT_EQ(cell.fg, fg) << "col " << c;
        EXPECT_EQ(cell.bg, bg) << "col " << c;
        EXPECT_EQ(cell.underline, separated) << "col " << c;
        EXPECT_EQ(looks[static_cast<std::size_t>(c - 1)].bg, bg) << "col " << c;
      }
      EXPECT_EQ(screen.cursor, (count + col <= kColumns ? Cursor{row, col + count} : Cursor{row == 24 ? 1 : row + 1, 1}));
      if (HasFailure()) return;
    }
  }
}

// Random pages mixing every helper, overlapping writes, wraps, long runs, mosaics, row 0 and protocol sequences:
// the REP-compressed page, the same page without REP, and compress() of the latter all give the same screen.
TEST(RoundTrip, CompressionNeverChangesTheScreen) {
  for (unsigned seed : kSeeds) {
    std::mt19937 rng(seed);
    for (int n = 0; n < kCasesPerSeed; ++n) {
      encode::Page compressed;
      encode::Page plain;
      const auto both = [&](const std::string& bytes) {
        compressed.raw(bytes);
        plain.raw(bytes);
      };
      both(encode::clear());
      const int ops = uniform(rng, 1, 40);
      for (int op = 0; op < ops; ++op) {
        switch (uniform(rng, 0, 17)) {
          case 0: both(encode::position(uniform(rng, 0, 24), uniform(rng, 1, 40))); break;
          case 1: both(encode::foreground(random_colour(rng))); break;
          case 2: both(encode::background(random_colour(rng))); break;
          case 3: both(encode::size(static_cast<CharSize>(uniform(rng, 0, 3)))); break;
          case 4: both(encode::blink(chance(rng, 0.5)) + encode::inverse(chance(rng, 0.5))); break;
          case 5: both(encode::underline(chance(rng, 0.5)) + encode::mask(chance(rng, 0.5))); break;
          case 6: both(std::string(1, "\x08\x09\x0A\x0B\x0D"[uniform(rng, 0, 4)])); break;
          case 7: both(chance(rng, 0.5) ? encode::clear_to_end_of_line() : encode::clear_status_row()); break;
          case 8: both(chance(rng, 0.5) ? pro::pro1(pro::ENQROM) : pro::pro2(pro::START, pro::MODE_ROLL)); break;
          case 9: {
            both(encode::mosaic_mode());  // always: LF from row 0 may have restored either set
            const auto m = encode::mosaic(static_cast<std::uint8_t>(uniform(rng, 0, 63)));
            const int count = uniform(rng, 1, 150);
            compressed.repeat(m, count);
            std::string run;
            for (int i = 0; i < count; ++i) run += m;
            plain.raw(run);
            break;
          }
          case 10: {
            // A sequence whose last byte is a printable character, then a run of that very character: only the
            // run may become REP.
            const std::string sequences[] = {encode::foreground(random_colour(rng)),
                                             encode::background(random_colour(rng)),
                                             encode::size(static_cast<CharSize>(uniform(rng, 0, 3))),
                                             encode::position(uniform(rng, 1, 24), uniform(rng, 1, 40)),
                                             pro::pro1(pro::ENQROM),
                                             pro::pro2(pro::START, pro::MODE_ROLL),
                                             pro::pro3(pro::START, pro::RX_KEYBOARD, pro::KEYBOARD_EXTENDED),
                                             "\x1B[2K",
                                             "\x1B# _"};
            const std::string& sequence = sequences[uniform(rng, 0, 8)];
            const std::string run(static_cast<std::size_t>(uniform(rng, 3, 70)), sequence.back());
            both(encode::text_mode() + sequence);
            compressed.text(run);
            plain.raw(run);
            break;
          }
          case 11: {
            // SS2 in mosaic mode: a Minitel ignores it, so compress() must not turn these into REP.
            std::string run;
            const Unit& u = chance(rng, 0.5) ? pick(rng, accented_units()) : pick(rng, symbol_units());
            for (int i = uniform(rng, 2, 6); i > 0; --i) run += g2::encode(u.text);
            both(encode::mosaic_mode() + run);
            break;
          }
          default: {
            both(encode::text_mode());  // text() is for G0
            const auto units = random_units(rng, 120, 90);
            compressed.text(text_of(units));
            plain.raw(g2::encode(text_of(units)));
            break;
          }
        }
      }
      SCOPED_TRACE("seed " + std::to_string(seed) + " case " + std::to_string(n) + ": " + hex(plain.bytes()));
      const std::string recompressed = encode::compress(plain.bytes());
      EXPECT_LE(compressed.bytes().size(), plain.bytes().size());
      EXPECT_LE(recompressed.size(), plain.bytes().size());
      Decoder a;
      Decoder b;
      Decoder c;
      a.feed(compressed.bytes());
      b.feed(plain.bytes());
      c.feed(recompressed);
      EXPECT_EQ(text_dump(a.screen()), text_dump(b.screen()));
      EXPECT_EQ(attribute_dump(a.screen()), attribute_dump(b.screen()));
      EXPECT_TRUE(a.screen() == b.screen());
      EXPECT_TRUE(c.screen() == b.screen());
      EXPECT_EQ(a.take_replies(), b.take_replies());
      if (HasFailure()) return;
    }
  }
}

// Arbitrary streams made of Videotex's own bytes (controls, ESC/US/SS2/PRO/CSI/DRCS introducers, NUL, 8-bit
// bytes) in repeated clumps: compress() parses them as the decoder does, so the screen and the replies never change.
TEST(RoundTrip, CompressKeepsTheScreenOfAnyStream) {
  static constexpr std::uint8_t kPool[] = {
      0x00, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x11, 0x12, 0x13, 0x14, 0x18, 0x19, 0x1A, 0x1B, 0x1D,
      0x1E, 0x1F, 0x20, 0x23, 0x25, 0x28, 0x2F, 0x30, 0x31, 0x32, 0x35, 0x39, 0x3A, 0x3B, 0x3F, 0x40, 0x41, 0x42,
      0x43, 0x44, 0x48, 0x4B, 0x4D, 0x4E, 0x50, 0x58, 0x5A, 0x5B, 0x5F, 0x61, 0x65, 0x66, 0x69, 0x7B, 0x7F, 0xC1};
  for (unsigned seed : kSeeds) {
    std::mt19937 rng(seed);
    for (int n = 0; n < 3 * kCasesPerSeed; ++n) {
      std::string stream;
      for (int length = uniform(rng, 1, 300), i = 0; i < length; ++i) {
        const auto byte = static_cast<char>(kPool[uniform(rng, 0, static_cast<int>(std::size(kPool)) - 1)]);
        stream.append(static_cast<std::size_t>(chance(rng, 0.3) ? uniform(rng, 2, 8) : 1), byte);
      }
      const std::string compressed = encode::compress(stream);
      SCOPED_TRACE("seed " + std::to_string(seed) + " case " + std::to_string(n) + ": " + hex(stream) + " -> " +
                   hex(compressed));
      EXPECT_LE(compressed.size(), stream.size());
      Decoder a;
      Decoder b;
      a.feed(stream);
      b.feed(compressed);
      EXPECT_EQ(text_dump(a.screen()), text_dump(b.screen()));
      EXPECT_TRUE(a.screen() == b.screen());
      EXPECT_EQ(a.take_replies(), b.take_replies());
      if (HasFailure()) return;
    }
  }
}

TEST(RoundTrip, LongRunsWrapOntoTheNextRows) {
  for (const char* ch : {"x", "é", "£", " "}) {
    std::string text;
    for (int i = 0; i < 100; ++i) text += ch;
    const encode::Page page = encode::Page().clear().at(3, 1).text(text);
    SCOPED_TRACE(hex(page.bytes()));
    EXPECT_LT(page.bytes().size(), 20U);
    const Screen screen = decode(page.bytes());
    std::string full;
    for (int i = 0; i < kColumns; ++i) full += ch;
    std::string half;
    for (int i = 0; i < 20; ++i) half += ch;
    EXPECT_EQ(row_text(screen, 3), full);
    EXPECT_EQ(row_text(screen, 4), full);
    EXPECT_EQ(row_text(screen, 5), half + std::string(20, ' '));
    EXPECT_EQ(screen.at(5, 20).kind, CellKind::alpha);
    EXPECT_EQ(screen.at(5, 21).kind, CellKind::erased);
    EXPECT_EQ(screen.cursor, (Cursor{5, 21}));
  }
}

TEST(RoundTrip, WhatTheMinitelCannotShowGetsAStandIn) {
  const encode::Page page = encode::Page().clear().at(1, 1).text("É À Ç ß 5€ … «ok» 漢");
  const Screen screen = decode(page.bytes());
  EXPECT_EQ(row_text(screen, 1), std::string("E A ç β 5EUR ... \"ok\" ?") + std::string(17, ' '));
}

TEST(RoundTrip, StatusRowAndBack) {
  const encode::Page page = encode::Page()
                                .clear()
                                .at(5, 5)
                                .text("x")
                                .clear_status_row()
                                .at(0, 33)
                                .fg(Colour::yellow)
                                .text("été ½ ABC")
                                .raw("\n")
                                .text("y");
  const Screen screen = decode(page.bytes());
  // "été ½ ABC" is 9 characters from column 33: no wrap on row 0, the last ones overwrite column 40.
  EXPECT_EQ(screen.at(0, 33).glyph, U'é');
  EXPECT_EQ(screen.at(0, 33).fg, Colour::yellow);
  EXPECT_EQ(screen.at(0, 37).glyph, U'½');
  EXPECT_EQ(screen.at(0, 39).glyph, U'A');  // in page memory, but the dump keeps the F/C indicator blank
  EXPECT_EQ(screen.at(0, 40).glyph, U'C');
  EXPECT_EQ(row_text(screen, 0), std::string(32, ' ') + "été ½  C");
  EXPECT_EQ(row_text(screen, 5), "    xy" + std::string(34, ' '));
  EXPECT_EQ(screen.at(5, 6).fg, Colour::white);  // LF restored the attributes of row 5
}

// vdt-format.md §5.3, built with the helpers (test_encoder checks the bytes) and decoded.
TEST(RoundTrip, WorkedExampleOfTheDumpFormat) {
  const encode::Page page = encode::Page()
                                .clear()
                                .cursor(false)
                                .at(0, 1)
                                .text("MINIPAVI")
                                .raw("\n")
                                .at(1, 1)
                                .fg(Colour::blue)
                                .text("Café")
                                .at(2, 1)
                                .mosaics()
                                .fg(Colour::red)
                                .repeat(encode::mosaic(63), 8)
                                .mosaic(1 | 2)
                                .alpha()
                                .at(3, 1)
                                .bg(Colour::blue)
                                .text(" Hello")
                                .bg(Colour::black)
                                .text(" !")
                                .at(5, 5)
                                .size(CharSize::double_width)
                                .text("AB");
  const Screen screen = decode(page.bytes());
  EXPECT_EQ(row_text(screen, 0), "MINIPAVI" + std::string(32, ' '));
  EXPECT_EQ(row_text(screen, 1), "Café" + std::string(36, ' '));
  EXPECT_EQ(row_text(screen, 2), "████████\U0001FB02" + std::string(31, ' '));
  EXPECT_EQ(row_text(screen, 3), " Hello !" + std::string(32, ' '));
  EXPECT_EQ(row_text(screen, 5), "    AABB" + std::string(32, ' '));
  EXPECT_EQ(screen.at(1, 4).fg, Colour::blue);
  EXPECT_EQ(screen.appearance(3)[2].bg, Colour::blue);
  EXPECT_EQ(screen.appearance(3)[7].bg, Colour::black);
  EXPECT_EQ(screen.cursor, (Cursor{5, 9}));
  EXPECT_FALSE(screen.cursor_visible);
}

}  // namespace
}  // namespace pavi::videotex
