// `pavikit._core`: the compiled half of the pavikit package. The Pythonic layer (pavikit/__init__.py) re-exports it.
#include <cmath>
#include <limits>

#include "bindings.hpp"

namespace pavi::python {
namespace {
// Raw pointers: the classes live as long as the process, and no destructor may touch them after finalisation.
PyObject* g_wait_timeout = nullptr;
PyObject* g_closed = nullptr;
}  // namespace

py::object wait_timeout_error() { return py::reinterpret_borrow<py::object>(g_wait_timeout); }
py::object closed_error() { return py::reinterpret_borrow<py::object>(g_closed); }

void raise(PyObject* type, const std::string& message) {
  PyErr_SetString(type, message.c_str());
  throw py::error_already_set();
}

std::chrono::milliseconds timeout_ms(double seconds, const char* what) {
  if (!std::isfinite(seconds) || seconds < 0) {
    throw py::value_error(std::string(what) + " must be a number of seconds >= 0, got " + std::to_string(seconds));
  }
  if (seconds > 365.0 * 86400.0) throw py::value_error(std::string(what) + " is too long (more than a year)");
  return std::chrono::milliseconds(static_cast<long long>(std::llround(seconds * 1000.0)));
}

}  // namespace pavi::python

PYBIND11_MODULE(_core, m) {
  using namespace pavi::python;
  m.doc() = "PaviKit's compiled core: videotex, simulated Minitel, fake service, gateway, modem. Use `pavikit`.";
  m.attr("__version__") = PAVIKIT_VERSION_TEXT;
#ifdef PAVIKIT_HAS_TELEPHONY
  m.attr("HAS_TELEPHONY") = true;
#else
  m.attr("HAS_TELEPHONY") = false;
#endif
  // Kept alive for the life of the process (the module is never unloaded).
  g_wait_timeout = PyErr_NewExceptionWithDoc("pavikit.WaitTimeout", "A wait on the screen did not succeed in time.",
                                             PyExc_TimeoutError, nullptr);
  g_closed = PyErr_NewExceptionWithDoc("pavikit.ConnectionClosed", "The line is not (or no longer) connected.",
                                       PyExc_ConnectionError, nullptr);
  if (g_wait_timeout == nullptr || g_closed == nullptr) throw py::error_already_set();
  m.attr("WaitTimeout") = wait_timeout_error();
  m.attr("ConnectionClosed") = closed_error();
  bind_videotex(m);
  bind_terminal(m);
  bind_fake_service(m);
  bind_gateway(m);
  bind_modem(m);
  bind_cli(m);
}
