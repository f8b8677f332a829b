// What the VisuWeb status line and log panel read from the machine: load average per CPU, free disk space of the
// working directory, and the last lines of the current month's log file (lpath/YYYYMM.log).
#pragma once

#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/visuweb/visujson.hpp"

namespace pavi::gateway::visuweb {

SystemFigures read_system_figures();

// `lpath` + "YYYYMM.log" for the month of `now` (local time); `lpath` ends with '/'.
std::string log_file_path(std::string_view lpath, std::time_t now);
// The last `count` lines of the file, newest first, without their CR LF; empty when it cannot be read.
std::vector<std::string> last_log_lines(const std::string& path, std::size_t count = 100);

}  // namespace pavi::gateway::visuweb
