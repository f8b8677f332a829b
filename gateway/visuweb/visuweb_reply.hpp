// The raw HTTP replies of the VisuWeb port, byte for byte as the original writes them (visuweb-stats-recordings.md
// §2): status line, the listed headers only, then the body; the connection is closed after each reply.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gateway/session/webmedia.hpp"

namespace pavi::gateway::visuweb {

inline constexpr std::string_view kHtml = "text/html; charset=utf-8";
inline constexpr std::string_view kJson = "application/json; charset=utf-8";
inline constexpr std::string_view kPrometheus = "text/plain; version=0.0.4; charset=utf-8";

// `HTTP/1.1 200 OK`, Content-Length, Content-Type, then the body.
std::string ok_reply(std::string_view content_type, std::string_view body);
// 401 with the Basic challenge, no body and no Content-Length (C-136).
std::string unauthorized_reply();
// What the proxy answers when the fetch fails.
std::string bad_gateway_reply();
// The footer every HTML page ends with; alone, it is the whole reply to an unknown action (§2.7).
std::string page_footer(std::string_view version);

// The webmedia poll's reply (§2.2, C-131..C-133). `session` none: no live session has this PIN.
std::string webmedia_body(const std::optional<WebMediaPoll>& session);
std::string webmedia_reply(std::string_view origin, const std::optional<WebMediaPoll>& session);

}  // namespace pavi::gateway::visuweb
