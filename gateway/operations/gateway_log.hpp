// The gateway's log files (visuweb-stats-recordings.md §5). Each event is written twice:
//  - `lpath`/YYYYMM.log, the original's file: `[dd/mm/YYYY HH:MM:SS] <French message>` CR LF (VisuWeb shows it);
//  - `lpath`/YYYYMM.events.log, one structured line per event: `time=<ISO 8601> event=<name> key=value ...` LF,
//    values quoted when they hold spaces, quotes, '=' or control bytes.
// Every line is one write(2) under an exclusive flock on an O_APPEND descriptor, so processes and threads that
// log at once never interleave or cut lines. Thread-safe; failures to log are ignored.
#pragma once

#include <ctime>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pavi::gateway {

using LogFields = std::vector<std::pair<std::string, std::string>>;

std::string log_file_path(std::string_view lpath, int year, int month);
std::string event_file_path(std::string_view lpath, int year, int month);
std::string format_log_line(std::time_t when, std::string_view message);
std::string format_event_line(std::time_t when, std::string_view event, const LogFields& fields);
// Appends `text` to `path` under flock (one write); false on failure.
bool append_locked(const std::string& path, std::string_view text);

class GatewayLog {
 public:
  explicit GatewayLog(std::string lpath);

  // Both lines for one event, in the month of `when` (local time).
  void write(std::time_t when, std::string_view message, std::string_view event, const LogFields& fields = {});
  void write(std::string_view message, std::string_view event, const LogFields& fields = {}) {
    write(std::time(nullptr), message, event, fields);
  }
  const std::string& folder() const { return lpath_; }

 private:
  std::string lpath_;
};

// What a service call logs of the user's first input element: the original writes it in clear, so passwords
// typed in masked fields end up in the log. The gateway cannot always tell a password from a message, so
// PaviKit writes only the length ("<12 car.>"); "" stays "".
std::string loggable_input(std::string_view content);

}  // namespace pavi::gateway
