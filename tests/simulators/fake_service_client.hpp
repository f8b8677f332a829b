// A libcurl client for the fake service tests, configured like the original gateway's requests (POST JSON,
// User-Agent MiniPAVI/1.6, redirects followed with POST kept on 301 only) and reusing its connection.
#pragma once

#include <curl/curl.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pavi::test {

struct HttpResult {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
  std::string content_type;
  long new_connections = 0;  // connections opened by this transfer (0 when one was reused)
  long redirects = 0;
  std::string effective_url;
  bool ok() const { return code == CURLE_OK; }
};

class CurlClient {
 public:
  CurlClient() : easy_(curl_easy_init()) {}
  ~CurlClient() { curl_easy_cleanup(easy_); }
  CurlClient(const CurlClient&) = delete;
  CurlClient& operator=(const CurlClient&) = delete;

  // Abort a download once more than this many bytes arrived (the gateway's 100 kB rule); 0: no limit.
  void set_download_limit(curl_off_t bytes) { limit_ = bytes; }
  void set_timeout_ms(long ms) { timeout_ms_ = ms; }
  void set_follow_redirects(bool follow) { follow_ = follow; }

  HttpResult post(const std::string& url, std::string_view body, std::vector<std::string> extra_headers = {}) {
    prepare(url);
    curl_easy_setopt(easy_, CURLOPT_POST, 1L);
    curl_easy_setopt(easy_, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(easy_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    extra_headers.insert(extra_headers.begin(), "Content-Type: application/json");
    return perform(extra_headers);
  }

  HttpResult get(const std::string& url) {
    prepare(url);
    curl_easy_setopt(easy_, CURLOPT_HTTPGET, 1L);
    return perform({});
  }

 private:
  static size_t on_data(char* data, size_t size, size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
  }
  static int on_progress(void* user, curl_off_t, curl_off_t downloaded, curl_off_t, curl_off_t) {
    const auto limit = *static_cast<curl_off_t*>(user);
    return limit > 0 && downloaded > limit ? 1 : 0;
  }

  void prepare(const std::string& url) {
    curl_easy_reset(easy_);  // keeps the connection cache
    curl_easy_setopt(easy_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy_, CURLOPT_USERAGENT, "MiniPAVI/1.6");
    curl_easy_setopt(easy_, CURLOPT_CONNECTTIMEOUT_MS, 4000L);
    curl_easy_setopt(easy_, CURLOPT_TIMEOUT_MS, timeout_ms_);
    curl_easy_setopt(easy_, CURLOPT_FOLLOWLOCATION, follow_ ? 1L : 0L);
    curl_easy_setopt(easy_, CURLOPT_POSTREDIR, static_cast<long>(CURL_REDIR_POST_301));
    curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &CurlClient::on_data);
    curl_easy_setopt(easy_, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(easy_, CURLOPT_XFERINFOFUNCTION, &CurlClient::on_progress);
    curl_easy_setopt(easy_, CURLOPT_XFERINFODATA, &limit_);
  }

  HttpResult perform(const std::vector<std::string>& headers) {
    HttpResult result;
    curl_slist* list = nullptr;
    for (const auto& header : headers) list = curl_slist_append(list, header.c_str());
    curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(easy_, CURLOPT_WRITEDATA, &result.body);
    result.code = curl_easy_perform(easy_);
    curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &result.status);
    curl_easy_getinfo(easy_, CURLINFO_NUM_CONNECTS, &result.new_connections);
    curl_easy_getinfo(easy_, CURLINFO_REDIRECT_COUNT, &result.redirects);
    char* type = nullptr;
    if (curl_easy_getinfo(easy_, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type != nullptr) result.content_type = type;
    char* url = nullptr;
    if (curl_easy_getinfo(easy_, CURLINFO_EFFECTIVE_URL, &url) == CURLE_OK && url != nullptr) result.effective_url = url;
    curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, nullptr);
    curl_slist_free_all(list);
    return result;
  }

  CURL* easy_;
  curl_off_t limit_ = 0;
  long timeout_ms_ = 10000;
  bool follow_ = true;
};

}  // namespace pavi::test
