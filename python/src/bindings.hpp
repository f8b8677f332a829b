// The pieces of the `pavikit._core` module, one function per class group (each in its own .cpp), and the few
// helpers they share: Python exceptions with clear messages, seconds <-> milliseconds.
#pragma once

#include <pybind11/pybind11.h>

#include <chrono>
#include <string>

namespace pavi::python {

namespace py = pybind11;

void bind_videotex(py::module_& m);
void bind_terminal(py::module_& m);
void bind_fake_service(py::module_& m);
void bind_gateway(py::module_& m);
void bind_modem(py::module_& m);
void bind_cli(py::module_& m);

// The module's exception classes (subclasses of TimeoutError / ConnectionError), created in module.cpp.
py::object wait_timeout_error();
py::object closed_error();

// Raises `type` (a Python exception class) with `message`. Needs the GIL.
[[noreturn]] void raise(PyObject* type, const std::string& message);
[[noreturn]] inline void raise(const py::object& type, const std::string& message) { raise(type.ptr(), message); }

// A timeout given in seconds (float); ValueError when negative or not finite.
std::chrono::milliseconds timeout_ms(double seconds, const char* what = "timeout");

}  // namespace pavi::python
