// Only the end of the log file is read: a month of logs can be large and the page is reloaded every 30 s.
#include "gateway/visuweb/system_status.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace pavi::gateway::visuweb {

namespace {

constexpr std::streamoff kTailBytes = 256 * 1024;

}  // namespace

SystemFigures read_system_figures() {
  SystemFigures figures;
  double load[1] = {0};
  const long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  if (getloadavg(load, 1) == 1) figures.loadavg = load[0] / static_cast<double>(std::max(cpus, 1L));
  struct statvfs disk {};
  if (statvfs(".", &disk) == 0) {
    figures.free_mb = static_cast<long long>(disk.f_bavail) * static_cast<long long>(disk.f_frsize) / (1024 * 1024);
  }
  return figures;
}

std::string log_file_path(std::string_view lpath, std::time_t now) {
  std::tm parts{};
  localtime_r(&now, &parts);
  char name[32];
  std::snprintf(name, sizeof name, "%04d%02d.log", parts.tm_year + 1900, parts.tm_mon + 1);
  return std::string(lpath) + name;
}

std::vector<std::string> last_log_lines(const std::string& path, std::size_t count) {
  std::vector<std::string> lines;
  std::ifstream file(path, std::ios::binary);
  if (!file) return lines;
  file.seekg(0, std::ios::end);
  const std::streamoff size = file.tellg();
  if (size <= 0) return lines;
  const std::streamoff from = std::max<std::streamoff>(0, size - kTailBytes);
  file.seekg(from);
  std::string text(static_cast<std::size_t>(size - from), '\0');
  file.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(file.gcount()));
  std::size_t begin = 0;
  if (from > 0) begin = text.find('\n') == std::string::npos ? text.size() : text.find('\n') + 1;  // a cut line
  std::vector<std::string> all;
  while (begin < text.size()) {
    auto end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) all.push_back(std::move(line));
    begin = end + 1;
  }
  const std::size_t keep = std::min(count, all.size());
  lines.assign(all.rbegin(), all.rbegin() + static_cast<std::ptrdiff_t>(keep));
  return lines;
}

}  // namespace pavi::gateway::visuweb
