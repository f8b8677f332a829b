// The sequence markers are searched in a small held buffer rather than with the original's regular expression over
// a rolling window; the accepted bodies are the same (no newline, no nested start marker).
#include "gateway/session/webmedia.hpp"

#include <array>

#include "gateway/service_protocol/php_strings.hpp"
#include "gateway/service_protocol/php_url.hpp"

namespace pavi::gateway {

namespace {

constexpr std::string_view kStart = "\x14#D";
constexpr std::string_view kEnd = "\x14#F";
// The original keeps about 262 bytes between reads: a longer unfinished sequence is not one.
constexpr std::size_t kMaxHeld = 262;

struct MediaType {
  std::string_view name;
  bool needs_url;
  bool trimmed;
};
constexpr std::array<MediaType, 6> kTypes{{{"URL", true, true},
                                           {"YT", false, true},
                                           {"DM", false, false},
                                           {"VID", true, true},
                                           {"SND", true, true},
                                           {"IMG", true, true}}};

}  // namespace

std::optional<MediaRequest> parse_media_body(std::string_view body) {
  if (body.find('\n') != std::string_view::npos || body.find(kStart) != std::string_view::npos) return std::nullopt;
  for (const MediaType& type : kTypes) {
    const std::string marker = std::string(type.name) + ":";
    const auto at = body.find(marker);
    if (at == std::string_view::npos) continue;
    std::string_view value = body.substr(at + marker.size());
    if (type.trimmed) value = service::php_trim(value);
    if (value.empty() || (type.needs_url && !service::php_validate_url(value))) return std::nullopt;  // C-135
    return MediaRequest{std::string(type.name), std::string(value)};
  }
  return std::nullopt;
}

std::optional<MediaRequest> MediaSequenceScanner::feed(std::string_view bytes) {
  held_.append(bytes);
  std::optional<MediaRequest> found;
  std::size_t consumed = 0;
  for (;;) {
    auto start = held_.find(kStart, consumed);
    if (start == std::string::npos) break;
    const auto end = held_.find(kEnd, start + kStart.size());
    if (end == std::string::npos) {
      consumed = start;
      break;
    }
    // A later start marker before the end begins the real sequence (the body may not hold one).
    for (auto next = held_.find(kStart, start + 1); next != std::string::npos && next < end;
         next = held_.find(kStart, next + 1)) {
      start = next;
    }
    const std::string_view body = std::string_view(held_).substr(start + kStart.size(), end - start - kStart.size());
    if (auto request = parse_media_body(body)) found = std::move(request);
    consumed = end + kEnd.size();
  }
  if (held_.find(kStart, consumed) == std::string::npos) {
    // Nothing open: only a possible partial start marker at the very end is worth keeping.
    consumed = std::max(consumed, held_.size() - std::min<std::size_t>(held_.size(), kStart.size() - 1));
  }
  held_.erase(0, consumed);
  if (held_.size() > kMaxHeld) held_.erase(0, held_.size() - (kStart.size() - 1));
  return found;
}

bool WebMediaState::on_output(std::string_view bytes) {
  auto request = scanner_.feed(bytes);
  if (!request) return false;
  pending_ = std::move(request);  // a newer request replaces an unfetched one (C-135)
  return true;
}

WebMediaPoll WebMediaState::poll(SessionTime now) {
  last_poll_ = now;
  WebMediaPoll result{std::move(pending_)};
  pending_.reset();
  return result;
}

int WebMediaState::active(SessionTime now) const {
  return last_poll_ && now - *last_poll_ < kWebMediaActiveFor ? 1 : 0;
}

}  // namespace pavi::gateway
