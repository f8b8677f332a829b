// Input fields: drawing, typing, local editing and validation keys (gateway-behaviour.md §5).
#include "gateway/session/input_field.hpp"

#include "gateway/service_protocol/minipavi_g2.hpp"
#include "videotex/codes.hpp"
#include "videotex/g2.hpp"
#include "videotex/utf8.hpp"

namespace pavi::gateway {
namespace {

namespace c0 = videotex::c0;
using videotex::FunctionKey;

std::string position(int row, int col) {
  return {static_cast<char>(c0::US), static_cast<char>(0x40 + row), static_cast<char>(0x40 + col)};
}

// spacechar then REP for the rest: the frame of `width` cells.
std::string frame(const std::string& spacechar, int width) {
  return spacechar + static_cast<char>(c0::REP) + static_cast<char>(0x40 + width - 1);
}

std::string first_char(const std::string& text, const char* fallback) {
  if (text.empty()) return fallback;
  const std::u32string chars = videotex::utf8::decode(text);
  return videotex::utf8::encode(chars.front());
}

// Where the last complete character of `typed` starts (SS2 + accent + letter, SS2 + symbol, or one byte);
// an unfinished SS2 sequence after it is removed with it.
std::size_t last_char_start(const std::string& typed) {
  std::size_t last = 0;
  for (std::size_t i = 0; i < typed.size();) {
    std::size_t length = 1;
    if (static_cast<std::uint8_t>(typed[i]) == c0::SS2) {
      length = i + 1 < typed.size() && videotex::g2::is_accent(static_cast<std::uint8_t>(typed[i + 1])) ? 3 : 2;
    }
    if (i + length > typed.size()) break;  // unfinished
    last = i;
    i += length;
  }
  return last;
}

bool validates(int validwith, int bit) { return (validwith & bit) != 0; }

}  // namespace

int typed_length(std::string_view typed) {
  return static_cast<int>(videotex::utf8::length(videotex::g2::decode_content(typed)));
}

InputField::InputField(const service::InputTxt& c) : kind_(Kind::txt) {
  Element e;
  e.row = c.y;
  e.col = c.x;
  e.capacity = c.l;
  e.mask = c.mask;
  // C-039 fixed: a prefill longer than the field keeps its head, not the part from offset l.
  e.typed = service::minipavi_to_g2(c.prefill_truncated());
  elements_.push_back(std::move(e));
  spacechar_ = first_char(c.spacechar, " ");
  cursor_on_ = c.cursor;
  validwith_ = c.validwith;
}

InputField::InputField(const service::InputMsg& c) : kind_(Kind::msg) {
  for (int i = 0; i < c.h; ++i) {
    Element e;
    e.row = c.y + i;
    e.col = c.x;
    e.capacity = c.w;
    if (static_cast<std::size_t>(i) < c.prefill.size()) e.typed = service::minipavi_to_g2(c.prefill[static_cast<std::size_t>(i)]);
    elements_.push_back(std::move(e));
  }
  prefilled_lines_ = std::min(c.prefill.size(), elements_.size());
  index_ = static_cast<std::size_t>(std::max(0, c.cursor_line()));
  spacechar_ = first_char(c.spacechar, " ");
  cursor_on_ = c.cursor;
  validwith_ = c.validwith;
}

InputField::InputField(const service::InputForm& c) : kind_(Kind::form) {
  for (const auto& f : c.fields) {
    Element e;
    e.row = f.y;
    e.col = f.x;
    e.capacity = f.l;
    e.mask = f.mask;
    e.typed = service::minipavi_to_g2(f.prefill);
    elements_.push_back(std::move(e));
  }
  if (elements_.empty()) elements_.push_back(Element{1, 1, 10, "", ""});
  spacechar_ = first_char(c.spacechar, ".");
  cursor_on_ = c.cursor;
  validwith_ = c.validwith;
}

std::string InputField::draw() const {
  std::string out;
  const std::string cursor(1, static_cast<char>(cursor_on_ ? c0::CON : c0::COFF));
  switch (kind_) {
    case Kind::txt: {  // C-036
      const Element& e = elements_.front();
      out += position(e.row, e.col) + frame(spacechar_, e.capacity) + position(e.row, e.col) + cursor + e.typed;
      break;
    }
    case Kind::msg: {
      for (std::size_t i = 0; i < elements_.size(); ++i) {
        const Element& e = elements_[i];
        out += position(e.row, e.col) + frame(spacechar_, e.capacity);
        if (i < prefilled_lines_) out += position(e.row, e.col) + e.typed;
      }
      const Element& e = elements_[index_];
      out += position(e.row, e.col + typed_length(e.typed)) + cursor;  // C-047
      break;
    }
    case Kind::form: {  // C-052: frames, then prefills, then the cursor in field 0
      for (const Element& e : elements_) out += position(e.row, e.col) + frame(spacechar_, e.capacity);
      for (const Element& e : elements_) {
        if (!e.typed.empty()) out += position(e.row, e.col) + e.typed;
      }
      const Element& e = elements_.front();
      out += position(e.row, e.col + typed_length(e.typed)) + cursor;
      break;
    }
  }
  return out;
}

std::string InputField::type(std::uint8_t byte, bool echo) {
  if (!((byte >= 0x20 && byte <= 0x7E) || byte == c0::SS2 || byte == c0::BS)) return {};
  Element& e = current();
  if (typed_length(e.typed) >= e.capacity) return {};  // C-042: full, dropped without echo
  e.typed += static_cast<char>(byte);
  std::string out;
  if (echo) out = e.mask.empty() ? std::string(1, static_cast<char>(byte)) : e.mask;  // C-041
  // C-050: a multi-line area moves on by itself when a line is full (not from the last line).
  if (kind_ == Kind::msg && typed_length(e.typed) >= e.capacity && index_ + 1 < elements_.size()) {
    out += move_to(index_ + 1);
  }
  return out;
}

std::string InputField::redraw_of(const Element& e) const {
  if (e.mask.empty()) return e.typed;
  std::string masked;
  for (int i = 0; i < typed_length(e.typed); ++i) masked += e.mask;  // C-057
  return masked;
}

std::string InputField::move_to(std::size_t index) {
  index_ = index;
  const Element& e = elements_[index_];
  return position(e.row, e.col) + redraw_of(e);  // C-048, C-049
}

InputField::KeyResult InputField::press(FunctionKey key) {
  const bool single = kind_ == Kind::txt;
  const auto check = [this](int bit) {
    return KeyResult{validates(validwith_, bit) ? Outcome::validate : Outcome::refused, {}};
  };
  switch (key) {
    case FunctionKey::connexion_fin:
      return {Outcome::validate, {}};  // never masked
    case FunctionKey::envoi:
      return check(service::validwith::envoi);
    case FunctionKey::repetition:
      return check(service::validwith::repetition);
    case FunctionKey::guide:
      return check(service::validwith::guide);
    case FunctionKey::sommaire:
      // C-055 kept: a form always sends Sommaire, whatever its mask; services rely on it to leave a form.
      if (kind_ == Kind::form) return {Outcome::validate, {}};
      return check(service::validwith::sommaire);
    case FunctionKey::retour:
      if (single) return check(service::validwith::retour);
      return {Outcome::local, index_ > 0 ? move_to(index_ - 1) : std::string()};
    case FunctionKey::suite:
      if (single) return check(service::validwith::suite);
      return {Outcome::local, index_ + 1 < elements_.size() ? move_to(index_ + 1) : std::string()};
    case FunctionKey::correction: {  // C-043
      Element& e = current();
      if (typed_length(e.typed) == 0) return {Outcome::local, {}};
      e.typed.erase(last_char_start(e.typed));
      return {Outcome::local, std::string(1, static_cast<char>(c0::BS)) + spacechar_ + static_cast<char>(c0::BS)};
    }
    case FunctionKey::annulation: {  // C-044
      Element& e = current();
      const int count = typed_length(e.typed);
      if (count == 0) return {Outcome::local, {}};
      e.typed.clear();
      return {Outcome::local,
              position(e.row, e.col) + frame(spacechar_, count) + position(e.row, e.col)};
    }
  }
  return {Outcome::refused, {}};
}

std::vector<std::string> InputField::content() const {
  std::vector<std::string> out;
  out.reserve(elements_.size());
  for (const Element& e : elements_) out.push_back(e.typed);
  return out;
}

}  // namespace pavi::gateway
