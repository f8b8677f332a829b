// The whole suite in checklist order. Items that no check covers are listed as skipped, so that a report always
// accounts for every id of the checklist.
#include "simulators/conformance/catalogue.hpp"

#include <algorithm>
#include <set>

namespace pavi::conformance {

namespace {

int id_number(const Check& c) { return c.ids.empty() ? 0 : std::stoi(c.ids.front().substr(2)); }

std::vector<Check> assemble() {
  std::vector<Check> all;
  for (auto part : {protocol_checks(), input_checks(), command_checks(), duplicate_checks(), session_checks(), manual_items()}) {
    for (auto& c : part) all.push_back(std::move(c));
  }
  std::set<std::string> covered;
  for (const auto& c : all) covered.insert(c.ids.begin(), c.ids.end());
  for (int n = 1; n <= 150; ++n) {
    std::string id = "C-" + std::string(n < 10 ? "00" : n < 100 ? "0" : "") + std::to_string(n);
    if (covered.count(id) == 0) {
      Check c;
      c.key = id;
      c.ids = {id};
      c.title = "(not covered)";
      c.skip_reason = "no check for this item yet";
      all.push_back(std::move(c));
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const Check& a, const Check& b) { return id_number(a) < id_number(b); });
  return all;
}

}  // namespace

const std::vector<Check>& all_checks() {
  static const std::vector<Check> checks = assemble();
  return checks;
}

}  // namespace pavi::conformance
