// Recording file names, clean-up and replay content.
#include "gateway/operations/recordings_folder.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace pavi::gateway {

namespace fs = std::filesystem;

namespace {
bool all_digits(std::string_view text) {
  return !text.empty() && text.size() <= 64 && text.find_first_not_of("0123456789") == std::string_view::npos;
}
}  // namespace

bool valid_recording_id(std::string_view unique_id) { return all_digits(unique_id); }

std::string recording_path(std::string_view rpath, std::string_view unique_id, std::string_view seq) {
  std::string path(rpath);
  if (!path.empty() && path.back() != '/') path += '/';
  path += "rec-";
  path += unique_id;
  if (!seq.empty()) {
    path += '-';
    path += seq;
  }
  return path + ".vdt";
}

bool is_recording_file_name(std::string_view name) {
  constexpr std::string_view prefix = "rec-";
  constexpr std::string_view suffix = ".vdt";
  if (name.size() <= prefix.size() + suffix.size() || name.substr(0, prefix.size()) != prefix ||
      name.substr(name.size() - suffix.size()) != suffix) {
    return false;
  }
  const std::string_view middle = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  const auto dash = middle.find('-');
  if (dash == std::string_view::npos) return all_digits(middle);
  return all_digits(middle.substr(0, dash)) && all_digits(middle.substr(dash + 1));
}

std::size_t remove_all_recordings(std::string_view rpath) {
  if (rpath.empty()) return 0;
  std::error_code error;
  std::size_t removed = 0;
  for (fs::directory_iterator it(fs::path(std::string(rpath)), error), end; !error && it != end; it.increment(error)) {
    std::error_code ignored;
    if (!it->is_regular_file(ignored) || !is_recording_file_name(it->path().filename().string())) continue;
    if (fs::remove(it->path(), ignored)) ++removed;
  }
  return removed;
}

bool remove_recording(std::string_view rpath, std::string_view unique_id) {
  if (rpath.empty() || !valid_recording_id(unique_id)) return false;
  std::error_code ignored;
  return fs::remove(recording_path(rpath, unique_id), ignored);
}

std::string_view replay_trailer() {
  static constexpr char trailer[] = "\x14\x1f\x40\x41\x1b\x54 Fin de session\x18";
  return {trailer, sizeof trailer - 1};
}

std::optional<std::string> replay_content(std::string_view rpath, std::string_view unique_id, std::string_view seq) {
  if (rpath.empty() || !valid_recording_id(unique_id) || (!seq.empty() && !all_digits(seq))) return std::nullopt;
  std::ifstream in(recording_path(rpath, unique_id, seq), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  std::string bytes = content.str();
  if (seq.empty()) bytes += replay_trailer();
  return bytes;
}

}  // namespace pavi::gateway
