// Helpers the judges share: guards that turn a missing request or a scenario error into a failure with a clear
// reason, and formatting of what was found. Internal to the conformance library.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/service_protocol/request.hpp"
#include "simulators/conformance/check.hpp"
#include "simulators/conformance/observation.hpp"

namespace pavi::conformance::detail {

// The scenario could not run, or fewer than `count` requests were recorded (and parsed as service requests).
inline std::optional<Outcome> precheck(const Observation& o, std::size_t count) {
  if (!o.error.empty()) return fail("scenario did not complete: " + o.error);
  if (o.requests.size() < count) {
    return fail("expected at least " + std::to_string(count) + " service request(s), got " +
                std::to_string(o.requests.size()) + "; " + describe_fctns(o));
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (o.requests[i].method == "POST" && !o.requests[i].request) {
      return fail("request " + std::to_string(i) + " is not a service request: " + o.requests[i].parse_error);
    }
  }
  return std::nullopt;
}

inline const service::Request& req(const Observation& o, std::size_t i) {
  static const service::Request empty;
  if (i >= o.requests.size() || !o.requests[i].request) return empty;
  return *o.requests[i].request;
}

inline std::string json_list(const std::vector<std::string>& items) {
  service::Json j = service::Json::array();
  for (const auto& s : items) j.push_back(s);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Requires `fctns` as the sequence of recorded fctn (POST) or method (others). FIN requests after them are
// tolerated: hanging up at the end of a scenario sends one (C-111).
inline std::optional<Outcome> expect_fctns(const Observation& o, const std::vector<std::string>& fctns) {
  auto got = o.fctns();
  while (got.size() > fctns.size() && got.back() == "FIN") got.pop_back();
  if (got != fctns) return fail("expected fctn sequence " + json_list(fctns) + ", got " + json_list(o.fctns()));
  return std::nullopt;
}

inline std::optional<Outcome> expect_content(const Observation& o, std::size_t i,
                                             const std::vector<std::string>& content) {
  const auto& r = req(o, i);
  if (r.content != content) {
    return fail("request " + std::to_string(i) + " (" + r.fctn + ") content: expected " + json_list(content) +
                ", got " + json_list(r.content));
  }
  return std::nullopt;
}

inline std::optional<Outcome> expect_bytes(std::string_view what, std::string_view got, std::string_view want) {
  if (!contains(got, want)) return fail(std::string(what) + ": expected bytes " + hex(want) + " in " + hex(got.substr(0, 200)));
  return std::nullopt;
}

inline std::optional<Outcome> expect_no_bytes(std::string_view what, std::string_view got, std::string_view unwanted) {
  if (contains(got, unwanted)) return fail(std::string(what) + ": unexpected bytes " + hex(unwanted) + " in " + hex(got.substr(0, 200)));
  return std::nullopt;
}

// POS(row, col) = 1F (40+row) (40+col).
inline std::string pos(int row, int col) {
  return std::string{'\x1F', static_cast<char>(0x40 + row), static_cast<char>(0x40 + col)};
}
// spacechar then REP (40 + length - 1).
inline std::string frame(char spacechar, int length) {
  return std::string{spacechar, '\x12', static_cast<char>(0x40 + length - 1)};
}

}  // namespace pavi::conformance::detail
