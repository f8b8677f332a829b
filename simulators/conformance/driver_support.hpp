// Helpers the scenario drivers share: a check built from a driver and a judge, start-up of a session on a
// check's own service path, and the JSON of the commands the scenarios send. Internal to the conformance library.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "simulators/conformance/check.hpp"
#include "simulators/conformance/harness.hpp"
#include "simulators/conformance/judges.hpp"

namespace pavi::conformance::detail {

using Driver = std::function<void(Harness&)>;
using Judge = Outcome (*)(const Observation&);
using Json = service::Json;

inline Check make_check(std::string key, std::vector<std::string> ids, std::string title, bool quirk, unsigned needs,
                        Driver drive, Judge judge) {
  Check c;
  c.key = std::move(key);
  c.ids = std::move(ids);
  c.title = std::move(title);
  c.quirk = quirk;
  c.needs = needs;
  c.run = [drive = std::move(drive), judge](Harness& h) {
    drive(h);
    return judge(h.finish());
  };
  return c;
}

// A session on the check's own URL `path`, answered by `responder`; false when it could not start.
inline bool start_ws(Harness& h, const std::string& path, Responder responder) {
  const std::string url = h.url(path);
  h.fact("start_url", url);
  const auto q = path.find('?');
  h.fact("start_path", path.substr(0, q));
  h.respond(std::move(responder));
  return h.connect_ws(url);
}

inline Json input_txt(int x, int y, int l, Json extra = Json::object()) {
  Json p = Json::object();
  p["x"] = x;
  p["y"] = y;
  p["l"] = l;
  for (auto& [k, v] : extra.items()) p[k] = v;
  return command("InputTxt", p);
}

inline Json input_form(std::vector<int> x, std::vector<int> y, std::vector<int> l, Json extra = Json::object()) {
  Json p = Json::object();
  p["x"] = x;
  p["y"] = y;
  p["l"] = l;
  for (auto& [k, v] : extra.items()) p[k] = v;
  return command("InputForm", p);
}

// The path part of the gateway's durl ("/" for "http://127.0.0.1:8090").
inline std::string durl_path(const std::string& durl) {
  const auto scheme = durl.find("://");
  const auto slash = durl.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash == std::string::npos) return "/";
  return durl.substr(slash, durl.find('?', slash) - slash);
}

}  // namespace pavi::conformance::detail
