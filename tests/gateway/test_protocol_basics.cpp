// Small protocol pieces: fctn names (§4), the service endpoint (§1, C-003), base64 (C-026).
#include <gtest/gtest.h>

#include "gateway/service_protocol/base64.hpp"
#include "gateway/service_protocol/fctn.hpp"
#include "gateway/service_protocol/service_endpoint.hpp"

namespace pavi::service {
namespace {

TEST(Fctn, NamesRoundTrip) {
  for (Fctn fctn : kAllFctns) EXPECT_EQ(parse_fctn(fctn_name(fctn)), fctn);
  EXPECT_EQ(fctn_name(Fctn::directcallended), "DIRECTCALLENDED");
  EXPECT_EQ(fctn_name(Fctn::bgcall_simu), "BGCALL-SIMU");
  EXPECT_FALSE(parse_fctn("envoi"));
}

TEST(Fctn, KeysAndWebMediaEvents) {
  EXPECT_EQ(fctn_for_key(videotex::FunctionKey::connexion_fin), Fctn::fin);
  EXPECT_EQ(fctn_for_key(videotex::FunctionKey::repetition), Fctn::repetition);
  EXPECT_EQ(key_for_fctn(Fctn::sommaire), videotex::FunctionKey::sommaire);
  EXPECT_FALSE(key_for_fctn(Fctn::cnx));
  EXPECT_EQ(bgcall_wm_fctn("START"), "BGCALL-WM-START");
  EXPECT_TRUE(is_bgcall_wm("BGCALL-WM-anything"));
  EXPECT_EQ(parse_fctn(bgcall_wm_fctn("STOP")), Fctn::bgcall_wm_stop);
}

TEST(ServiceEndpoint, QueryUserAndFragmentAreDropped) {  // C-003
  const auto endpoint = service_endpoint("http://u:p@127.0.0.1:8090/index.php?sc=a&step=2#f");
  ASSERT_TRUE(endpoint);
  EXPECT_EQ(endpoint->url(), "http://127.0.0.1/index.php");
  EXPECT_EQ(endpoint->effective_port(), 8090);
  EXPECT_EQ(endpoint->target(), "/index.php");
  EXPECT_EQ(endpoint->host_header(), "127.0.0.1:8090");
  const auto bare = service_endpoint("https://example.com?x=1");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->target(), "/");
  EXPECT_EQ(bare->effective_port(), 443);
  EXPECT_EQ(bare->host_header(), "example.com");
  EXPECT_FALSE(service_endpoint("notaurl"));
  EXPECT_FALSE(service_endpoint("//h/x"));
}

TEST(Base64, LenientDecodeAsPhp) {  // C-026
  EXPECT_EQ(base64_decode_lenient("!!!Zm9v###"), "foo");
  EXPECT_EQ(base64_decode_lenient("Zm9=v"), "foo");  // '=' is skipped, decoding goes on
  EXPECT_EQ(base64_decode_lenient("Zm9vYg"), "foob");
  EXPECT_EQ(base64_decode_lenient("Zm9vY"), "foo");   // a lone trailing character yields nothing
  EXPECT_EQ(base64_decode_lenient("Zm\n9v"), "foo");
}

TEST(Base64, Encode) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("PAGE2"), "UEFHRTI=");
  EXPECT_EQ(base64_encode("\x0C\x1F\x41\x41Hello"), "DB9BQUhlbGxv");
  EXPECT_EQ(base64_decode_lenient(base64_encode(std::string("\x00\xFF\x80", 3))), std::string("\x00\xFF\x80", 3));
}

}  // namespace
}  // namespace pavi::service
