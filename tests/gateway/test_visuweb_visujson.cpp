// action=visujson: exactly the original's fields, types and order (visuweb-stats-recordings.md §2.3, C-137).
#include <gtest/gtest.h>

#include "gateway/visuweb/visujson.hpp"

namespace pavi::gateway::visuweb {
namespace {

std::time_t local_time(int year, int month, int day, int hour, int minute, int second) {
  std::tm parts{};
  parts.tm_year = year - 1900;
  parts.tm_mon = month - 1;
  parts.tm_mday = day;
  parts.tm_hour = hour;
  parts.tm_min = minute;
  parts.tm_sec = second;
  parts.tm_isdst = -1;
  return std::mktime(&parts);
}

ConnectionEntry user(std::uint64_t serial, std::time_t at) {
  ConnectionEntry entry;
  entry.serial = serial;
  entry.unique_id = "17953548184589";
  entry.direction = Direction::in;
  entry.typesocket = "TELN";
  entry.ip = "127.0.0.1";
  entry.pin = "4589";
  entry.connected_at = at;
  entry.last_action = at + 1;
  entry.url = "http://127.0.0.1:8090/a?step=1";
  return entry;
}

TEST(VisuJson, MatchesTheOriginalsExampleByteForByte) {  // C-137
  const std::time_t at = local_time(2026, 11, 22, 13, 40, 18);
  ActivitySnapshot activity;
  activity.live.push_back(user(24882, at));
  const std::string body = visujson_body(activity, SystemFigures{0.525146484375, 79628}, at + 5);
  EXPECT_EQ(body,
            "{\"loadavg\":0.525146484375,\"freespace\":\"79 628\",\"cnxtotal\":1,\"cnx\":[{\"type\":\"IN\\/TELN\","
            "\"direction\":\"IN\",\"uniqueid\":\"17953548184589\",\"ip\":\"127.0.0.1\",\"pid\":24882,"
            "\"tcnx\":\"22\\/11\\/2026 13:40:18\",\"tlastaction\":\"13:40:19\",\"duree\":\"0:01\","
            "\"url\":\"http:\\/\\/127.0.0.1:8090\\/a?step=1\",\"infos\":\"\"}]}");
}

TEST(VisuJson, FieldsHaveTheDocumentedTypes) {  // C-137
  const std::time_t at = local_time(2026, 11, 22, 10, 0, 0);
  ActivitySnapshot activity;
  activity.live.push_back(user(1, at));
  ConnectionEntry pending = user(2, at);
  pending.direction = Direction::pending;
  pending.url.reset();
  activity.live.push_back(pending);
  const service::Json value = visujson_value(activity, SystemFigures{0.5, 1234567}, at + 100);
  EXPECT_TRUE(value["loadavg"].is_number());
  EXPECT_TRUE(value["freespace"].is_string());
  EXPECT_EQ(value["freespace"], "1 234 567");
  EXPECT_TRUE(value["cnxtotal"].is_number_integer());
  EXPECT_EQ(value["cnxtotal"], 2);
  ASSERT_TRUE(value["cnx"].is_array());
  const std::vector<std::string> keys{"type", "direction", "uniqueid", "ip",    "pid",
                                      "tcnx", "tlastaction", "duree",  "url", "infos"};
  for (const auto& row : value["cnx"]) {
    std::vector<std::string> seen;
    for (auto it = row.begin(); it != row.end(); ++it) seen.push_back(it.key());
    EXPECT_EQ(seen, keys);
    EXPECT_TRUE(row["pid"].is_number_integer());
    for (const char* key : {"type", "direction", "uniqueid", "ip", "tcnx", "tlastaction", "duree", "infos"}) {
      EXPECT_TRUE(row[key].is_string()) << key;
    }
  }
  EXPECT_TRUE(value["cnx"][0]["url"].is_string());
  EXPECT_TRUE(value["cnx"][1]["url"].is_null());  // before the first report
  EXPECT_EQ(value["cnx"][1]["type"], "/TELN");
  EXPECT_EQ(value["cnx"][1]["direction"], "");
}

TEST(VisuJson, TimesFollowTheDirection) {
  const std::time_t at = local_time(2026, 11, 22, 10, 0, 0);
  ConnectionEntry in = user(1, at);
  in.last_action = at + 125 * 60 + 7;
  EXPECT_EQ(connection_times(in, at + 99999).duree, "125:07");  // last action − connection, minutes unbounded
  EXPECT_EQ(connection_times(in, at).tlastaction, "12:05:07");
  ConnectionEntry replay = user(2, at);
  replay.direction = Direction::replay;
  EXPECT_EQ(connection_times(replay, at + 61).tlastaction, "--");
  EXPECT_EQ(connection_times(replay, at + 61).duree, "1:01");  // now − connection
  EXPECT_EQ(connection_type(replay), "--/TELN");
}

TEST(VisuJson, InvalidUtf8FromAServiceDoesNotBreakTheReply) {
  const std::time_t at = local_time(2026, 11, 22, 10, 0, 0);
  ActivitySnapshot activity;
  ConnectionEntry entry = user(1, at);
  entry.url = std::string("http://x/\xff\xfe");
  entry.infos = "CALLFROM é";
  activity.live.push_back(entry);
  const std::string body = visujson_body(activity, SystemFigures{}, at);
  EXPECT_NE(body.find("http:\\/\\/x\\/??"), std::string::npos);
  EXPECT_NE(body.find("CALLFROM \\u00e9"), std::string::npos);
  EXPECT_NE(body.find("\"cnxtotal\":1"), std::string::npos);
}

}  // namespace
}  // namespace pavi::gateway::visuweb
