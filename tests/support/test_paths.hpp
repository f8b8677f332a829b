// Where tests find the project's fixtures and the optional ../shared corpus, and small byte helpers.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace pavi::test {

inline std::filesystem::path fixtures_dir() { return PAVIKIT_FIXTURES_DIR; }

// ../shared when it exists (PAVIKIT_SHARED_DIR in the environment overrides the configured path).
inline std::optional<std::filesystem::path> shared_dir() {
  const char* env = std::getenv("PAVIKIT_SHARED_DIR");
  std::filesystem::path dir = env != nullptr ? std::filesystem::path(env) : std::filesystem::path(PAVIKIT_SHARED_DIR);
  std::error_code ec;
  if (std::filesystem::is_directory(dir / "corpus", ec)) return dir;
  return std::nullopt;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// "0C 14 1F 40" -> bytes; quoted runs are literal text: bytes(R"(1F 41 41 "Hello" 0A)").
inline std::string bytes(std::string_view spec) {
  std::string out;
  for (std::size_t i = 0; i < spec.size();) {
    const char c = spec[i];
    if (c == ' ' || c == '\n' || c == '\t') {
      ++i;
    } else if (c == '"') {
      const std::size_t end = spec.find('"', i + 1);
      out.append(spec.substr(i + 1, end - i - 1));
      i = end == std::string_view::npos ? spec.size() : end + 1;
    } else {
      out += static_cast<char>(std::stoi(std::string(spec.substr(i, 2)), nullptr, 16));
      i += 2;
    }
  }
  return out;
}

}  // namespace pavi::test
