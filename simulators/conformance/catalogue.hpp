// The conformance suite's checks, in checklist order, and the parts they are assembled from.
#pragma once

#include <vector>

#include "simulators/conformance/check.hpp"

namespace pavi::conformance {

// Every check: automated ones and the items reported as skipped with their reason.
const std::vector<Check>& all_checks();

// The parts (checks_*.cpp).
std::vector<Check> protocol_checks();  // sections A, B, C
std::vector<Check> input_checks();     // section D
std::vector<Check> command_checks();   // sections E, F, M
std::vector<Check> duplicate_checks(); // section M: duplicateStream with the gateway's visukey
std::vector<Check> session_checks();   // sections G, H, I, J, K, L
std::vector<Check> manual_items();     // what cannot be observed from outside, with the reason

}  // namespace pavi::conformance
