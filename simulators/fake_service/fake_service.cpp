// FakeService (see fake_service.hpp): request recording and dispatch (handler, script, default); the HTTP side is
// HttpServer.
#include "simulators/fake_service/fake_service.hpp"

#include <mutex>

#include "simulators/fake_service/http_server.hpp"

namespace pavi::sim {

struct FakeService::State {
  RequestLog log;
  mutable std::mutex mutex;  // guards handler, script, base_url
  Handler handler;
  std::optional<FakeScript> script;
  std::string base_url;

  HttpResponseData answer(const HttpRequestData& http) {
    RecordedRequest recorded;
    recorded.connection_id = http.connection_id;
    recorded.request_on_connection = http.request_on_connection;
    recorded.method = http.method;
    recorded.target = http.target;
    const auto question = http.target.find('?');
    recorded.path = http.target.substr(0, question);
    if (question != std::string::npos) recorded.query = http.target.substr(question + 1);
    recorded.headers = http.headers;
    recorded.body = http.body;
    recorded.received_at = std::chrono::steady_clock::now();
    if (!http.body.empty()) {
      auto parsed = service::parse_request(http.body);
      recorded.request = std::move(parsed.request);
      recorded.warnings = std::move(parsed.warnings);
      recorded.parse_error = std::move(parsed.error);
    } else {
      recorded.parse_error = "empty body";
    }
    recorded.index = log.add(recorded);

    std::optional<FakeReply> reply;
    Handler current_handler;
    {
      std::lock_guard lock(mutex);
      current_handler = handler;
    }
    if (current_handler) reply = current_handler(recorded);
    if (!reply) {
      std::lock_guard lock(mutex);
      if (script) reply = script->reply(recorded, base_url);
    }
    if (!reply) reply = default_reply();

    HttpResponseData response;
    switch (reply->transport) {
      case FakeReply::Transport::respond: response.action = HttpResponseData::Action::respond; break;
      case FakeReply::Transport::reset: response.action = HttpResponseData::Action::reset; break;
      case FakeReply::Transport::close: response.action = HttpResponseData::Action::close; break;
    }
    response.status = reply->status;
    response.body = std::move(reply->body);
    response.delay = reply->delay;
    if (!reply->content_type.empty()) response.headers.emplace_back("Content-Type", reply->content_type);
    for (auto& header : reply->headers) response.headers.push_back(std::move(header));
    return response;
  }
};

namespace {

HttpServer::Options server_options(const FakeServiceOptions& options) {
  HttpServer::Options out;
  out.address = options.address;
  out.port = options.port;
  out.keep_alive = options.keep_alive;
  return out;
}

std::string host_for_url(const std::string& address) {
  return address.find(':') != std::string::npos ? "[" + address + "]" : address;
}

}  // namespace

FakeService::FakeService(FakeServiceOptions options) : own_runner_(std::make_unique<IoRunner>()) {
  start(*own_runner_, options);
}

FakeService::FakeService(IoRunner& runner, FakeServiceOptions options) { start(runner, options); }

void FakeService::start(IoRunner& runner, const FakeServiceOptions& options) {
  state_ = std::make_shared<State>();
  auto state = state_;
  server_ = std::make_unique<HttpServer>(runner, server_options(options),
                                         [state](const HttpRequestData& r) { return state->answer(r); });
  std::lock_guard lock(state_->mutex);
  state_->base_url = "http://" + host_for_url(options.address) + ":" + std::to_string(server_->port());
}

FakeService::~FakeService() {
  stop();
  server_.reset();
  own_runner_.reset();
}

std::uint16_t FakeService::port() const { return server_->port(); }

std::string FakeService::base_url() const {
  std::lock_guard lock(state_->mutex);
  return state_->base_url;
}

std::string FakeService::url(std::string_view path) const { return base_url() + std::string(path); }

std::string FakeService::page_url(std::string_view page) const {
  std::lock_guard lock(state_->mutex);
  if (state_->script) {
    if (const auto path = state_->script->page_path(page)) return state_->base_url + *path;
  }
  return state_->base_url + "/";
}

void FakeService::set_script(FakeScript script) {
  std::lock_guard lock(state_->mutex);
  state_->script = std::move(script);
}

std::string FakeService::load_script(const std::filesystem::path& file) {
  auto loaded = FakeScript::load(file);
  if (!loaded.script) return loaded.error;
  set_script(std::move(*loaded.script));
  return {};
}

void FakeService::set_handler(Handler handler) {
  std::lock_guard lock(state_->mutex);
  state_->handler = std::move(handler);
}

void FakeService::clear_handler() { set_handler(nullptr); }

std::vector<RecordedRequest> FakeService::requests() const { return state_->log.snapshot(); }

std::optional<RecordedRequest> FakeService::last_request() const { return state_->log.last(); }

std::size_t FakeService::request_count() const { return state_->log.size(); }

bool FakeService::wait_for_requests(std::size_t count, std::chrono::milliseconds timeout) const {
  return state_->log.wait_for(count, timeout);
}

void FakeService::clear_requests() { state_->log.clear(); }

std::size_t FakeService::connection_count() const { return server_->connections_accepted(); }

void FakeService::stop() {
  if (server_) server_->stop();
}

FakeReply FakeService::default_reply() {
  service::ServiceReply reply;
  reply.content = std::string();
  reply.echo = "on";
  return FakeReply::json(reply);
}

}  // namespace pavi::sim
