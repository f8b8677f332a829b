// A connection's part in operations: its row in the activity table, its recording, its statistics and its log
// lines (visuweb-stats-recordings.md §2.3, §3, §4, §5).
#include <ctime>

#include "gateway/operations/stats_file.hpp"
#include "gateway/server/detail/connection.hpp"
#include "gateway/server/detail/connection_operations.hpp"

namespace pavi::gateway::detail {

std::string_view log_label(ConnectionKind kind) {
  switch (kind) {
    case ConnectionKind::ws: return "WS";
    case ConnectionKind::wss: return "WSS";
    case ConnectionKind::telnet: return "TELN";
    case ConnectionKind::asterisk: return "RTC";
    case ConnectionKind::asterisk_pce: return "RTC(PCE)";
  }
  return "?";
}

void log_service_call(GatewayLog& log, const ServiceCall& call, bool stopping) {
  const service::Request& request = call.request;
  if (request.fctn == "FIN") {
    log.write(std::string(stopping ? "onStop: Envoi DECO à service UID=" : "Envoi DECO au service UID=") +
                  request.unique_id,
              "fin", {{"uid", request.unique_id}, {"url", call.url}});
    return;
  }
  const std::string input = request.content.empty() ? std::string() : loggable_input(request.content.front());
  log.write("Appel service [" + request.fctn + "] [" + input + "] > " + call.url, "service_call",
            {{"uid", request.unique_id}, {"fctn", request.fctn}, {"url", call.url},
             {"input_length", std::to_string(request.content.empty() ? 0 : request.content.front().size())}});
}

void Connection::report_action() {
  shared_.activity.update(activity_serial_, [](ConnectionEntry& entry) { entry.last_action = std::time(nullptr); });
}

void Connection::report_url(const std::string& url) {
  if (url == reported_url_) return;
  reported_url_ = url;
  shared_.activity.update(activity_serial_, [&url](ConnectionEntry& entry) { entry.url = url; });
}

void Connection::report_infos(const std::string& infos) {
  shared_.activity.update(activity_serial_, [&infos](ConnectionEntry& entry) { entry.infos = infos; });
}

void Connection::finish_operations() {
  if (recorder_) recorder_->close();
  const std::time_t ended_at = std::time(nullptr);
  const auto entry = shared_.activity.live_entry(activity_serial_);
  if (entry && entry->direction != Direction::pending) {
    // C-139: IN sessions only, last action - connection >= 10 s, credited to the day of the disconnection.
    if (const auto duration =
            counted_session_duration(entry->direction == Direction::in, entry->connected_at, entry->last_action)) {
      add_session_to_stats(shared_.config.spath, local_stats_day(ended_at), entry->typesocket, *duration);
    }
    if (entry->direction != Direction::replay) {
      shared_.log.write(ended_at, "***DECO*** onStop: UID=" + entry->unique_id, "deco",
                        {{"serial", std::to_string(activity_serial_)}, {"uid", entry->unique_id},
                         {"type", entry->typesocket},
                         {"duration", std::to_string(entry->last_action == 0 ? 0 : entry->last_action - entry->connected_at)},
                         {"counted", counted_session_duration(entry->direction == Direction::in, entry->connected_at,
                                                              entry->last_action)
                                         ? "1"
                                         : "0"}});
    }
  }
  shared_.activity.closed(activity_serial_, ended_at);
}

}  // namespace pavi::gateway::detail
