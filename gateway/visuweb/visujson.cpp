// Field order follows the original's array building; pid is the accept serial, a stable id per connection.
#include "gateway/visuweb/visujson.hpp"

#include "gateway/service_protocol/php_strings.hpp"
#include "gateway/visuweb/visuweb_format.hpp"

namespace pavi::gateway::visuweb {

namespace {

// json_encode fails on invalid UTF-8; a URL that a service sent is not trusted to be valid.
std::string valid_utf8(const std::string& text) {
  if (service::is_valid_utf8(text)) return text;
  std::string out;
  for (const unsigned char c : text) out += c < 0x80 ? static_cast<char>(c) : '?';
  return out;
}

}  // namespace

ConnectionTimes connection_times(const ConnectionEntry& entry, std::time_t now) {
  ConnectionTimes times;
  times.tcnx = format_date_time(entry.connected_at);
  if (entry.direction == Direction::in) {
    const std::time_t last = entry.last_action != 0 ? entry.last_action : entry.connected_at;
    times.tlastaction = format_time(last);
    times.duree = format_duration(static_cast<long>(last - entry.connected_at));
  } else {
    const std::time_t end = entry.ended_at != 0 ? entry.ended_at : now;
    times.tlastaction = "--";
    times.duree = format_duration(static_cast<long>(end - entry.connected_at));
  }
  return times;
}

std::string connection_type(const ConnectionEntry& entry) {
  return std::string(direction_text(entry.direction)) + "/" + entry.typesocket;
}

service::Json visujson_value(const ActivitySnapshot& activity, const SystemFigures& system, std::time_t now) {
  service::Json connections = service::Json::array();
  for (const ConnectionEntry& entry : activity.live) {
    const ConnectionTimes times = connection_times(entry, now);
    service::Json row = service::Json::object();
    row["type"] = valid_utf8(connection_type(entry));
    row["direction"] = std::string(direction_text(entry.direction));
    row["uniqueid"] = valid_utf8(entry.unique_id);
    row["ip"] = valid_utf8(entry.ip);
    row["pid"] = entry.serial;
    row["tcnx"] = times.tcnx;
    row["tlastaction"] = times.tlastaction;
    row["duree"] = times.duree;
    row["url"] = entry.url ? service::Json(valid_utf8(*entry.url)) : service::Json(nullptr);
    row["infos"] = valid_utf8(entry.infos);
    connections.push_back(std::move(row));
  }
  service::Json value = service::Json::object();
  value["loadavg"] = system.loadavg;
  value["freespace"] = format_thousands(system.free_mb);
  value["cnxtotal"] = activity.live.size();
  value["cnx"] = std::move(connections);
  return value;
}

std::string visujson_body(const ActivitySnapshot& activity, const SystemFigures& system, std::time_t now) {
  auto encoded = service::php_json_encode(visujson_value(activity, system, now));
  return encoded.text.value_or("{}");
}

}  // namespace pavi::gateway::visuweb
