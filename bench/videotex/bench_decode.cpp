// Decoder throughput (MB/s) on the real-page corpus concatenated, with the project's own pages as a fallback
// when ../shared is absent. Target: >= 50 MB/s on one core.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "videotex/decoder.hpp"
#include "videotex/dump.hpp"

namespace {

std::string load_pages() {
  namespace fs = std::filesystem;
  const char* env = std::getenv("PAVIKIT_SHARED_DIR");
  std::vector<fs::path> roots{fs::path(env ? env : PAVIKIT_SHARED_DIR) / "corpus" / "vdt", PAVIKIT_FIXTURES_DIR};
  std::vector<fs::path> files;
  for (const auto& root : roots) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
      std::string extension = entry.path().extension().string();
      std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
      if (entry.is_regular_file() && extension == ".vdt") files.push_back(entry.path());
    }
    if (!files.empty()) break;
  }
  std::sort(files.begin(), files.end());
  std::string all;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    all += content.str();
  }
  return all;
}

const std::string& pages() {
  static const std::string all = load_pages();
  return all;
}

void BM_DecodeCorpus(benchmark::State& state) {
  const std::string& input = pages();
  if (input.empty()) {
    state.SkipWithError("no .vdt pages found (../shared/corpus/vdt or fixtures/)");
    return;
  }
  for (auto _ : state) {
    pavi::videotex::Decoder decoder;
    decoder.feed(input);
    benchmark::DoNotOptimize(decoder.screen());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(input.size()));
  state.counters["input_bytes"] = static_cast<double>(input.size());
}
BENCHMARK(BM_DecodeCorpus)->Unit(benchmark::kMillisecond);

void BM_TextDump(benchmark::State& state) {
  pavi::videotex::Decoder decoder;
  decoder.feed(pages());
  for (auto _ : state) benchmark::DoNotOptimize(pavi::videotex::text_dump(decoder.screen()));
}
BENCHMARK(BM_TextDump);

}  // namespace

BENCHMARK_MAIN();
