// The VisuWeb home page (visuweb-stats-recordings.md §2.4): configuration summary, status line, live connections,
// history and the last log lines, as plain HTML that works without JavaScript (it reloads itself every 30 s).
// Every text that comes from users or services (URLs, infos, logs) is HTML-escaped.
#pragma once

#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/config/gateway_config.hpp"
#include "gateway/operations/activity.hpp"
#include "gateway/visuweb/visujson.hpp"

namespace pavi::gateway::visuweb {

struct LivePageInput {
  ActivitySnapshot activity;
  SystemFigures system;
  std::time_t now = 0;
  std::vector<std::string> log_lines;  // newest first
  std::string version;                 // shown in the footer
};

// The ws (or, preferred, wss) gateway URL the viewer links use: "wss://host:port/"; "" without a ws/wss port.
std::string gateway_ws_url(const GatewayConfig& config);
// The live view of a session through the EXTcall service (duplicateStream); "" when the link is not offered.
std::string live_view_link(const GatewayConfig& config, const ConnectionEntry& entry);
// The replay of a finished session on the ws port (§3.3); "" when the link is not offered.
std::string replay_link(const GatewayConfig& config, const ConnectionEntry& entry);

std::string live_page(const GatewayConfig& config, const LivePageInput& input);

}  // namespace pavi::gateway::visuweb
