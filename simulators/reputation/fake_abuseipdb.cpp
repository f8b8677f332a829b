// The fake AbuseIPDB endpoint on the simulators' HTTP server (see fake_abuseipdb.hpp).
#include "simulators/reputation/fake_abuseipdb.hpp"

#include <strings.h>

#include "gateway/reputation/abuseipdb_reply.hpp"
#include "simulators/fake_service/http_server.hpp"
#include "simulators/net/io_runner.hpp"

namespace pavi::sim {

namespace {

constexpr std::string_view kCheckPath = "/api/v2/check";

std::string header(const HttpRequestData& request, std::string_view name) {
  for (const auto& [key, value] : request.headers) {
    if (key.size() == name.size() && ::strncasecmp(key.data(), name.data(), name.size()) == 0) return value;
  }
  return {};
}

HttpResponseData json_reply(int status, std::string body) {
  HttpResponseData response;
  response.status = status;
  response.headers = {{"Content-Type", "application/json"}};
  response.body = std::move(body);
  return response;
}

std::string error_body(int status, std::string_view detail) {
  return R"({"errors":[{"detail":")" + std::string(detail) + R"(","status":)" + std::to_string(status) + "}]}";
}

}  // namespace

std::string abuseipdb_reply_body(std::string_view address, int score) {
  const bool v6 = address.find(':') != std::string_view::npos;
  return R"({"data":{"ipAddress":")" + std::string(address) + R"(","isPublic":true,"ipVersion":)" +
         (v6 ? "6" : "4") + R"(,"isWhitelisted":false,"abuseConfidenceScore":)" + std::to_string(score) +
         R"(,"countryCode":"FR","usageType":"Fixed Line ISP","isp":"Fake","domain":"example.net",)" +
         R"("hostnames":[],"isTor":false,"totalReports":)" + std::to_string(score / 10) +
         R"(,"numDistinctUsers":)" + std::to_string(score / 20) + R"(,"lastReportedAt":null}})";
}

struct FakeAbuseIpdb::State {
  FakeAbuseIpdbOptions options;
  mutable std::mutex mutex;
  std::map<std::string, int> scores;
  FakeAbuseIpdbMode mode = FakeAbuseIpdbMode::normal;
  int error_status = 429;
  std::chrono::milliseconds delay{0};
  std::vector<FakeAbuseIpdbRequest> requests;

  HttpResponseData answer(const HttpRequestData& request) {
    const std::string_view target = request.target;
    if (request.method != "GET" || target.substr(0, target.find('?')) != kCheckPath) {
      return json_reply(404, error_body(404, "Not found"));
    }
    FakeAbuseIpdbRequest seen{gateway::reputation::query_parameter(target, "ipAddress"), header(request, "Key"),
                              header(request, "Accept"), gateway::reputation::query_parameter(target, "maxAgeInDays")};
    std::lock_guard lock(mutex);
    requests.push_back(seen);
    HttpResponseData response;
    if (!options.key.empty() && seen.key != options.key) {
      response = json_reply(401, error_body(401, "Authentication failed. Your API key is either missing, "
                                                 "incorrect, or revoked."));
    } else if (seen.address.empty()) {
      response = json_reply(422, error_body(422, "The ip address field is required."));
    } else if (mode == FakeAbuseIpdbMode::error_status) {
      response = json_reply(error_status, error_body(error_status, "Daily rate limit of 1000 requests exceeded."));
    } else if (mode == FakeAbuseIpdbMode::garbage) {
      response = json_reply(200, "<html><body>502 Bad Gateway</body></html>");
    } else if (mode == FakeAbuseIpdbMode::reset) {
      response.action = HttpResponseData::Action::reset;
    } else {
      const auto score = scores.find(seen.address);
      response = json_reply(200, abuseipdb_reply_body(seen.address,
                                                      score != scores.end() ? score->second : options.default_score));
    }
    response.delay = delay;
    return response;
  }
};

FakeAbuseIpdb::FakeAbuseIpdb(FakeAbuseIpdbOptions options)
    : state_(std::make_shared<State>()), runner_(std::make_unique<IoRunner>()) {
  state_->options = options;
  HttpServer::Options server_options;
  server_options.port = options.port;
  server_ = std::make_unique<HttpServer>(*runner_, server_options,
                                         [state = state_](const HttpRequestData& request) { return state->answer(request); });
}

FakeAbuseIpdb::~FakeAbuseIpdb() { stop(); }

std::uint16_t FakeAbuseIpdb::port() const { return server_->port(); }

std::string FakeAbuseIpdb::endpoint() const {
  return "http://127.0.0.1:" + std::to_string(port()) + std::string(kCheckPath);
}

void FakeAbuseIpdb::set_score(const std::string& address, int score) {
  std::lock_guard lock(state_->mutex);
  state_->scores[address] = score;
}

void FakeAbuseIpdb::set_mode(FakeAbuseIpdbMode mode, int error_status) {
  std::lock_guard lock(state_->mutex);
  state_->mode = mode;
  state_->error_status = error_status;
}

void FakeAbuseIpdb::set_delay(std::chrono::milliseconds delay) {
  std::lock_guard lock(state_->mutex);
  state_->delay = delay;
}

std::size_t FakeAbuseIpdb::lookups() const {
  std::lock_guard lock(state_->mutex);
  return state_->requests.size();
}

std::size_t FakeAbuseIpdb::lookups_of(const std::string& address) const {
  std::lock_guard lock(state_->mutex);
  std::size_t count = 0;
  for (const auto& request : state_->requests) count += request.address == address ? 1 : 0;
  return count;
}

std::vector<FakeAbuseIpdbRequest> FakeAbuseIpdb::requests() const {
  std::lock_guard lock(state_->mutex);
  return state_->requests;
}

void FakeAbuseIpdb::stop() {
  if (server_) server_->stop();
}

}  // namespace pavi::sim
