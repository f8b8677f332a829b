// The monthly statistics files: PHP serialize() text, read for the stats pages and updated at each session end.
#include "gateway/operations/stats_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gateway/operations/php_serialize.hpp"

namespace pavi::gateway {

namespace {

constexpr long kMinimumCounted = 10;  // seconds (C-139)

std::optional<long> as_number(const php::Value& value) {
  if (const auto* n = std::get_if<long>(&value.data)) return *n;
  if (const auto* d = std::get_if<double>(&value.data)) {
    if (!std::isfinite(*d)) return std::nullopt;
    return static_cast<long>(*d);
  }
  if (const auto* s = std::get_if<std::string>(&value.data)) {
    const auto key = php::array_key(*s);
    if (const auto* n = std::get_if<long>(&key)) return *n;
  }
  return std::nullopt;
}

// "05" and 5 and "5" all name day 5.
std::optional<int> day_number(const php::Key& key) {
  long day = 0;
  if (const auto* n = std::get_if<long>(&key)) {
    day = *n;
  } else {
    const auto& text = std::get<std::string>(key);
    if (text.empty() || text.size() > 2 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    day = std::stol(text);
  }
  if (day < 1 || day > 31) return std::nullopt;
  return static_cast<int>(day);
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  return text;
}

php::Value* find(php::Array& items, const php::Key& key) {
  for (auto& [k, v] : items) {
    if (k == key) return &v;
  }
  return nullptr;
}

php::Array& array_at(php::Array& items, const php::Key& key) {
  php::Value* value = find(items, key);
  if (value == nullptr) {
    items.emplace_back(key, php::Value{php::Array{}});
    value = &items.back().second;
  }
  if (!std::holds_alternative<php::Array>(value->data)) value->data = php::Array{};
  return std::get<php::Array>(value->data);
}

void add_to(php::Array& cell, const char* name, long amount) {
  php::Value* value = find(cell, std::string(name));
  const long before = value != nullptr ? as_number(*value).value_or(0) : 0;
  if (value == nullptr) {
    cell.emplace_back(std::string(name), php::Value{});
    value = &cell.back().second;
  }
  value->data = before + amount;
}

// Reads the whole file through `fd` (positioned anywhere).
std::optional<std::string> read_all(int fd) {
  std::string text;
  char buffer[8192];
  off_t offset = 0;
  for (;;) {
    const ssize_t n = ::pread(fd, buffer, sizeof buffer, offset);
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::nullopt;
    }
    if (n == 0) return text;
    text.append(buffer, static_cast<std::size_t>(n));
    offset += n;
  }
}

bool write_all(int fd, std::string_view text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::pwrite(fd, text.data() + done, text.size() - done, static_cast<off_t>(done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return ::ftruncate(fd, static_cast<off_t>(text.size())) == 0;
}

}  // namespace

std::string stats_file_path(std::string_view spath, int year, int month) {
  char name[32];
  std::snprintf(name, sizeof name, "stats-%04d%02d.stats", year, month);
  return std::string(spath) + name;
}

std::optional<MonthStats> parse_month_stats(std::string_view text) {
  const auto value = php::unserialize(trimmed(text));
  if (!value) return std::nullopt;
  const auto* days = std::get_if<php::Array>(&value->data);
  if (days == nullptr) return std::nullopt;
  MonthStats month;
  for (const auto& [day_key, day_value] : *days) {
    const auto day = day_number(day_key);
    const auto* types = std::get_if<php::Array>(&day_value.data);
    if (!day || types == nullptr) return std::nullopt;
    DayStats& stats = month[*day];
    for (const auto& [type_key, cell_value] : *types) {
      const auto* type = std::get_if<std::string>(&type_key);
      const auto* fields = std::get_if<php::Array>(&cell_value.data);
      if (type == nullptr || fields == nullptr) return std::nullopt;
      StatsCell& cell = stats[*type];
      for (const auto& [field_key, field_value] : *fields) {
        const auto* field = std::get_if<std::string>(&field_key);
        const auto number = as_number(field_value);
        if (field == nullptr || !number) continue;  // unknown extra fields do not make the file unreadable
        if (*field == "count") cell.count += *number;
        if (*field == "duration") cell.duration += *number;
      }
    }
  }
  return month;
}

std::optional<MonthStats> read_month_stats(std::string_view spath, int year, int month) {
  std::ifstream in(stats_file_path(spath, year, month), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return parse_month_stats(text.str());
}

MonthStats read_year_stats(std::string_view spath, int year) {
  MonthStats year_stats;
  for (int month = 1; month <= 12; ++month) {
    const auto stats = read_month_stats(spath, year, month);
    if (!stats) continue;
    for (const auto& [day, types] : *stats) {
      for (const auto& [type, cell] : types) {
        StatsCell& sum = year_stats[day][type];
        sum.count += cell.count;
        sum.duration += cell.duration;
      }
    }
  }
  return year_stats;
}

StatsDay local_stats_day(std::time_t when) {
  std::tm local{};
  localtime_r(&when, &local);
  return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

std::optional<long> counted_session_duration(bool incoming, std::time_t connected_at, std::time_t last_action) {
  if (!incoming) return std::nullopt;
  const auto duration = static_cast<long>(last_action - connected_at);
  if (duration < kMinimumCounted) return std::nullopt;
  return duration;
}

StatsUpdate add_session_to_stats(std::string_view spath, const StatsDay& day, std::string_view type, long duration) {
  std::error_code ignored;
  if (!spath.empty()) std::filesystem::create_directories(std::filesystem::path(std::string(spath)), ignored);
  const std::string path = stats_file_path(spath, day.year, day.month);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return StatsUpdate::io_error;
  StatsUpdate result = StatsUpdate::io_error;
  while (::flock(fd, LOCK_EX) != 0 && errno == EINTR) {
  }
  if (const auto text = read_all(fd)) {
    // A file just created by us (or by the original's fopen) is empty: it starts as an empty array.
    auto value = trimmed(*text).empty() ? std::optional<php::Value>(php::Value{php::Array{}}) : php::unserialize(trimmed(*text));
    auto* days = value ? std::get_if<php::Array>(&value->data) : nullptr;
    if (days == nullptr) {
      result = StatsUpdate::unreadable;
    } else {
      char two_digits[16];
      std::snprintf(two_digits, sizeof two_digits, "%02d", day.day % 100);
      php::Array& types = array_at(*days, php::array_key(two_digits));
      php::Array& cell = array_at(types, std::string(type));
      add_to(cell, "count", 1);
      add_to(cell, "duration", duration);
      result = write_all(fd, php::serialize(*value)) ? StatsUpdate::written : StatsUpdate::io_error;
    }
  }
  ::flock(fd, LOCK_UN);
  ::close(fd);
  return result;
}

}  // namespace pavi::gateway
