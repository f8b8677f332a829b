// MiniPavi's toG2 table (see minipavi_g2.hpp). The replacements never produce a later search string, so one
// left-to-right pass gives the same bytes as PHP's sequential str_replace.
#include "gateway/service_protocol/minipavi_g2.hpp"

#include <array>

namespace pavi::service {
namespace {

struct Substitution {
  std::string_view utf8;
  std::string_view videotex;
};

constexpr std::array<Substitution, 40> kTable{{
    {"é", "\x19\x42" "e"}, {"è", "\x19\x41" "e"}, {"à", "\x19\x41" "a"}, {"ç", "\x19\x4B\x63"},
    {"ê", "\x19\x43" "e"}, {"É", "\x19\x42" "E"}, {"È", "\x19\x41" "E"}, {"À", "\x19\x41" "A"},
    {"Ç", "\x19\x4B\x63"}, {"Ê", "\x19\x43" "E"}, {"β", "\x19\x7B"},     {"ß", "\x19\x7B"},
    {"œ", "\x19\x7A"},     {"Œ", "\x19\x6A"},     {"ü", "\x19\x48\x75"}, {"û", "\x19\x43\x75"},
    {"ú", "\x19\x42\x75"}, {"ù", "\x19\x41\x75"}, {"ö", "\x19\x48\x6F"}, {"ô", "\x19\x43\x6F"},
    {"ó", "\x19\x42\x6F"}, {"ò", "\x19\x41\x6F"}, {"î", "\x19\x48\x69"}, {"í", "\x19\x42\x69"},
    {"ì", "\x19\x41\x69"}, {"ë", "\x19\x48\x65"}, {"ä", "\x19\x48\x61"}, {"â", "\x19\x43\x61"},
    {"á", "\x19\x42\x61"}, {"£", "\x19\x23"},     {"°", "\x19\x30"},     {"±", "\x19\x31"},
    {"←", "\x19\x2C"},     {"↑", "\x19\x2D"},     {"→", "\x19\x2E"},     {"↓", "\x19\x2F"},
    {"¼", "\x19\x3C"},     {"½", "\x19\x3D"},     {"¾", "\x19\x3E"},     {"Â", "\x19\x43" "A"},
}};

}  // namespace

std::string minipavi_to_g2(std::string_view utf8_text) {
  std::string out;
  out.reserve(utf8_text.size() + 8);
  std::size_t pos = 0;
  while (pos < utf8_text.size()) {
    bool replaced = false;
    if (static_cast<unsigned char>(utf8_text[pos]) >= 0x80) {
      for (const auto& entry : kTable) {
        if (utf8_text.substr(pos, entry.utf8.size()) == entry.utf8) {
          out.append(entry.videotex);
          pos += entry.utf8.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += utf8_text[pos++];
  }
  return out;
}

}  // namespace pavi::service
