// Terminal: one mutex guards the decoder, the transcript and the connection state; transport handlers (on the
// transport's thread) and API calls (any thread) both take it, and a condition variable wakes the waits.
#include "simulators/terminal/terminal.hpp"

#include <condition_variable>
#include <cstdio>
#include <mutex>

#include "simulators/net/io_runner.hpp"

namespace pavi::sim {
namespace {

using Clock = std::chrono::steady_clock;

std::string hex_text(std::string_view bytes) {
  std::string out;
  char digits[4];
  for (const char c : bytes) {
    if (!out.empty()) out += ' ';
    std::snprintf(digits, sizeof digits, "%02X", static_cast<unsigned>(static_cast<unsigned char>(c)));
    out += digits;
  }
  return out;
}

std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

}  // namespace

struct Terminal::Impl {
  explicit Impl(TerminalOptions terminal_options)
      : options(std::move(terminal_options)), decoder(videotex::DecoderOptions{options.identity, {}}) {
    if (options.runner == nullptr) {
      own_runner = std::make_unique<IoRunner>();
      runner = own_runner.get();
    } else {
      runner = options.runner;
    }
  }

  TerminalOptions options;
  std::unique_ptr<IoRunner> own_runner;  // declared first: destroyed after the transport
  IoRunner* runner = nullptr;

  mutable std::mutex mutex;
  std::condition_variable changed;
  videotex::Decoder decoder;
  Transcript transcript;
  Clock::time_point origin = Clock::now();
  Clock::time_point last_activity = Clock::now();
  std::string received;
  std::string sent;
  std::unique_ptr<Transport> transport;
  std::uint64_t generation = 0;  // handlers of an older connection are ignored
  bool connected = false;
  std::string close_reason;

  void record(TranscriptEntry::Kind kind, TranscriptEntry::Source source, std::string_view bytes, bool echoed = false) {
    TranscriptEntry entry;
    entry.at = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - origin);
    entry.kind = kind;
    entry.source = source;
    entry.echoed = echoed;
    entry.bytes = std::string(bytes);
    transcript.entries.push_back(std::move(entry));
  }

  void on_data(std::uint64_t connection, std::string_view bytes) {
    {
      std::lock_guard lock(mutex);
      if (connection != generation || !connected) return;
      record(TranscriptEntry::Kind::received, TranscriptEntry::Source::none, bytes);
      received.append(bytes);
      decoder.feed(bytes);
      std::string replies = decoder.take_replies();
      if (!replies.empty() && options.answer_protocol) {
        record(TranscriptEntry::Kind::sent, TranscriptEntry::Source::protocol, replies);
        sent.append(replies);
        transport->send(std::move(replies));
      }
      last_activity = Clock::now();
    }
    changed.notify_all();
  }

  void on_closed(std::uint64_t connection, const CloseInfo& info) {
    {
      std::lock_guard lock(mutex);
      if (connection != generation || !connected) return;
      connected = false;
      close_reason = info.reason;
      record(TranscriptEntry::Kind::event, TranscriptEntry::Source::none, "closed: " + info.reason);
    }
    changed.notify_all();
  }

  // Keyboard bytes go to the screen too when the keyboard -> screen route is made (PRO3 ON 58 51).
  bool send(std::string bytes, TranscriptEntry::Source source) {
    {
      std::lock_guard lock(mutex);
      if (!connected || !transport) return false;
      if (bytes.empty()) return true;
      const bool echo = source == TranscriptEntry::Source::keyboard && decoder.modes().local_echo;
      record(TranscriptEntry::Kind::sent, source, bytes, echo);
      if (echo) {
        decoder.feed(bytes);
        decoder.take_replies();  // the keyboard's own text is not a request to answer
      }
      sent.append(bytes);
      transport->send(std::move(bytes));
      last_activity = Clock::now();
    }
    changed.notify_all();
    return true;
  }

  std::string connection_state() const {
    if (connected) return "connection open";
    return close_reason.empty() ? "not connected" : "connection closed: " + close_reason;
  }

  // The common wait loop. `check` runs with the mutex held and may fill the result (position, groups).
  template <class Check>
  WaitResult wait(const std::string& what, std::chrono::milliseconds timeout, Check check, bool fail_when_closed = true) {
    const auto start = Clock::now();
    const auto deadline = start + timeout;
    WaitResult result;
    std::unique_lock lock(mutex);
    while (true) {
      if (check(result)) {
        result.matched = true;
        result.message = "found " + what;
        break;
      }
      if (fail_when_closed && !connected) {
        result.message = "gave up waiting for " + what + ": " + connection_state();
        break;
      }
      if (changed.wait_until(lock, deadline) == std::cv_status::timeout) {
        if (check(result)) {
          result.matched = true;
          result.message = "found " + what;
        } else {
          result.message = "timed out after " + std::to_string(timeout.count()) + " ms waiting for " + what + " (" +
                           connection_state() + ")";
        }
        break;
      }
    }
    result.screen = videotex::text_dump(decoder.screen(), options.text_options);
    result.elapsed = since(start);
    return result;
  }
};

Terminal::Terminal(TerminalOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Terminal::~Terminal() { disconnect(); }

ConnectResult Terminal::connect(std::string_view url, const ConnectOptions& options) {
  disconnect();
  OpenResult opened = open_transport(*impl_->runner, url, options);
  if (!opened) {
    std::lock_guard lock(impl_->mutex);
    impl_->close_reason = opened.error;
    return {false, opened.error};
  }
  attach(std::move(opened.transport));
  return {true, {}};
}

void Terminal::attach(std::unique_ptr<Transport> transport) {
  if (!transport) return;
  disconnect();
  {
    std::lock_guard lock(impl_->mutex);
    Impl& s = *impl_;
    s.decoder.reset();
    s.transcript = Transcript{};
    s.transcript.endpoint = transport->description();
    s.transcript.started_utc = utc_now_iso8601();
    s.origin = Clock::now();
    s.last_activity = s.origin;
    s.received.clear();
    s.sent.clear();
    s.connected = true;
    s.close_reason.clear();
    s.record(TranscriptEntry::Kind::event, TranscriptEntry::Source::none, "connected: " + s.transcript.endpoint);
    const std::uint64_t connection = ++s.generation;
    s.transport = std::move(transport);
    // Handlers never run inside start(), so starting under the lock is safe; they wait for it.
    s.transport->start({[impl = impl_.get(), connection](std::string_view bytes) { impl->on_data(connection, bytes); },
                        [impl = impl_.get(), connection](const CloseInfo& info) { impl->on_closed(connection, info); }});
  }
  impl_->changed.notify_all();
}

void Terminal::disconnect() {
  std::unique_ptr<Transport> transport;
  {
    std::lock_guard lock(impl_->mutex);
    Impl& s = *impl_;
    if (!s.transport) return;
    if (s.connected) {
      s.connected = false;
      s.close_reason = "disconnected by the terminal";
      s.record(TranscriptEntry::Kind::event, TranscriptEntry::Source::none, "closed: " + s.close_reason);
    }
    ++s.generation;
    transport = std::move(s.transport);
  }
  impl_->changed.notify_all();
  // Outside the lock: destroying a transport waits for its running handler, which may be waiting for the lock.
  transport->close();
  transport.reset();
}

bool Terminal::connected() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->connected;
}

std::string Terminal::close_reason() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->connected ? std::string{} : impl_->close_reason;
}

std::string Terminal::endpoint() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->transcript.endpoint;
}

bool Terminal::type(std::string_view utf8_text, TypeCase letter_case) {
  bool lowercase = false;
  {
    std::lock_guard lock(impl_->mutex);
    lowercase = impl_->decoder.modes().lowercase;
  }
  return impl_->send(keyboard_bytes(utf8_text, lowercase, letter_case), TranscriptEntry::Source::keyboard);
}

bool Terminal::press(videotex::FunctionKey key) {
  return impl_->send(videotex::key_bytes(key), TranscriptEntry::Source::keyboard);
}

bool Terminal::press(videotex::CursorKey key) {
  bool c0 = false;
  {
    std::lock_guard lock(impl_->mutex);
    if (!impl_->decoder.modes().extended_keyboard) return false;
    c0 = impl_->decoder.modes().cursor_keys_c0;
  }
  return impl_->send(videotex::cursor_key_bytes(key, c0), TranscriptEntry::Source::keyboard);
}

bool Terminal::send_raw(std::string_view bytes) { return impl_->send(std::string(bytes), TranscriptEntry::Source::raw); }

WaitResult Terminal::wait_for_text(std::string_view text, std::chrono::milliseconds timeout) {
  const std::string wanted(text);
  return impl_->wait("text \"" + wanted + "\"", timeout, [&](WaitResult& result) {
    result.position = find_text(impl_->decoder.screen(), wanted, impl_->options.text_options);
    return result.position.has_value();
  });
}

WaitResult Terminal::wait_for_regex(std::string_view pattern, std::chrono::milliseconds timeout,
                                    std::optional<ScreenPosition> at) {
  std::string what = "regex /" + std::string(pattern) + "/";
  if (at) {
    what += " on row " + std::to_string(at->row);
    if (at->col > 0) what += " at column " + std::to_string(at->col);
  }
  std::string error;
  const std::optional<ScreenRegex> compiled = ScreenRegex::compile(pattern, error);
  if (!compiled) {
    WaitResult result;
    result.message = "invalid " + what + ": " + error;
    result.screen = text();
    return result;
  }
  return impl_->wait(what, timeout, [&](WaitResult& result) {
    const auto match = find_regex(impl_->decoder.screen(), *compiled, at, impl_->options.text_options);
    if (!match) return false;
    result.position = match->position;
    result.groups = match->groups;
    return true;
  });
}

WaitResult Terminal::wait_until_quiet(std::chrono::milliseconds quiet, std::chrono::milliseconds timeout) {
  const auto start = Clock::now();
  const auto deadline = start + timeout;
  const std::string what = "a quiet line for " + std::to_string(quiet.count()) + " ms";
  WaitResult result;
  std::unique_lock lock(impl_->mutex);
  while (true) {
    const auto quiet_at = impl_->last_activity + quiet;
    if (!impl_->connected) {
      result.matched = true;
      result.message = "found " + what + " (" + impl_->connection_state() + ")";
      break;
    }
    const auto now = Clock::now();
    if (now >= quiet_at) {
      result.matched = true;
      result.message = "found " + what;
      break;
    }
    if (now >= deadline) {
      result.message = "timed out after " + std::to_string(timeout.count()) + " ms waiting for " + what +
                       ": data kept arriving (" + impl_->connection_state() + ")";
      break;
    }
    impl_->changed.wait_until(lock, std::min(quiet_at, deadline));
  }
  result.screen = videotex::text_dump(impl_->decoder.screen(), impl_->options.text_options);
  result.elapsed = since(start);
  return result;
}

WaitResult Terminal::wait_for_disconnect(std::chrono::milliseconds timeout) {
  auto result = impl_->wait("the end of the connection", timeout, [&](WaitResult&) { return !impl_->connected; }, false);
  if (result.matched) result.message += " (" + impl_->close_reason + ")";
  return result;
}

WaitResult Terminal::wait_for_received(std::string_view bytes, std::chrono::milliseconds timeout) {
  const std::string wanted(bytes);
  return impl_->wait("received bytes " + hex_text(wanted), timeout,
                     [&](WaitResult&) { return impl_->received.find(wanted) != std::string::npos; });
}

WaitResult Terminal::wait_until(std::string_view description, std::chrono::milliseconds timeout,
                                const std::function<bool(const videotex::Screen&, const videotex::TerminalModes&)>& condition) {
  return impl_->wait(std::string(description), timeout,
                     [&](WaitResult&) { return condition(impl_->decoder.screen(), impl_->decoder.modes()); });
}

videotex::Screen Terminal::screen() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->decoder.screen();
}

videotex::TerminalModes Terminal::modes() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->decoder.modes();
}

videotex::DecoderStats Terminal::stats() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->decoder.stats();
}

std::string Terminal::text() const { return videotex::text_dump(screen(), impl_->options.text_options); }

std::string Terminal::row(int row) const {
  if (row < 0 || row >= videotex::kRows) return {};
  return videotex::row_text(screen(), row, impl_->options.text_options);
}

std::string Terminal::json(bool pretty) const { return videotex::json_dump(screen(), pretty); }

std::vector<std::uint8_t> Terminal::png(const videotex::RenderOptions& options) const {
  return videotex::encode_png(videotex::render(screen(), options));
}

bool Terminal::save_png(const std::string& path, std::string& error, const videotex::RenderOptions& options) const {
  return videotex::write_png(videotex::render(screen(), options), path, error);
}

Transcript Terminal::transcript() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->transcript;
}

std::string Terminal::received_bytes() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->received;
}

std::string Terminal::sent_bytes() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->sent;
}

bool Terminal::save_transcript(const std::string& path, std::string& error) const {
  return sim::save_transcript(transcript(), path, error);
}

}  // namespace pavi::sim
