// The `pavi` subcommands run in-process (stress, conformance, line...), their output captured, without the GIL.
// pavikit.stress() and pavikit.conformance() build on it and read the commands' JSON reports.
#include <pybind11/stl.h>

#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "bindings.hpp"
#include "simulators/cli/commands.hpp"

namespace pavi::python {

void bind_cli(py::module_& m) {
  m.def("run_cli", [](const std::vector<std::string>& args) {
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    int code = 0;
    {
      py::gil_scoped_release release;
      code = cli::run_pavi(args, cli::Io{in, out, err});
    }
    return std::make_tuple(code, py::bytes(out.str()), py::bytes(err.str()));
  }, py::arg("args"),
        "Runs `pavi ARGS...` in this process: (exit code, standard output, standard error). Blocks until it ends.");
}

}  // namespace pavi::python
