// Minitel keys in both directions: SEP function keys and their names, cursor keys in CSI and C0 coding
// (videotex-terminal.md §9).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/test_paths.hpp"
#include "videotex/keys.hpp"

namespace pavi::videotex {
namespace {

using test::bytes;

struct KeyCase {
  FunctionKey key;
  const char* sep;
  const char* name;
};
const std::vector<KeyCase> kKeys = {
    {FunctionKey::envoi, "13 41", "ENVOI"},           {FunctionKey::retour, "13 42", "RETOUR"},
    {FunctionKey::repetition, "13 43", "REPETITION"}, {FunctionKey::guide, "13 44", "GUIDE"},
    {FunctionKey::annulation, "13 45", "ANNULATION"}, {FunctionKey::sommaire, "13 46", "SOMMAIRE"},
    {FunctionKey::correction, "13 47", "CORRECTION"}, {FunctionKey::suite, "13 48", "SUITE"},
    {FunctionKey::connexion_fin, "13 49", "CONNEXION-FIN"}};

TEST(FunctionKeys, AllNineAreListed) {
  ASSERT_EQ(std::size(kAllFunctionKeys), kKeys.size());
  for (std::size_t i = 0; i < kKeys.size(); ++i) EXPECT_EQ(kAllFunctionKeys[i], kKeys[i].key);
}

TEST(FunctionKeys, BytesSent) {
  for (const auto& k : kKeys) EXPECT_EQ(key_bytes(k.key), bytes(k.sep)) << k.name;
}

TEST(FunctionKeys, FromSepSecondByte) {
  for (const auto& k : kKeys) {
    const auto second = static_cast<std::uint8_t>(bytes(k.sep)[1]);
    EXPECT_EQ(key_from_sep(second), k.key) << k.name;
    EXPECT_EQ(key_from_sep(static_cast<std::uint8_t>(second | 0x80)), k.key) << k.name;  // parity bit ignored
  }
}

TEST(FunctionKeys, OtherSepCodesAreNotKeys) {
  // 13 40, 13 4A/4B (PCE requests), 13 53 (connection), 13 59, 13 5E (reset), 13 70...
  for (std::uint8_t second : {0x00, 0x20, 0x40, 0x4A, 0x4B, 0x4C, 0x53, 0x57, 0x59, 0x5E, 0x61, 0x70, 0x7F}) {
    EXPECT_FALSE(key_from_sep(second).has_value()) << std::hex << int{second};
  }
}

TEST(FunctionKeys, BytesAndSepRoundTrip) {
  for (FunctionKey key : kAllFunctionKeys) {
    const std::string sent = key_bytes(key);
    ASSERT_EQ(sent.size(), 2U);
    EXPECT_EQ(sent[0], '\x13');
    EXPECT_EQ(key_from_sep(static_cast<std::uint8_t>(sent[1])), key);
  }
}

TEST(FunctionKeys, Names) {
  for (const auto& k : kKeys) {
    EXPECT_EQ(key_name(k.key), k.name);
    EXPECT_EQ(key_from_name(k.name), k.key) << k.name;
    EXPECT_EQ(key_from_name(key_name(k.key)), k.key);
  }
}

TEST(FunctionKeys, NamesAreForgiving) {
  EXPECT_EQ(key_from_name("envoi"), FunctionKey::envoi);
  EXPECT_EQ(key_from_name("Sommaire"), FunctionKey::sommaire);
  EXPECT_EQ(key_from_name("Répétition"), FunctionKey::repetition);
  EXPECT_EQ(key_from_name("RÉPÉTITION"), FunctionKey::repetition);
  EXPECT_EQ(key_from_name("repetition"), FunctionKey::repetition);
  EXPECT_EQ(key_from_name("connexion_fin"), FunctionKey::connexion_fin);
  EXPECT_EQ(key_from_name("Connexion-Fin"), FunctionKey::connexion_fin);
  EXPECT_EQ(key_from_name("connexion"), FunctionKey::connexion_fin);
  EXPECT_EQ(key_from_name("Fin"), FunctionKey::connexion_fin);
  EXPECT_EQ(key_from_name("Connexion/Fin"), FunctionKey::connexion_fin);  // the spec's own spelling
}

TEST(FunctionKeys, UnknownNames) {
  EXPECT_FALSE(key_from_name("").has_value());
  EXPECT_FALSE(key_from_name("ENVOIE").has_value());
  EXPECT_FALSE(key_from_name("DIRECT").has_value());  // a `fctn` value, not a key
  EXPECT_FALSE(key_from_name("CNX").has_value());
}

struct CursorCase {
  CursorKey key;
  const char* csi;
  const char* c0;
};
// §9 table: CSI coding by default, C0 coding after PRO3 69 59 43. Keys without a C0 form keep their CSI bytes.
const std::vector<CursorCase> kCursorKeys = {
    {CursorKey::up, "1B 5B 41", "0B"},
    {CursorKey::down, "1B 5B 42", "0A"},
    {CursorKey::right, "1B 5B 43", "09"},
    {CursorKey::left, "1B 5B 44", "08"},
    {CursorKey::enter, "0D", "0D"},
    {CursorKey::home, "1B 5B 48", "1E"},
    {CursorKey::clear_page, "1B 5B 32 4A", "0C"},
    {CursorKey::delete_char, "1B 5B 50", "1B 5B 50"},
    {CursorKey::delete_row, "1B 5B 4D", "1B 5B 4D"},
    {CursorKey::insert_row, "1B 5B 4C", "1B 5B 4C"}};

TEST(CursorKeys, CsiCoding) {
  for (const auto& k : kCursorKeys) {
    EXPECT_EQ(cursor_key_bytes(k.key, false), bytes(k.csi)) << static_cast<int>(k.key);
  }
}

TEST(CursorKeys, C0Coding) {
  for (const auto& k : kCursorKeys) {
    EXPECT_EQ(cursor_key_bytes(k.key, true), bytes(k.c0)) << static_cast<int>(k.key);
  }
}

}  // namespace
}  // namespace pavi::videotex
