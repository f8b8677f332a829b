// The service directory (annuaire) of the embedded default service: service codes and the URL each leads to,
// read from a MiniPaviAcc configuration file (paviacc.conf):
//   <config><annuaire><service code="METEO"><url>https://...</url><infos>Weather</infos></service></annuaire></config>
// Codes are matched as MiniPaviAcc matches them: trimmed and upper-cased, at least 2 characters.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pavi::gateway {

struct DirectoryEntry {
  std::string code;   // upper case, trimmed
  std::string url;    // may be empty: the code is listed but leads nowhere
  std::string infos;  // one line for the directory listing
  bool operator==(const DirectoryEntry&) const = default;
};

struct Directory {
  std::vector<DirectoryEntry> entries;
  // The entry of a code as a user typed it ("  meteo " finds METEO), if any.
  const DirectoryEntry* find(std::string_view typed_code) const;
};

struct DirectoryLoad {
  std::optional<Directory> directory;
  std::string error;                  // one line naming the file and the reason, when directory is empty
  std::vector<std::string> warnings;  // entries skipped (code too short, URL that is not a URL), with the reason
};

// `source` names the text in messages (a file path).
DirectoryLoad parse_directory(std::string_view xml_text, std::string_view source);
DirectoryLoad load_directory(const std::filesystem::path& file);

// "  meteo " -> "METEO": the key codes are compared on.
std::string normalise_code(std::string_view code);

}  // namespace pavi::gateway
