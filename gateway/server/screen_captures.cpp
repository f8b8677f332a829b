// Small files read and written on the session's strand: a capture is one screen (a few kB at most).
#include "gateway/server/screen_captures.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>
#include <vector>

#include "gateway/service_protocol/base64.hpp"
#include "videotex/decoder.hpp"
#include "videotex/render.hpp"

namespace pavi::gateway {

namespace fs = std::filesystem;

namespace {

// "rec-<uid>-" + digits + ".vdt": the seq, or "" when `name` is not one of this session's captures.
std::string seq_of(const std::string& name, const std::string& prefix) {
  constexpr std::string_view kSuffix = ".vdt";
  if (name.size() <= prefix.size() + kSuffix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
      name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
    return {};
  }
  std::string seq = name.substr(prefix.size(), name.size() - prefix.size() - kSuffix.size());
  return std::all_of(seq.begin(), seq.end(), [](char c) { return c >= '0' && c <= '9'; }) ? seq : std::string();
}

std::time_t mtime_of(const fs::path& path) {
  std::error_code error;
  const auto written = fs::last_write_time(path, error);
  if (error) return 0;
  const auto system = std::chrono::file_clock::to_sys(written);
  return std::chrono::system_clock::to_time_t(system);
}

}  // namespace

ScreenCaptures::ScreenCaptures(fs::path folder, std::string unique_id)
    : folder_(std::move(folder)), unique_id_(std::move(unique_id)) {}

fs::path ScreenCaptures::path_for(std::string_view seq) const {
  return folder_ / ("rec-" + unique_id_ + "-" + std::string(seq) + ".vdt");
}

bool ScreenCaptures::save(std::string_view screen, std::time_t when) const {
  std::error_code error;
  fs::create_directories(folder_, error);  // rpath may not exist yet
  std::ofstream out(path_for(std::to_string(when)), std::ios::binary | std::ios::trunc);
  out.write(screen.data(), static_cast<std::streamsize>(screen.size()));
  return static_cast<bool>(out.flush());
}

service::Json ScreenCaptures::list() const {
  const std::string prefix = "rec-" + unique_id_ + "-";
  std::vector<std::pair<std::string, std::time_t>> found;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder_, error)) {
    if (std::string seq = seq_of(entry.path().filename().string(), prefix); !seq.empty()) {
      found.emplace_back(std::move(seq), mtime_of(entry.path()));
    }
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return std::stoll(a.first) < std::stoll(b.first); });
  service::Json list = service::Json::array();
  for (const auto& [seq, date] : found) list.push_back({{"date", date}, {"seq", seq}});
  return list;
}

service::Json ScreenCaptures::screen_png(const service::GetScreen& request) const {
  const service::Json failed = {{"item", "getscreen"}, {"result", false}};
  std::string seq = request.seq.is_string() ? request.seq.get<std::string>()
                    : request.seq.is_number_integer() ? std::to_string(request.seq.get<long long>())
                                                      : std::string();
  if (seq.empty() || !std::all_of(seq.begin(), seq.end(), [](char c) { return c >= '0' && c <= '9'; })) return failed;
  std::ifstream in(path_for(seq), std::ios::binary);
  if (!in) return failed;
  const std::string screen{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  videotex::Decoder decoder;
  decoder.feed("\x0c" + screen);  // a capture starts after a clear (vdt-format.md)
  videotex::RenderOptions options;
  options.colour = request.color;
  options.draw_cursor = false;
  const std::vector<std::uint8_t> png = videotex::encode_png(videotex::render(decoder.screen(), options));
  return {{"item", "getscreen"},
          {"result", true},
          {"seq", request.seq},
          {"datas", service::base64_encode(std::string_view(reinterpret_cast<const char*>(png.data()), png.size()))}};
}

void ScreenCaptures::remove_all() const {
  const std::string prefix = "rec-" + unique_id_ + "-";
  std::error_code error;
  std::vector<fs::path> doomed;
  for (const auto& entry : fs::directory_iterator(folder_, error)) {
    if (!seq_of(entry.path().filename().string(), prefix).empty()) doomed.push_back(entry.path());
  }
  for (const auto& path : doomed) fs::remove(path, error);
}

}  // namespace pavi::gateway
