// The AbuseIPDB lookup on libcurl's multi interface (see abuseipdb_client.hpp). One worker thread owns the multi
// handle and every transfer; other threads only queue lookups and wake it up.
#include "gateway/service_client/abuseipdb_client.hpp"

#include "gateway/service_client/curl_support.hpp"


#include <atomic>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pavi::gateway {
namespace {

struct LookupTransfer {
  std::string address;
  reputation::LookupDone done;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string url;
  detail::BoundedBody response;
};

}  // namespace

struct AbuseIpdbClient::Impl {
  explicit Impl(AbuseIpdbOptions opts) : options(std::move(opts)) {
    detail::init_curl_once();
    multi = curl_multi_init();
    key_header = "Key: " + options.key;
    worker = std::thread([this] { run(); });
  }

  ~Impl() {
    stop();
    curl_multi_cleanup(multi);
  }

  void stop() {
    {
      std::lock_guard lock(mutex);
      if (stopping) return;
      stopping = true;
      curl_multi_wakeup(multi);
    }
    worker.join();
  }

  void lookup(const std::string& address, reputation::LookupDone done) {
    auto transfer = std::make_unique<LookupTransfer>();
    transfer->address = address;
    transfer->done = std::move(done);
    ++in_flight;
    {
      std::lock_guard lock(mutex);
      if (!stopping) {
        queue.push_back(std::move(transfer));
        curl_multi_wakeup(multi);  // under the lock: the destructor cannot free the multi handle meanwhile
        return;
      }
    }
    finish(std::move(transfer), {std::nullopt, "cancelled"});
  }

  void run() {
    while (true) {
      std::vector<std::unique_ptr<LookupTransfer>> fresh;
      {
        std::lock_guard lock(mutex);
        if (stopping) break;
        fresh.swap(queue);
      }
      for (auto& transfer : fresh) begin(std::move(transfer));
      int running = 0;
      curl_multi_perform(multi, &running);
      collect();
      curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
    }
    auto still_active = std::move(active);
    active.clear();
    for (auto& [easy, transfer] : still_active) {
      release(*transfer);
      finish(std::move(transfer), {std::nullopt, "cancelled"});
    }
    std::vector<std::unique_ptr<LookupTransfer>> queued;
    {
      std::lock_guard lock(mutex);
      queued.swap(queue);
    }
    for (auto& transfer : queued) finish(std::move(transfer), {std::nullopt, "cancelled"});
  }

  void begin(std::unique_ptr<LookupTransfer> transfer) {
    LookupTransfer& t = *transfer;
    t.url = reputation::abuseipdb_check_url(options.endpoint, t.address, options.max_age_days);
    t.response.reset(options.max_body_bytes);
    t.easy = curl_easy_init();
    if (t.easy == nullptr) return finish(std::move(transfer), {std::nullopt, "curl_init"});
    t.headers = curl_slist_append(t.headers, key_header.c_str());
    t.headers = curl_slist_append(t.headers, "Accept: application/json");
    curl_easy_setopt(t.easy, CURLOPT_URL, t.url.c_str());
    curl_easy_setopt(t.easy, CURLOPT_HTTPHEADER, t.headers);
    curl_easy_setopt(t.easy, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(t.easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(t.easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(t.easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
    curl_easy_setopt(t.easy, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
    curl_easy_setopt(t.easy, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
    curl_easy_setopt(t.easy, CURLOPT_WRITEFUNCTION, &detail::append_bounded);
    curl_easy_setopt(t.easy, CURLOPT_WRITEDATA, &t.response);
    CURL* easy = t.easy;
    active.emplace(easy, std::move(transfer));
    curl_multi_add_handle(multi, easy);
  }

  void release(LookupTransfer& t) {
    curl_multi_remove_handle(multi, t.easy);
    curl_easy_cleanup(t.easy);
    t.easy = nullptr;
    curl_slist_free_all(t.headers);
    t.headers = nullptr;
  }

  void collect() {
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      const auto it = active.find(message->easy_handle);
      if (it == active.end()) continue;
      auto transfer = std::move(it->second);
      active.erase(it);
      const CURLcode code = message->data.result;
      long status = 0;
      curl_easy_getinfo(transfer->easy, CURLINFO_RESPONSE_CODE, &status);
      release(*transfer);
      auto outcome = outcome_of(code, status, *transfer);
      finish(std::move(transfer), std::move(outcome));
    }
  }

  static reputation::LookupOutcome outcome_of(CURLcode code, long status, const LookupTransfer& t) {
    if (t.response.too_large) return {std::nullopt, "too_large"};
    if (code != CURLE_OK) return {std::nullopt, detail::curl_error_kind(code)};
    if (status != 200) return {std::nullopt, "http_" + std::to_string(status)};
    const auto score = reputation::abuseipdb_score(t.response.bytes);
    if (!score) return {std::nullopt, "bad_reply"};
    return {score, {}};
  }

  void finish(std::unique_ptr<LookupTransfer> transfer, reputation::LookupOutcome outcome) {
    auto done = std::move(transfer->done);
    transfer.reset();
    if (done) done(std::move(outcome));
    --in_flight;
  }

  AbuseIpdbOptions options;
  std::string key_header;
  CURLM* multi = nullptr;
  std::thread worker;
  std::mutex mutex;
  std::vector<std::unique_ptr<LookupTransfer>> queue;
  bool stopping = false;
  std::atomic<std::size_t> in_flight{0};
  std::unordered_map<CURL*, std::unique_ptr<LookupTransfer>> active;  // worker thread only
};

AbuseIpdbClient::AbuseIpdbClient(AbuseIpdbOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

AbuseIpdbClient::~AbuseIpdbClient() { impl_->stop(); }

void AbuseIpdbClient::lookup(const std::string& address, reputation::LookupDone done) {
  impl_->lookup(address, std::move(done));
}

reputation::Lookup AbuseIpdbClient::as_lookup() {
  return [this](const std::string& address, reputation::LookupDone done) { lookup(address, std::move(done)); };
}

std::size_t AbuseIpdbClient::in_flight() const { return impl_->in_flight.load(); }

}  // namespace pavi::gateway
