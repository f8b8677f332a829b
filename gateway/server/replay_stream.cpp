// Replays of finished (or live) sessions' recordings on the ws and wss ports: `/?streamuniqueid=<uid>[&seq=<n>]`
// (visuweb-stats-recordings.md §3.3, C-141). Unlike the original, uid and seq must be digits, so a request
// cannot name a file outside rpath.
#include <ctime>

#include "gateway/operations/recordings_folder.hpp"
#include "gateway/server/detail/connection.hpp"

namespace pavi::gateway::detail {

std::optional<std::string> Connection::begin_replay(const std::string& unique_id, const std::string& seq) {
  if (shared_.stopping) return std::nullopt;
  pin_ = shared_.pins.acquire();  // a replay takes a PIN as any WS connection does
  shared_.activity.update(activity_serial_, [&](ConnectionEntry& entry) {
    entry.direction = Direction::replay;
    entry.pin = pin_;
    if (valid_recording_id(unique_id)) entry.infos = "REPLAY " + unique_id + (seq.empty() ? "" : "-" + seq);
  });
  auto content = replay_content(shared_.config.rpath, unique_id, seq);
  shared_.log.write("Replay " + (valid_recording_id(unique_id) ? unique_id : std::string("(uid invalide)")) +
                        (content ? "" : " introuvable"),
                    "replay",
                    {{"serial", std::to_string(activity_serial_)},
                     {"uid", valid_recording_id(unique_id) ? unique_id : std::string()},
                     {"seq", seq.size() <= 20 ? seq : std::string()},
                     {"found", content ? "1" : "0"},
                     {"bytes", std::to_string(content ? content->size() : 0)}});
  return content;
}

}  // namespace pavi::gateway::detail
