// AbuseIPDB's v2 "check" endpoint as data: the request URL the gateway sends, and the confidence score read from
// the JSON reply {"data":{"abuseConfidenceScore":N,...}}. Shared by the libcurl client and the fake endpoint of
// simulators/reputation, so both speak the same thing. Never throws on bad input.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pavi::gateway::reputation {

inline constexpr std::string_view kAbuseIpdbCheckUrl = "https://api.abuseipdb.com/api/v2/check";
inline constexpr int kAbuseIpdbMaxAgeDays = 90;

// endpoint + "?ipAddress=<address, percent-encoded>&maxAgeInDays=<days>" (an IPv6 address holds ':').
std::string abuseipdb_check_url(std::string_view endpoint, std::string_view address,
                                int max_age_days = kAbuseIpdbMaxAgeDays);

// The score of a 200 reply: an integer 0..100 at data.abuseConfidenceScore (a float with no fraction is accepted).
// nullopt for anything else: not JSON, an {"errors":[...]} body, a missing, negative, >100 or non-numeric score.
std::optional<int> abuseipdb_score(std::string_view body);

// The query parameter `name` of a request target ("/api/v2/check?ipAddress=...&..."), percent-decoded; "" when
// absent. For the fake endpoint and the tests.
std::string query_parameter(std::string_view target, std::string_view name);

}  // namespace pavi::gateway::reputation
