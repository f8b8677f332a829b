// `action=visujson` (visuweb-stats-recordings.md §2.3): the live connections as JSON with exactly the original's
// fields, types and order, written as PHP json_encode writes them ("\/"), for the scripts that poll it.
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "gateway/operations/activity.hpp"
#include "gateway/service_protocol/php_json.hpp"

namespace pavi::gateway::visuweb {

// The machine figures of the status line: load and free disk space of the working directory.
struct SystemFigures {
  double loadavg = 0;        // 1-minute load average ÷ number of CPUs
  long long free_mb = 0;     // free space in MB
};

// The time columns of one connection as VisuWeb shows them.
struct ConnectionTimes {
  std::string tcnx;         // "dd/mm/YYYY HH:MM:SS"
  std::string tlastaction;  // IN: "HH:MM:SS" of the last action; otherwise "--"
  std::string duree;        // IN: last action − connection; otherwise now − connection ("M:SS")
};
ConnectionTimes connection_times(const ConnectionEntry& entry, std::time_t now);

// "<direction>/<typesocket>": "IN/WSS", "--/WS", "/TELN" while the handshake is not finished.
std::string connection_type(const ConnectionEntry& entry);

service::Json visujson_value(const ActivitySnapshot& activity, const SystemFigures& system, std::time_t now);
// The body: json_encode of the value (invalid UTF-8 from a service URL is replaced, never fails).
std::string visujson_body(const ActivitySnapshot& activity, const SystemFigures& system, std::time_t now);

}  // namespace pavi::gateway::visuweb
