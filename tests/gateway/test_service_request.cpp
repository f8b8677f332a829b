// The request body (service-protocol.md §2): key order, PHP json_encode bytes, BGCALL requests, and the
// service-side parser used by fake services and conformance checks.
#include <gtest/gtest.h>

#include "gateway/service_protocol/request.hpp"
#include "gateway/service_protocol/urlparams.hpp"

namespace pavi::service {
namespace {

Request first_cnx() {
  Request request;
  request.unique_id = "17953543836654";
  request.remote_addr = "127.0.0.1";
  request.typesocket = std::string(typesocket::telnet);
  request.fctn = "CNX";
  return request;
}

TEST(ServiceRequest, FirstCnxDefaults) {  // C-016, C-018
  const Request request = first_cnx();
  EXPECT_EQ(request.version, "1.6");
  EXPECT_EQ(request.versionminitel, "???");
  EXPECT_TRUE(request.content.empty());
  EXPECT_TRUE(request.datas.is_null());
  EXPECT_EQ(request.context, "");
  EXPECT_EQ(request.webmedia, 0);
}

TEST(ServiceRequest, KeysInTheOrderTheOriginalEmits) {
  const auto json = *serialise_request(first_cnx()).text;
  EXPECT_EQ(json,
            R"({"PAVI":{"version":"1.6","uniqueId":"17953543836654","remoteAddr":"127.0.0.1","typesocket":"TELN",)"
            R"("versionminitel":"???","content":[],"datas":null,"context":"","fctn":"CNX","webmedia":0}})");
}

TEST(ServiceRequest, UrlParamsKeyIsAbsentWithoutAQuery) {  // C-004
  Request request = first_cnx();
  request.urlparams = urlparams_from_url("http://127.0.0.1:8090/index.php");
  EXPECT_EQ(serialise_request(request).text->find("URLPARAMS"), std::string::npos);
  request.urlparams = urlparams_from_url("http://127.0.0.1:8090/index.php?sc=default");
  EXPECT_NE(serialise_request(request).text->find(R"(,"URLPARAMS":{"sc":"default"}})"), std::string::npos);
}

TEST(ServiceRequest, PhpStyleEscapesUnicodeAndSlashes) {
  Request request = first_cnx();
  request.content = {"é/ç"};
  request.context = "a/b";
  const auto php = *serialise_request(request).text;
  EXPECT_NE(php.find(R"("content":["\u00e9\/\u00e7"])"), std::string::npos);
  EXPECT_NE(php.find(R"("context":"a\/b")"), std::string::npos);
  const auto compact = *serialise_request(request, JsonStyle::compact).text;
  EXPECT_NE(compact.find(R"("content":["é/ç"])"), std::string::npos);
}

TEST(ServiceRequest, InvalidUtf8InUrlParamsMakesTheRequestFail) {  // §7.3 step 2
  Request request = first_cnx();
  request.urlparams = urlparams_from_query("x=%FF");
  const auto encoded = serialise_request(request);
  EXPECT_FALSE(encoded.ok());
  EXPECT_EQ(encoded.error, php_json_error::malformed_utf8);
}

TEST(ServiceRequest, DatasIsCarriedAsGiven) {  // §5.13
  Request request = first_cnx();
  request.fctn = "DATAS";
  request.datas = Json::object();
  request.datas["item"] = "getscreenlist";
  request.datas["result"] = true;
  request.datas["datas"] = Json::array();
  EXPECT_NE(serialise_request(request).text->find(R"("datas":{"item":"getscreenlist","result":true,"datas":[]})"),
            std::string::npos);
}

TEST(ServiceRequest, BackgroundCallRequest) {  // C-063
  const Request request = background_call_request("999", "http://127.0.0.1:8090/bg?k=1&u=2");
  EXPECT_EQ(*serialise_request(request).text,
            R"({"PAVI":{"version":"1.6","uniqueId":"999","remoteAddr":"","typesocket":"","versionminitel":"",)"
            R"("content":[],"datas":null,"context":"","fctn":"BGCALL","webmedia":0},"URLPARAMS":{"k":"1","u":"2"}})");
}

TEST(ServiceRequestParse, RoundTrip) {
  Request request = first_cnx();
  request.content = {"l1", "", "é"};
  request.context = "ctx";
  request.webmedia = 1;
  request.urlparams = urlparams_from_query("a[]=1&b=2");
  const auto parsed = parse_request(*serialise_request(request).text);
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(*parsed.request, request);
  EXPECT_TRUE(parsed.warnings.empty());
}

TEST(ServiceRequestParse, ReportsDeviationsButKeepsGoing) {
  const auto parsed = parse_request(
      R"({"PAVI":{"uniqueId":17953543836654,"version":"1.6","remoteAddr":"127.0.0.1","typesocket":"websocket",)"
      R"("content":"abc","datas":null,"context":"","fctn":"ENVOI","webmedia":true,"extra":1},"URLPARAMS":{}})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.request->unique_id, "17953543836654");
  EXPECT_EQ(parsed.request->versionminitel, "???");
  EXPECT_EQ(parsed.request->webmedia, 1);
  const auto has = [&](std::string_view text) {
    for (const auto& warning : parsed.warnings) {
      if (warning.find(text) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("PAVI.uniqueId is not a string"));
  EXPECT_TRUE(has("PAVI.versionminitel is missing"));
  EXPECT_TRUE(has("PAVI.content is not a list"));
  EXPECT_TRUE(has("PAVI.webmedia is not an integer"));
  EXPECT_TRUE(has("PAVI.extra is not a key of the protocol"));
  EXPECT_TRUE(has("not in the order"));
  EXPECT_TRUE(has("URLPARAMS is present but empty"));
}

TEST(ServiceRequestParse, RefusesWhatIsNotARequest) {
  EXPECT_FALSE(parse_request("").ok());
  EXPECT_FALSE(parse_request("[1,2]").ok());
  EXPECT_FALSE(parse_request(R"({"pavi":{}})").ok());
  EXPECT_NE(parse_request("{").error.find("Syntax error"), std::string::npos);
}

TEST(ServiceRequestParse, WarnsWhenDeeperThanTheClientAccepts) {  // §2.3
  Request request = first_cnx();
  request.urlparams = urlparams_from_query("a[b][c][d][e]=1");
  const auto parsed = parse_request(*serialise_request(request).text);
  ASSERT_TRUE(parsed.ok());
  ASSERT_FALSE(parsed.warnings.empty());
  EXPECT_NE(parsed.warnings.back().find("deeper than 5"), std::string::npos);
}

}  // namespace
}  // namespace pavi::service
