// Entry point of the `pavi` command-line tool.
#include <iostream>
#include <string>
#include <vector>

#include "simulators/cli/commands.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> args(argv + 1, argv + argc);
  return pavi::cli::run_pavi(args, {std::cin, std::cout, std::cerr});
}
