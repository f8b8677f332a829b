// ERR#nn page bytes (service-protocol.md §7.1, §7.2; C-078, C-080..C-084).
#include <gtest/gtest.h>

#include "gateway/service_protocol/error_page.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::service {
namespace {

using test::bytes;

const std::string kHead = bytes("0C 0F 1F 42 41 1B 4D 1B 47 1B 51");
const std::string kFooter = bytes(R"(1F 58 41 "UID:17953543836654 Aide:aide@minipavi.fr")");

TEST(ErrorPage, Err03ForANotFoundPage) {  // C-007, C-078, C-082
  EXPECT_EQ(not_json_page("Syntax error", "Not found page", "17953543836654"),
            kHead + bytes(R"(" ERR #03" 1B 40 7D 1B 47 1B 52 20 "R" 19 42 65 "ponse non JSON" 18)") +
                bytes(R"(1F 44 41 "Exception: Syntax error")") +
                bytes(R"(1F 47 41 "Votre serveur a r" 19 42 65 "pondu: Not found page")") + kFooter);
}

TEST(ErrorPage, Err03StripsTagsAndDecodesEntities) {  // C-078
  const auto page = not_json_page("Syntax error", "<html><body><h1>Oops &amp; co</h1><br/>line</body></html>", "1");
  EXPECT_NE(page.find(bytes(R"(1F 47 41 "Votre serveur a r" 19 42 65 "pondu: Oops & co" 0D 0A "line")")),
            std::string::npos);
}

TEST(ErrorPage, Err02And09ShowTheUrl) {  // C-083, C-084
  EXPECT_EQ(bad_start_url_page("notaurl", "17953543836654"),
            kHead + bytes(R"(" ERR #02" 1B 40 7D 1B 47 1B 52 20 "Param" 19 41 65 "tre url incorrect" 18)") +
                bytes(R"(1F 44 41 "url:notaurl")") + kFooter);
  EXPECT_EQ(service_unavailable_page("http://h/x", "17953543836654"),
            kHead + bytes(R"(" ERR #09" 1B 40 7D 1B 47 1B 52 20 "Service indisponible" 18 1F 44 41 "url:http://h/x")") +
                kFooter);
}

TEST(ErrorPage, Err05ShowsTheBadNext) {  // C-080
  EXPECT_EQ(bad_next_url_page("notaurl", "17953543836654"),
            kHead + bytes(R"(" ERR #05" 1B 40 7D 1B 47 1B 52 20 "Prochaine URL incorrecte" 18 1F 44 41 "notaurl")") +
                kFooter);
}

TEST(ErrorPage, Err07KeepsTheRawLineFeedsOfTheDump) {  // C-081
  const auto page = unknown_command_page("stdClass Object\n(\n    [name] => X\n)\n", "17953543836654");
  EXPECT_EQ(page, kHead + bytes(R"(" ERR #07" 1B 40 7D 1B 47 1B 52 20 "Commande inconnue" 18 1F 44 41)") +
                      "stdClass Object\n(\n    [name] => X\n)\n" + kFooter);
}

TEST(ErrorPage, Err10ForMalformedCommands) {  // C-086
  EXPECT_EQ(malformed_command_page("boom", "1"),
            kHead + bytes(R"(" ERR #10" 1B 40 7D 1B 47 1B 52 20 "Commande mal form" 19 42 65 "e" 18 1F 44 41 "Exception: boom")") +
                bytes(R"(1F 58 41 "UID:1 Aide:aide@minipavi.fr")"));
}

TEST(ErrorPage, EmptyInfoLinesAreLeftOut) {
  EXPECT_EQ(error_page(3, "m", "", "", "u"),
            kHead + bytes(R"(" ERR #03" 1B 40 7D 1B 47 1B 52 20 "m" 18 1F 58 41 "UID:u Aide:aide@minipavi.fr")"));
  EXPECT_EQ(error_page(3, "m", "", "x", "u"),
            kHead + bytes(R"(" ERR #03" 1B 40 7D 1B 47 1B 52 20 "m" 18 1F 47 41 "x" 1F 58 41 "UID:u Aide:aide@minipavi.fr")"));
}

TEST(ErrorPage, Messages) {
  EXPECT_EQ(error_message(ErrorCode::not_json), "Réponse non JSON");
  EXPECT_EQ(error_message(ErrorCode::service_unavailable), "Service indisponible");
}

}  // namespace
}  // namespace pavi::service
