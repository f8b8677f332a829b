// The service HTTP client on libcurl's multi interface (see service_client.hpp). One worker thread owns the
// multi handle and every transfer; other threads only queue calls and wake it up.
#include "gateway/service_client/service_client.hpp"

#include <curl/curl.h>

#include <atomic>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "gateway/service_client/curl_support.hpp"
#include "gateway/service_protocol/service_endpoint.hpp"
#include "gateway/service_protocol/urlparams.hpp"
#include "gateway/service_protocol/xml_reply.hpp"

namespace pavi::gateway {
namespace {

using Clock = std::chrono::steady_clock;

// §7.3 step 4: the headers of the "forced XML" GET, byte for byte. The doubled "User-Agent: " is the original's bug.
constexpr const char* kFallbackUserAgent =
    "User-Agent: User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0";
constexpr const char* kFallbackAccept =
    "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

enum class Method { post, get };

// One call, from call() to its callback, across its attempts, fallback and interpreter hand-overs.
struct Transfer {
  gateway::ServiceCall call;
  ServiceCallback done;
  Clock::time_point started = Clock::now();
  CallStats stats;
  std::optional<std::string> interpreter_url;

  std::string url;      // what curl is given: scheme://host[:port]/path (§1, C-003)
  std::string body;     // the serialised request
  Method method = Method::post;
  int attempts_of_method = 0;
  std::string post_error;  // why the POST failed, when the GET fallback runs

  // The attempt under way.
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  detail::BoundedBody response;  // §1: the transfer stops past max_body_bytes (C-008)
};

// Where a service URL is POSTed (§1, C-003): scheme://host + path, the query, user:password and fragment removed.
// The original hands the port to curl apart (CURLOPT_PORT); it is written into the URL here, which puts the same
// bytes on the wire and does not force that port onto redirects to other hosts.
std::optional<std::string> request_url(std::string_view service_url) {
  const auto endpoint = service::service_endpoint(service_url);
  if (!endpoint) return std::nullopt;
  std::string url = endpoint->scheme + "://" + endpoint->host;
  if (endpoint->port) url += ":" + std::to_string(*endpoint->port);
  return url + endpoint->path;
}

}  // namespace

struct ServiceClient::Impl {
  explicit Impl(ServiceClientOptions opts) : options(std::move(opts)) {
    detail::init_curl_once();
    multi = curl_multi_init();
    if (options.max_connections > 0) curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, options.max_connections);
    if (options.connection_cache > 0) curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, options.connection_cache);
    if (options.max_host_connections > 0)
      curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, options.max_host_connections);
    worker = std::thread([this] { run(); });
  }

  // Runs while the ServiceClient is still whole, since cancelled callbacks may call it again.
  void stop() {
    {
      std::lock_guard lock(mutex);
      if (stopping) return;
      stopping = true;
      curl_multi_wakeup(multi);
    }
    worker.join();
  }

  ~Impl() {
    stop();
    curl_multi_cleanup(multi);
  }

  void call(const gateway::ServiceCall& call, ServiceCallback done) {
    auto transfer = std::make_unique<Transfer>();
    transfer->call = call;
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
    cancel(std::move(transfer));
  }

  void run() {
    while (true) {
      std::vector<std::unique_ptr<Transfer>> fresh;
      {
        std::lock_guard lock(mutex);
        if (stopping) break;
        fresh.swap(queue);
      }
      for (auto& transfer : fresh) begin(std::move(transfer));
      int running = 0;
      curl_multi_perform(multi, &running);
      collect_completions();
      curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
    }
    // Stopping: every call still under way or queued ends "cancelled". Their callbacks may call call() again;
    // those complete at once (stopping is set).
    auto still_active = std::move(active);
    active.clear();
    for (auto& [easy, transfer] : still_active) {
      release_attempt(*transfer);
      cancel(std::move(transfer));
    }
    std::vector<std::unique_ptr<Transfer>> queued;
    {
      std::lock_guard lock(mutex);
      queued.swap(queue);
    }
    for (auto& transfer : queued) cancel(std::move(transfer));
  }

  // A new call: §7.3 steps 1-2, then the first POST.
  void begin(std::unique_ptr<Transfer> transfer) {
    if (!prepare_request(*transfer, transfer->call.url)) return finish_failed(std::move(transfer));
    start_attempt(std::move(transfer));
  }

  // The URL and body for a POST to `service_url`; false (with stats.error set) when the call fails before any I/O.
  bool prepare_request(Transfer& transfer, const std::string& service_url) {
    const auto url = request_url(service_url);
    if (!url) {  // §7.3 step 1 (no URL), or one without scheme or host: fails as a transport error would
      transfer.stats.error = "bad_url";
      return false;
    }
    const auto encoded = service::serialise_request(transfer.call.request, options.json_style);
    if (!encoded.ok()) {  // §7.3 step 2
      transfer.stats.error = "encode";
      return false;
    }
    transfer.url = *url;
    transfer.body = *encoded.text;
    transfer.method = Method::post;
    transfer.attempts_of_method = 0;
    return true;
  }

  void start_attempt(std::unique_ptr<Transfer> transfer) {
    Transfer& t = *transfer;
    t.response.reset(options.max_body_bytes);
    ++t.attempts_of_method;
    ++t.stats.attempts;
    t.easy = curl_easy_init();
    CURL* easy = t.easy;
    curl_easy_setopt(easy, CURLOPT_PRIVATE, &t);
    curl_easy_setopt(easy, CURLOPT_URL, t.url.c_str());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    // §1 Connect timeout 4 s, total 25 s per attempt (C-005).
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
    // §1 Redirects: followed, at most 20; POST kept on 301 only: 302/303 become a GET, 307/308 keep POST (C-006).
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(easy, CURLOPT_MAXREDIRS, options.max_redirects);
    curl_easy_setopt(easy, CURLOPT_POSTREDIR, static_cast<long>(CURL_REDIR_POST_301));
    curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    // §1 TLS: curl defaults (the certificate is verified); a failure is a transport error.
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &detail::append_bounded);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t.response);
    if (t.method == Method::post) {
      // §1 Method POST; headers Host, User-Agent MiniPAVI/1.6, Accept */* (curl's default), Content-Type, Content-Length.
      // "Expect: 100-continue" is suppressed: the spec allows it, and a service that ignores it would cost 1 s.
      curl_easy_setopt(easy, CURLOPT_POST, 1L);
      curl_easy_setopt(easy, CURLOPT_POSTFIELDS, t.body.data());
      curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t.body.size()));
      curl_easy_setopt(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
      t.headers = curl_slist_append(t.headers, "Content-Type: application/json");
      t.headers = curl_slist_append(t.headers, "Expect:");
      t.stats.bytes_sent += t.body.size();
    } else {
      // §7.3 step 4: the GET fallback, no body, browser-like headers.
      curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
      t.headers = curl_slist_append(t.headers, kFallbackUserAgent);
      t.headers = curl_slist_append(t.headers, kFallbackAccept);
      t.headers = curl_slist_append(t.headers, "Connection: keep-alive");
    }
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t.headers);
    active.emplace(easy, std::move(transfer));
    curl_multi_add_handle(multi, easy);
  }

  void release_attempt(Transfer& t) {
    if (t.easy == nullptr) return;
    long status = 0;
    if (curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK && status != 0) t.stats.http_status = status;
    curl_multi_remove_handle(multi, t.easy);
    curl_easy_cleanup(t.easy);
    curl_slist_free_all(t.headers);
    t.easy = nullptr;
    t.headers = nullptr;
  }

  void collect_completions() {
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      const auto found = active.find(message->easy_handle);
      if (found == active.end()) continue;
      std::unique_ptr<Transfer> transfer = std::move(found->second);
      active.erase(found);
      const CURLcode code = message->data.result;
      release_attempt(*transfer);
      completed(std::move(transfer), code);
    }
  }

  // §7.3 steps 3-6 for one finished attempt.
  void completed(std::unique_ptr<Transfer> transfer, CURLcode code) {
    Transfer& t = *transfer;
    if (code == CURLE_OK && !t.response.too_large) return got_body(std::move(transfer));
    const std::string kind = t.response.too_large ? "too_large" : detail::curl_error_kind(code);
    // Step 3 (and the GET's "same timeouts and retries"): only a timeout (curl error 28) is retried, 3 attempts.
    if (code == CURLE_OPERATION_TIMEDOUT && t.attempts_of_method < options.max_attempts) return start_attempt(std::move(transfer));
    if (t.method == Method::post && kind != "timeout") {  // step 4: any other transport error -> one GET
      t.post_error = kind;
      t.method = Method::get;
      t.attempts_of_method = 0;
      t.stats.get_fallback = true;
      return start_attempt(std::move(transfer));
    }
    t.stats.error = t.method == Method::get ? t.post_error : kind;  // the POST's error is the cause
    finish_failed(std::move(transfer));
  }

  void got_body(std::unique_ptr<Transfer> transfer) {
    Transfer& t = *transfer;
    const service::XmlReply xml = service::classify_xml_reply(t.response.bytes);
    // Step 4: the fallback GET counts only when its body is XML (C-009).
    if (t.method == Method::get && xml.kind == service::XmlReplyKind::not_xml) {
      t.stats.error = t.post_error;
      return finish_failed(std::move(transfer));
    }
    // Step 5: <service><interpreteur url=U>: the session URL becomes U + urlencode(current URL) and the same
    // request (same fctn, URLPARAMS of the new URL) goes there at once (C-009, C-010).
    if (xml.kind == service::XmlReplyKind::interpreter && t.stats.interpreter_hops < options.max_interpreter_hops) {
      const std::string current = t.interpreter_url.value_or(t.call.url);
      const std::string next = service::interpreter_target(xml.interpreter_url, current);
      ++t.stats.interpreter_hops;
      t.interpreter_url = next;
      t.call.request.urlparams = service::urlparams_from_url(next);
      if (!prepare_request(t, next)) return finish_failed(std::move(transfer));
      return start_attempt(std::move(transfer));
    }
    // Step 6: the body is the reply, whatever the HTTP status (§1, C-007); empty means "no response".
    t.stats.bytes_received = t.response.bytes.size();
    if (t.stats.http_status >= 400) {
      t.stats.error = "http_" + std::to_string(t.stats.http_status);
    } else if (service::parse_response(t.response.bytes).status == service::ResponseStatus::not_json) {
      t.stats.error = "not_json";
    }
    gateway::ServiceResult result;
    result.body = std::move(t.response.bytes);
    result.interpreter_url = t.interpreter_url;
    finish(std::move(transfer), std::move(result));
  }

  void finish_failed(std::unique_ptr<Transfer> transfer) {
    gateway::ServiceResult result;
    result.failed = true;
    result.interpreter_url = transfer->interpreter_url;
    finish(std::move(transfer), std::move(result));
  }

  void cancel(std::unique_ptr<Transfer> transfer) {
    transfer->stats.error = "cancelled";
    finish_failed(std::move(transfer));
  }

  void finish(std::unique_ptr<Transfer> transfer, gateway::ServiceResult result) {
    transfer->stats.latency = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - transfer->started);
    ServiceCallback done = std::move(transfer->done);
    CallStats stats = std::move(transfer->stats);
    transfer.reset();
    if (done) done(std::move(result), std::move(stats));
    --in_flight;  // after the callback: zero in flight means every answer has been handled
  }

  ServiceClientOptions options;
  CURLM* multi = nullptr;
  std::thread worker;
  std::mutex mutex;
  std::vector<std::unique_ptr<Transfer>> queue;  // calls not yet seen by the worker
  bool stopping = false;
  std::atomic<std::size_t> in_flight{0};
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> active;  // worker thread only
};

ServiceClient::ServiceClient(ServiceClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

ServiceClient::~ServiceClient() { impl_->stop(); }

void ServiceClient::call(const gateway::ServiceCall& call, ServiceCallback done) { impl_->call(call, std::move(done)); }

gateway::ServiceResult ServiceClient::call_sync(const gateway::ServiceCall& call, CallStats* stats) {
  std::promise<std::pair<gateway::ServiceResult, CallStats>> promise;
  auto future = promise.get_future();
  impl_->call(call, [&promise](gateway::ServiceResult result, CallStats call_stats) {
    promise.set_value({std::move(result), std::move(call_stats)});
  });
  auto [result, call_stats] = future.get();
  if (stats != nullptr) *stats = std::move(call_stats);
  return result;
}

std::size_t ServiceClient::in_flight() const { return impl_->in_flight.load(); }

const ServiceClientOptions& ServiceClient::options() const { return impl_->options; }

}  // namespace pavi::gateway
