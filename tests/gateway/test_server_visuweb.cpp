// The VisuWeb listener on a real socket (visuweb-stats-recordings.md §1-§2): every endpoint needs authentication
// (allowip bypasses it, a wrong password is refused), visujson's fields and types with a live user, the pages,
// /metrics, the stats page from a stats file, one request per connection, and HTTPS (TLS 1.3 only) with `ssl`.
#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include <filesystem>
#include <fstream>

#include "gateway/service_protocol/php_json.hpp"
#include "gateway/service_protocol/reply_builder.hpp"
#include "simulators/net/test_certificates.hpp"
#include "simulators/terminal/terminal.hpp"
#include "tests/gateway/raw_client.hpp"
#include "tests/gateway/test_server_support.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

using namespace std::chrono_literals;
using pavi::test::bytes;
using test::body;
using test::RawClient;
using test::ScriptedService;

constexpr auto kTimeout = 10s;
constexpr const char* kAuth = "Authorization: Basic bWluaXBhdmk6MTIzNA==\r\n";  // minipavi:1234

ServiceResult page(const ServiceCall& call) {
  service::ServiceReply reply;
  reply.content = bytes(R"(0C 1F 41 41 "PAGE ")") + call.request.fctn;
  return body(service::reply_body(reply));
}

GatewayConfig visuweb_config(const std::filesystem::path& dir) {
  GatewayConfig config = test::test_config();
  config.httpport = 1;  // replaced by an ephemeral port (ServerOptions::visuweb_port)
  config.httpuser = "minipavi";
  config.httppwd = "1234";
  config.lpath = (dir / "logs/").string();
  config.spath = (dir / "stats/").string();
  return config;
}

ServerOptions options() {
  ServerOptions o = test::local_options({{ConnectionKind::telnet, 0}});
  o.visuweb_port = 0;
  return o;
}

// One request, everything until the gateway closes.
std::string http(std::uint16_t port, const std::string& request) {
  RawClient client;
  if (!client.connect(port)) return "connect failed";
  client.send(request);
  std::string reply;
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  while (!client.closed() && std::chrono::steady_clock::now() < deadline) reply += client.receive(100ms);
  return client.closed() ? reply : reply + "<still open>";
}

std::string get(std::uint16_t port, const std::string& target, const std::string& headers = kAuth) {
  return http(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n");
}

std::string body_of(const std::string& reply) {
  const auto end = reply.find("\r\n\r\n");
  return end == std::string::npos ? std::string() : reply.substr(end + 4);
}

class TempDir {
 public:
  TempDir() : path_(std::filesystem::temp_directory_path() / ("pavikit-visuweb-" + std::to_string(::getpid()) + "-" +
                                                              std::to_string(counter_++))) {
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

constexpr std::string_view kUnauthorized =
    "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"insert realm\", charset=\"UTF-8\"\r\n\r\n";

TEST(ServerVisuWeb, EveryEndpointNeedsAuthentication) {  // C-136
  TempDir dir;
  ScriptedService service(page);
  GatewayServer server(visuweb_config(dir.path()), service.caller(), options());
  ASSERT_TRUE(server.start().empty());
  const std::uint16_t port = server.visuweb_port();
  ASSERT_NE(port, 0);
  for (const char* target : {"/", "/?action=visujson", "/action=visujson", "/action=stats", "/?action=zz", "/metrics"}) {
    EXPECT_EQ(get(port, target, ""), kUnauthorized) << target;
  }
}

TEST(ServerVisuWeb, WrongPasswordIsRefused) {  // C-136
  TempDir dir;
  ScriptedService service(page);
  GatewayServer server(visuweb_config(dir.path()), service.caller(), options());
  ASSERT_TRUE(server.start().empty());
  // minipavi:12345, then the right one in lower case: both refused.
  EXPECT_EQ(get(server.visuweb_port(), "/?action=visujson", "Authorization: Basic bWluaXBhdmk6MTIzNDU=\r\n"),
            kUnauthorized);
  EXPECT_EQ(get(server.visuweb_port(), "/?action=visujson", "authorization: Basic bWluaXBhdmk6MTIzNA==\r\n"),
            kUnauthorized);
  EXPECT_TRUE(get(server.visuweb_port(), "/?action=visujson").starts_with("HTTP/1.1 200 OK\r\n"));
}

TEST(ServerVisuWeb, AllowipBypassesAuthentication) {
  TempDir dir;
  GatewayConfig config = visuweb_config(dir.path());
  config.allowip = {"127.0.0.1"};
  ScriptedService service(page);
  GatewayServer server(config, service.caller(), options());
  ASSERT_TRUE(server.start().empty());
  EXPECT_TRUE(get(server.visuweb_port(), "/?action=visujson", "").starts_with("HTTP/1.1 200 OK\r\n"));
  EXPECT_TRUE(get(server.visuweb_port(), "/metrics", "").starts_with("HTTP/1.1 200 OK\r\n"));
}

TEST(ServerVisuWeb, VisujsonListsTheLiveUserWithTheOriginalsFieldsAndTypes) {  // C-137
  TempDir dir;
  ScriptedService service(page);
  GatewayServer server(visuweb_config(dir.path()), service.caller(), options());
  ASSERT_TRUE(server.start().empty());
  sim::Terminal user;
  ASSERT_TRUE(user.connect("tcp://127.0.0.1:" + std::to_string(server.port(ConnectionKind::telnet))));
  ASSERT_TRUE(user.wait_for_text("PAGE CNX", kTimeout));
  const std::string reply = get(server.visuweb_port(), "/action=visujson");
  ASSERT_TRUE(reply.starts_with("HTTP/1.1 200 OK\r\nContent-Length: ")) << reply;
  EXPECT_NE(reply.find("\r\nContent-Type: application/json; charset=utf-8\r\n\r\n"), std::string::npos);
  const std::string json = body_of(reply);
  EXPECT_NE(reply.find("Content-Length: " + std::to_string(json.size()) + "\r\n"), std::string::npos);
  const auto decoded = service::php_json_decode(json);
  ASSERT_TRUE(decoded.ok()) << json;
  const service::Json& value = *decoded.value;
  EXPECT_TRUE(value["loadavg"].is_number());
  EXPECT_TRUE(value["freespace"].is_string());
  EXPECT_EQ(value["cnxtotal"], 1);
  ASSERT_EQ(value["cnx"].size(), 1u);
  const service::Json& row = value["cnx"][0];
  EXPECT_EQ(row["type"], "IN/TELN");
  EXPECT_EQ(row["direction"], "IN");
  EXPECT_EQ(row["uniqueid"], service.calls().at(0).request.unique_id);
  EXPECT_EQ(row["ip"], "127.0.0.1");
  EXPECT_TRUE(row["pid"].is_number_integer());
  EXPECT_TRUE(row["tcnx"].is_string());
  EXPECT_TRUE(row["tlastaction"].is_string());
  EXPECT_TRUE(row["duree"].is_string());
  EXPECT_EQ(row["url"], "http://127.0.0.1:1/home");
  EXPECT_EQ(row["infos"], "");
  EXPECT_NE(json.find("\"url\":\"http:\\/\\/127.0.0.1:1\\/home\""), std::string::npos);  // json_encode's "\/"
}

TEST(ServerVisuWeb, LivePageStatsPageFooterAndMetrics) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "stats");
  std::ofstream(dir.path() / "stats" / "stats-202611.stats")
      << "a:1:{i:22;a:1:{s:4:\"TELN\";a:2:{s:5:\"count\";i:2;s:8:\"duration\";i:24;}}}";
  ScriptedService service(page);
  GatewayServer server(visuweb_config(dir.path()), service.caller(), options());
  ASSERT_TRUE(server.start().empty());
  sim::Terminal user;
  ASSERT_TRUE(user.connect("tcp://127.0.0.1:" + std::to_string(server.port(ConnectionKind::telnet))));
  ASSERT_TRUE(user.wait_for_text("PAGE CNX", kTimeout));
  const std::uint16_t port = server.visuweb_port();

  const std::string live = get(port, "/");
  EXPECT_TRUE(live.starts_with("HTTP/1.1 200 OK\r\n"));
  EXPECT_NE(live.find("Content-Type: text/html; charset=utf-8"), std::string::npos);
  EXPECT_NE(live.find("<title>[1] VisuWeb MiniPAVI</title>"), std::string::npos);
  EXPECT_NE(live.find(service.calls().at(0).request.unique_id), std::string::npos);
  EXPECT_NE(live.find("Derniers logs"), std::string::npos);

  const std::string stats = get(port, "/action=stats&m=11&y=2026");
  EXPECT_NE(stats.find("Statistiques pour 11/2026"), std::string::npos);
  EXPECT_NE(stats.find("<td>22</td><td></td><td></td><td></td><td></td><td></td><td></td><td>2</td><td>0:24</td>"),
            std::string::npos);

  EXPECT_EQ(body_of(get(port, "/?action=unknown")).rfind("<hr>MiniPavi <a ", 0), 0u);  // the footer alone

  const std::string metrics = get(port, "/metrics");
  EXPECT_NE(metrics.find("Content-Type: text/plain; version=0.0.4"), std::string::npos);
  EXPECT_NE(metrics.find("\npavikit_sessions{type=\"TELN\"} 1\n"), std::string::npos);
  EXPECT_NE(metrics.find("\npavikit_service_round_trip_seconds_count "), std::string::npos);
  EXPECT_EQ(metrics.find("\npavikit_bytes_sent_total 0\n"), std::string::npos);  // the page went out
}

TEST(ServerVisuWeb, OneRequestPerConnectionAndBoundedHeads) {
  TempDir dir;
  ScriptedService service(page);
  GatewayServer server(visuweb_config(dir.path()), service.caller(), options());
  ASSERT_TRUE(server.start().empty());
  // Two requests on one connection: one reply, then the close.
  const std::string twice = http(server.visuweb_port(), std::string("GET /metrics HTTP/1.1\r\n") + kAuth +
                                                            "\r\nGET /metrics HTTP/1.1\r\n" + kAuth + "\r\n");
  EXPECT_TRUE(twice.starts_with("HTTP/1.1 200 OK\r\n")) << twice;
  EXPECT_EQ(twice.find("HTTP/1.1", 1), std::string::npos);
  // A head that never ends is cut off.
  RawClient endless;
  ASSERT_TRUE(endless.connect(server.visuweb_port()));
  endless.send("GET / HTTP/1.1\r\n");
  bool dropped = false;
  for (int i = 0; i < 200 && !dropped; ++i) dropped = !endless.send("X-Filler: " + std::string(200, 'x') + "\r\n");
  dropped = dropped || endless.wait_closed(kTimeout);
  EXPECT_TRUE(dropped);
}

// --- HTTPS --------------------------------------------------------------------------------------------------

// A blocking TLS client: returns what the server sent until it closed, or "" when the handshake failed.
std::string https(std::uint16_t port, const std::string& request, int max_version = 0) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    if (fd >= 0) ::close(fd);
    return {};
  }
  SSL_CTX* context = SSL_CTX_new(TLS_client_method());
  if (max_version != 0) SSL_CTX_set_max_proto_version(context, max_version);
  SSL* ssl = SSL_new(context);
  SSL_set_fd(ssl, fd);
  std::string reply;
  if (SSL_connect(ssl) == 1) {
    SSL_write(ssl, request.data(), static_cast<int>(request.size()));
    char buffer[4096];
    for (int got = 0; (got = SSL_read(ssl, buffer, sizeof buffer)) > 0;) reply.append(buffer, static_cast<std::size_t>(got));
  }
  SSL_free(ssl);
  SSL_CTX_free(context);
  ::close(fd);
  return reply;
}

TEST(ServerVisuWeb, HttpsWithSslAndTls13Only) {
  TempDir dir;
  const auto certificates = sim::make_test_certificates({"localhost", "127.0.0.1"});
  std::ofstream(dir.path() / "cert.pem") << certificates.server_certificate_pem;
  std::ofstream(dir.path() / "key.pem") << certificates.server_key_pem;
  GatewayConfig config = visuweb_config(dir.path());
  config.ssl = (dir.path() / "cert.pem").string();
  config.sslkey = (dir.path() / "key.pem").string();
  ScriptedService service(page);
  GatewayServer server(config, service.caller(), options());
  ASSERT_TRUE(server.start().empty());
  const std::string request = std::string("GET /?action=visujson HTTP/1.1\r\nHost: x\r\n") + kAuth + "\r\n";
  const std::string reply = https(server.visuweb_port(), request);
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 200 OK\r\n")) << reply;
  EXPECT_NE(reply.find("\"cnxtotal\":0"), std::string::npos);
  EXPECT_EQ(https(server.visuweb_port(), "GET / HTTP/1.1\r\n\r\n"), kUnauthorized);
  EXPECT_EQ(https(server.visuweb_port(), request, TLS1_2_VERSION), "");  // as the original: TLS 1.3 only
}

TEST(ServerVisuWeb, NoListenerWithoutHttpport) {
  ScriptedService service(page);
  GatewayServer server(test::test_config(), service.caller(), test::local_options({{ConnectionKind::telnet, 0}}));
  ASSERT_TRUE(server.start().empty());
  EXPECT_EQ(server.visuweb_port(), 0);
}

}  // namespace
}  // namespace pavi::gateway
