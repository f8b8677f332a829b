// A session's screen captures on disk (gateway-behaviour.md §13, visuweb-stats-recordings.md §3.1):
// `rec-<uniqueId>-<unixtime>.vdt` files in rpath holding the screen buffer, listed and rendered for the
// getScreenList and getScreen commands (service-protocol.md §5.13), deleted when the session ends.
#pragma once

#include <ctime>
#include <filesystem>
#include <string>
#include <string_view>

#include "gateway/service_protocol/commands.hpp"

namespace pavi::gateway {

class ScreenCaptures {
 public:
  ScreenCaptures(std::filesystem::path folder, std::string unique_id);

  // Writes the capture stamped `when`; a second one in the same second replaces the first, as in the original.
  bool save(std::string_view screen, std::time_t when) const;
  // getScreenList's `datas`: [{"date": <mtime>, "seq": "<unixtime>"}, ...], oldest first.
  service::Json list() const;
  // getScreen's `datas` object: the capture `seq` drawn by PaviKit's renderer as a base64 PNG, or
  // {"item":"getscreen","result":false} when there is no such capture.
  service::Json screen_png(const service::GetScreen& request) const;
  void remove_all() const;

 private:
  std::filesystem::path path_for(std::string_view seq) const;

  std::filesystem::path folder_;
  std::string unique_id_;
};

}  // namespace pavi::gateway
