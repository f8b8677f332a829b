// A fake AbuseIPDB v2 "check" endpoint (GET /api/v2/check?ipAddress=..&maxAgeInDays=.., "Key:" header) for tests
// of the gateway's IP reputation: a score per address, the JSON reply shape of the real API, 401 on a wrong key,
// 422 without ipAddress, and fault modes (an error status, a body that is not JSON, a late answer, a reset).
// Counts every lookup, so tests can prove that the cache and the shared lookups spare it. Runs on its own thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace pavi::sim {

class IoRunner;
class HttpServer;

enum class FakeAbuseIpdbMode {
  normal,        // 200 with {"data":{...,"abuseConfidenceScore":N,...}}
  error_status,  // `error_status` (429 by default) with {"errors":[...]}, as the real API when over quota
  garbage,       // 200 with a body that is not JSON
  reset,         // the connection is reset without an answer
};

struct FakeAbuseIpdbOptions {
  std::string key = "fake-ipdb-key";  // "": any key is accepted
  int default_score = 0;              // for addresses without set_score()
  std::uint16_t port = 0;             // 0: any free port
};

struct FakeAbuseIpdbRequest {
  std::string address;  // the ipAddress parameter
  std::string key;      // the Key header
  std::string accept;   // the Accept header
  std::string max_age;  // the maxAgeInDays parameter
};

// The JSON body the real API gives for `address` (a subset of its fields, in its order).
std::string abuseipdb_reply_body(std::string_view address, int score);

class FakeAbuseIpdb {
 public:
  explicit FakeAbuseIpdb(FakeAbuseIpdbOptions options = {});
  ~FakeAbuseIpdb();
  FakeAbuseIpdb(const FakeAbuseIpdb&) = delete;
  FakeAbuseIpdb& operator=(const FakeAbuseIpdb&) = delete;

  std::uint16_t port() const;
  std::string endpoint() const;  // http://127.0.0.1:<port>/api/v2/check

  void set_score(const std::string& address, int score);
  void set_mode(FakeAbuseIpdbMode mode, int error_status = 429);
  void set_delay(std::chrono::milliseconds delay);  // before each answer

  std::size_t lookups() const;  // requests received on the check path
  std::size_t lookups_of(const std::string& address) const;
  std::vector<FakeAbuseIpdbRequest> requests() const;

  // Closes the listener and every connection (the endpoint is "down" afterwards). Idempotent.
  void stop();

 private:
  struct State;
  std::shared_ptr<State> state_;
  std::unique_ptr<IoRunner> runner_;  // before the server: destroyed after it
  std::unique_ptr<HttpServer> server_;
};

}  // namespace pavi::sim
