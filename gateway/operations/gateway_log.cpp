// Log line formats and locked appends.
#include "gateway/operations/gateway_log.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>

namespace pavi::gateway {

namespace {

std::tm local_time(std::time_t when) {
  std::tm local{};
  localtime_r(&when, &local);
  return local;
}

std::string folder_of(std::string_view lpath) {
  std::string folder(lpath.empty() ? "./" : lpath);
  if (folder.back() != '/') folder += '/';
  return folder;
}

bool needs_quotes(std::string_view value) {
  if (value.empty()) return true;
  for (const char c : value) {
    if (c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

void append_value(std::string& out, std::string_view value) {
  if (!needs_quotes(value)) {
    out += value;
    return;
  }
  out += '"';
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

std::string log_file_path(std::string_view lpath, int year, int month) {
  char name[24];
  std::snprintf(name, sizeof name, "%04d%02d.log", year, month);
  return folder_of(lpath) + name;
}

std::string event_file_path(std::string_view lpath, int year, int month) {
  char name[32];
  std::snprintf(name, sizeof name, "%04d%02d.events.log", year, month);
  return folder_of(lpath) + name;
}

std::string format_log_line(std::time_t when, std::string_view message) {
  const std::tm t = local_time(when);
  char stamp[96];
  std::snprintf(stamp, sizeof stamp, "[%02d/%02d/%04d %02d:%02d:%02d] ", t.tm_mday, t.tm_mon + 1, t.tm_year + 1900,
                t.tm_hour, t.tm_min, t.tm_sec);
  std::string line(stamp);
  for (const char c : message) line += (c == '\r' || c == '\n') ? ' ' : c;  // one event, one line
  line += "\r\n";
  return line;
}

std::string format_event_line(std::time_t when, std::string_view event, const LogFields& fields) {
  const std::tm t = local_time(when);
  char stamp[40];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S%z", &t);
  std::string line = "time=";
  line += stamp;
  line += " event=";
  append_value(line, event);
  for (const auto& [key, value] : fields) {
    line += ' ';
    line += key;
    line += '=';
    append_value(line, value);
  }
  line += '\n';
  return line;
}

bool append_locked(const std::string& path, std::string_view text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  while (::flock(fd, LOCK_EX) != 0 && errno == EINTR) {
  }
  std::size_t done = 0;
  bool ok = true;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  ::flock(fd, LOCK_UN);
  ::close(fd);
  return ok;
}

GatewayLog::GatewayLog(std::string lpath) : lpath_(folder_of(lpath)) {
  std::error_code ignored;
  std::filesystem::create_directories(lpath_, ignored);
}

void GatewayLog::write(std::time_t when, std::string_view message, std::string_view event, const LogFields& fields) {
  const std::tm t = local_time(when);
  append_locked(log_file_path(lpath_, t.tm_year + 1900, t.tm_mon + 1), format_log_line(when, message));
  append_locked(event_file_path(lpath_, t.tm_year + 1900, t.tm_mon + 1), format_event_line(when, event, fields));
}

std::string loggable_input(std::string_view content) {
  if (content.empty()) return {};
  return "<" + std::to_string(content.size()) + " car.>";
}

}  // namespace pavi::gateway
