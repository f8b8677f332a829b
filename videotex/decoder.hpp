// The Videotex decoder: a byte-at-a-time state machine that a Minitel runs on what it receives.
// It updates a Screen, answers protocol requests ("bytes to send back"), and never throws on any input.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "videotex/protocol.hpp"
#include "videotex/screen.hpp"

namespace pavi::videotex {

struct DecoderOptions {
  pro::Identity identity = pro::kMinitel1B;  // answered to PRO1 ENQROM
  // Called just before FF erases the page (replay uses it to save frames).
  std::function<void(const Screen&)> before_clear;
};

// Terminal modes changed by protocol sequences; the keyboard and the line layers read them.
struct TerminalModes {
  bool pce = false;                // PRO2 START 44 acknowledged: the line carries PCE blocks
  bool lowercase = false;          // PRO2 START 45
  bool extended_keyboard = false;  // PRO3 69 59 41
  bool cursor_keys_c0 = false;     // PRO3 69 59 43
  bool local_echo = false;         // route keyboard -> screen made (PRO3 ON 58 51)
  bool connected = true;           // PRO1 DECONNEXION / CONNEXION
  bool modem_acknowledges = true;  // PRO2 64/65 52: acknowledgements of 43/45 sent or not
  bool screen_blocked = false;     // PRO3 OFF 58 50
};

struct DecoderStats {
  std::uint64_t bytes = 0;              // bytes fed
  std::uint64_t high_bit_bytes = 0;     // bytes >= 0x80 (bit 7 cleared before decoding)
  std::uint64_t ignored_sequences = 0;  // unknown, unsupported or interrupted sequences
  std::uint64_t bells = 0;
  std::uint64_t clears = 0;             // FF received
  std::uint64_t drcs_glyphs = 0;        // redefinable characters downloaded
};

class Decoder {
 public:
  explicit Decoder(DecoderOptions options = {});

  void feed(std::string_view bytes);
  void feed(std::uint8_t byte);
  // A character received with a parity or framing error: shown as the error block.
  void feed_error();

  const Screen& screen() const { return screen_; }
  const TerminalModes& modes() const { return modes_; }
  const DecoderStats& stats() const { return stats_; }
  // The bytes the terminal would send back to the line since the last call (ENQROM answer, statuses...).
  std::string take_replies();
  // Power-on state.
  void reset();

 private:
  enum class State : std::uint8_t {
    ground, esc, esc_nested, iso2022, skip_one, csi, us_first, us_second, rep, ss2, ss2_accent,
    pro, transparency, transparent_bytes, drcs_header, drcs_first_code, drcs_data
  };
  // The attribute registers. Parallel ones apply to each character written; the serial ones (background in G0,
  // underline, mask) are carried by the next delimiter.
  struct Attributes {
    Colour fg = Colour::white;
    Colour bg = Colour::black;
    bool blink = false;
    bool inverse = false;
    bool separated = false;
    bool underline = false;
    bool mask = false;
    CharSize size = CharSize::normal;
    bool bg_pending = false;     // validated by a delimiter or a mosaic
    bool other_pending = false;  // underline or mask: validated by a delimiter only
  };
  // What REP repeats.
  struct LastChar {
    CharSet set = CharSet::G0;
    std::uint8_t code = 0;
    char32_t glyph = 0;
  };

  void dispatch(std::uint8_t byte);
  void control(std::uint8_t byte);
  bool interrupted_by_control(std::uint8_t byte);
  void escape(std::uint8_t byte);
  void iso2022(std::uint8_t final);
  void attribute(std::uint8_t code);
  void csi(std::uint8_t byte);
  void repeat(int count);
  void fill_rest_of_row();
  void display_error();
  void csi_final(std::uint8_t final);
  void protocol_byte(std::uint8_t byte);
  void pro1(std::uint8_t command);
  void pro2(std::uint8_t command, std::uint8_t argument);
  void pro3(std::uint8_t command, std::uint8_t a, std::uint8_t b);
  std::uint8_t status_fonctionnement() const;
  std::uint8_t keyboard_status() const;
  std::uint8_t routing_status(std::uint8_t module) const;
  void us_address(std::uint8_t first, std::uint8_t second);
  void drcs_byte(std::uint8_t byte);
  void finish_drcs_glyph();
  void display(std::uint8_t byte);
  void display_char(LastChar c);
  void put(Cell cell);
  void advance(int width, int height);
  void line_feed();
  void cursor_up();
  void scroll(bool up);
  void erase(int row, int from_col, int to_col);
  void clear_page();
  void reset_attributes();
  void ignore_sequence();
  void reply(std::string_view bytes);

  DecoderOptions options_;
  Screen screen_{};
  TerminalModes modes_{};
  DecoderStats stats_{};
  Attributes attributes_{};
  std::string replies_;

  State state_ = State::ground;
  State resume_ = State::ground;  // the sequence a PRO found inside it interrupted
  std::uint8_t first_ = 0;        // first byte of US r c, accent of SS2
  std::string params_;            // CSI / ISO 2022 / transparency / DRCS header bytes gathered so far
  std::string pro_bytes_;         // kept apart: a PRO may arrive in the middle of a CSI
  int pro_length_ = 0;            // parameter bytes of the PRO sequence being read (1, 2 or 3)
  int transparent_left_ = 0;      // PRO2 TRANSPARENCE bytes still to pass over
  bool insert_mode_ = false;      // CSI 4 h
  LastChar last_{};
  bool has_last_ = false;
  // Row 0 is left by LF back to where it was entered from, with the attributes then in force.
  Cursor saved_cursor_{};
  Attributes saved_attributes_{};
  CharSet saved_set_ = CharSet::G0;
  // DRCS download: target set, the code being defined, its 6-bit groups.
  bool drcs_for_g1_ = false;
  std::uint8_t drcs_code_ = 0;
  std::string drcs_values_;       // 6-bit values (0-63) of the glyph being defined
  bool drcs_glyph_closed_ = true; // the last glyph ended on its 14th value, so a following 30 closes nothing
  bool g0_is_drcs_ = false;
  bool g1_is_drcs_ = false;
};

}  // namespace pavi::videotex
