// Verdict names and the checklist's section boundaries.
#include "simulators/conformance/check.hpp"

#include <charconv>

namespace pavi::conformance {

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass: return "pass";
    case Verdict::fail: return "fail";
    case Verdict::skip: return "skip";
  }
  return "skip";
}

namespace {

struct Section {
  int last;  // the last id of the section
  char letter;
  std::string_view title;
};

// conformance-checklist.md headings A..P.
constexpr Section kSections[] = {
    {11, 'A', "HTTP transport to services"}, {25, 'B', "Request body content"},
    {35, 'C', "Response processing"},        {59, 'D', "Input commands"},
    {71, 'E', "Other commands"},             {77, 'F', "Bridge command results"},
    {86, 'G', "Error pages"},                {96, 'H', "Admission and handshakes"},
    {99, 'I', "Connection output"},          {106, 'J', "Keyboard parsing"},
    {111, 'K', "Connexion/Fin and the default service"},
    {119, 'L', "Timers, liveness and screensaver"},
    {129, 'M', "Bridges and duplication"},   {135, 'N', "WebMedia"},
    {143, 'O', "VisuWeb, stats, recordings"}, {150, 'P', "Configuration and CLI"},
};

}  // namespace

char category_of(std::string_view id) {
  if (id.size() < 3 || id.substr(0, 2) != "C-") return '?';
  int number = 0;
  const auto [end, ec] = std::from_chars(id.data() + 2, id.data() + id.size(), number);
  if (ec != std::errc() || end != id.data() + id.size() || number < 1) return '?';
  for (const auto& s : kSections) {
    if (number <= s.last) return s.letter;
  }
  return '?';
}

std::string_view category_title(char category) {
  for (const auto& s : kSections) {
    if (s.letter == category) return s.title;
  }
  return "Other";
}

}  // namespace pavi::conformance
