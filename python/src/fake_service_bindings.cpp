// Python view of the fake MiniPavi service. The declarative part is a FakeScript (JSON text, built from Python
// dicts by pavikit/__init__.py); Python callables answer through a dispatcher that runs on the server's I/O thread
// with the GIL taken, returning a one-page script (JSON text) or None. A callable that raises never takes the
// server down: the request gets an HTTP 500 and the error is kept in `errors` for the test to see.
#include <pybind11/stl.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "simulators/fake_service/fake_service.hpp"

namespace pavi::python {
namespace {

py::object json_loads(const std::string& text) { return py::module_::import("json").attr("loads")(text); }

std::string lossy_text(const std::string& bytes) {
  return py::bytes(bytes).attr("decode")("utf-8", "replace").cast<std::string>();
}

// A request as Python sees it: the HTTP side, the PAVI fields when the body parsed, and the body's JSON.
py::dict request_dict(const sim::RecordedRequest& r) {
  py::dict d;
  d["index"] = r.index;
  d["method"] = r.method;
  d["path"] = r.path;
  d["query"] = r.query;
  d["target"] = r.target;
  py::dict headers;
  for (const auto& [name, value] : r.headers) {
    if (!headers.contains(name)) headers[py::str(name)] = value;
  }
  d["headers"] = headers;
  d["body"] = lossy_text(r.body);
  d["json"] = py::none();
  try {
    d["json"] = json_loads(r.body);
  } catch (const py::error_already_set&) {
    // Not JSON: `json` stays None and `parse_error` says why.
  }
  d["parse_error"] = r.parse_error;
  d["warnings"] = r.warnings;
  if (r.request) {
    const auto& q = *r.request;
    d["fctn"] = q.fctn;
    d["content"] = q.content;
    d["context"] = q.context;
    d["uniqueId"] = q.unique_id;
    d["remoteAddr"] = q.remote_addr;
    d["typesocket"] = q.typesocket;
    d["versionminitel"] = q.versionminitel;
    d["urlparams"] = q.urlparams ? json_loads(q.urlparams->dump()) : py::none();
  } else {
    d["fctn"] = "";
    d["content"] = py::list();
    d["context"] = "";
    d["urlparams"] = py::none();
  }
  return d;
}

class PyFakeService {
 public:
  PyFakeService(const std::string& script_json, const std::string& base_dir, std::uint16_t port, bool keep_alive) {
    sim::FakeServiceOptions options;
    options.port = port;
    options.keep_alive = keep_alive;
    std::optional<sim::FakeScript> script;
    if (!script_json.empty()) script = parse(script_json, base_dir);
    py::gil_scoped_release release;
    service_ = std::make_unique<sim::FakeService>(options);
    if (script) service_->set_script(std::move(*script));
    base_url_ = service_->base_url();
    // `this` outlives the handler: the service (and its I/O thread) goes first in stop().
    service_->set_handler([this](const sim::RecordedRequest& request) { return dispatch(request); });
  }

  ~PyFakeService() { stop(); }

  void set_script(const std::string& script_json, const std::string& base_dir) {
    auto script = parse(script_json, base_dir);
    live().set_script(std::move(script));
  }

  void set_dispatcher(py::object dispatcher) {
    has_dispatcher_ = !dispatcher.is_none();
    dispatcher_ = std::move(dispatcher);
  }

  void stop() {
    if (!service_) return;
    std::unique_ptr<sim::FakeService> service = std::move(service_);
    py::gil_scoped_release release;  // the I/O thread may be waiting for the GIL in dispatch()
    service.reset();
  }

  sim::FakeService& live() {
    if (!service_) raise(closed_error(), "this FakeService is stopped");
    return *service_;
  }

  py::list requests() {
    const auto all = live().requests();
    py::list out;
    for (const auto& r : all) out.append(request_dict(r));
    return out;
  }

  py::object last_request() {
    const auto last = live().last_request();
    return last ? py::object(request_dict(*last)) : py::none();
  }

  void wait_for_requests(std::size_t count, double timeout) {
    const auto limit = timeout_ms(timeout);
    bool got = false;
    auto& service = live();
    {
      py::gil_scoped_release release;
      got = service.wait_for_requests(count, limit);
    }
    if (!got) {
      raise(wait_timeout_error(), "timed out after " + std::to_string(limit.count()) + " ms waiting for " +
                                      std::to_string(count) + " request(s); got " +
                                      std::to_string(service.request_count()));
    }
  }

  std::vector<std::string> errors() const {
    const std::lock_guard lock(errors_mutex_);
    return errors_;
  }

 private:
  static sim::FakeScript parse(const std::string& json, const std::string& base_dir) {
    auto loaded = sim::FakeScript::parse(json, base_dir);
    if (!loaded.script) throw py::value_error("fake service script: " + loaded.error);
    return std::move(*loaded.script);
  }

  void record_error(std::string message) {
    const std::lock_guard lock(errors_mutex_);
    errors_.push_back(std::move(message));
  }

  // On the server's I/O thread.
  std::optional<sim::FakeReply> dispatch(const sim::RecordedRequest& request) {
    std::string page_json;
    if (!has_dispatcher_) return std::nullopt;  // declarative pages only: no need for the GIL
    {
      py::gil_scoped_acquire gil;
      if (!dispatcher_ || dispatcher_.is_none()) return std::nullopt;
      try {
        const py::object answer = dispatcher_(request_dict(request));
        if (answer.is_none()) return std::nullopt;
        page_json = answer.cast<std::string>();
      } catch (py::error_already_set& e) {
        const std::string message = "request " + std::to_string(request.index) + " (" + request.path + "): " + e.what();
        record_error(message);
        return sim::FakeReply::raw("Python error in the fake service: " + message, "text/plain", 500);
      } catch (const std::exception& e) {
        record_error(std::string("request ") + std::to_string(request.index) + ": " + e.what());
        return sim::FakeReply::raw(e.what(), "text/plain", 500);
      }
    }
    auto loaded = sim::FakeScript::parse(page_json, {});
    if (!loaded.script) {
      record_error("request " + std::to_string(request.index) + " (" + request.path + "): the reply is not a valid page: " +
                   loaded.error);
      return sim::FakeReply::raw("bad page: " + loaded.error, "text/plain", 500);
    }
    return loaded.script->reply(request, base_url_);
  }

  std::unique_ptr<sim::FakeService> service_;
  std::string base_url_;  // read by dispatch() on the I/O thread
  py::object dispatcher_ = py::none();
  std::atomic<bool> has_dispatcher_{false};
  mutable std::mutex errors_mutex_;
  std::vector<std::string> errors_;
};

}  // namespace

void bind_fake_service(py::module_& m) {
  py::class_<PyFakeService>(m, "FakeServiceCore", "The compiled fake service; use pavikit.FakeService.")
      .def(py::init<const std::string&, const std::string&, std::uint16_t, bool>(), py::arg("script_json") = "",
           py::arg("base_dir") = "", py::arg("port") = 0, py::arg("keep_alive") = true)
      .def("set_script", &PyFakeService::set_script, py::arg("script_json"), py::arg("base_dir") = "")
      .def("set_dispatcher", &PyFakeService::set_dispatcher, py::arg("dispatcher"))
      .def("url", [](PyFakeService& s, const std::string& path) { return s.live().url(path); }, py::arg("path") = "/")
      .def("page_url", [](PyFakeService& s, const std::string& page) { return s.live().page_url(page); },
           py::arg("page"))
      .def_property_readonly("base_url", [](PyFakeService& s) { return s.live().base_url(); })
      .def_property_readonly("port", [](PyFakeService& s) { return s.live().port(); })
      .def_property_readonly("requests", &PyFakeService::requests)
      .def_property_readonly("last_request", &PyFakeService::last_request)
      .def_property_readonly("request_count", [](PyFakeService& s) { return s.live().request_count(); })
      .def_property_readonly("connection_count", [](PyFakeService& s) { return s.live().connection_count(); })
      .def("wait_for_requests", &PyFakeService::wait_for_requests, py::arg("count"), py::arg("timeout") = 5.0)
      .def("clear_requests", [](PyFakeService& s) { s.live().clear_requests(); })
      .def_property_readonly("errors", &PyFakeService::errors)
      .def("stop", &PyFakeService::stop);
}

}  // namespace pavi::python
