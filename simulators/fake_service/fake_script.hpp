// A declarative fake service: JSON pages, each living at a URL path, with what its reply holds (content as text,
// hex bytes or a .vdt file; COMMAND; next; context; echo; directcall), routes that pick the page to answer with
// from the request (fctn, content, context, URLPARAMS), and fault modes.
//
// How a request is answered: the request's path (and URLPARAMS, for pages whose path has a query) selects the
// page it is addressed to; that page's routes, tried in order, may pick another page; the chosen page is the
// reply. Its `next` defaults to its own URL, so the user's next input comes back to its routes.
//
// Page keys: path ("/" for the start page, "/<name>" otherwise; may carry "?k=v" to match URLPARAMS);
//   text (UTF-8, videotex-encoded, "\n" -> CR LF), bytes ("0C 1F 41 41 \"Hi\""), vdt (file, relative to the
//   script), base64 (sent verbatim as `content`); context; echo; next (a page name, optionally "name?k=v", a
//   "/path", an absolute URL, or null to leave the key out); directcall; COMMAND (sent verbatim); reply (a whole
//   body sent verbatim: a JSON value, or a string); delay_ms; routes; fault / faults.
// Route keys: fctn (a name or a list), content (equals content[0]), content_regex, context, urlparams ({k: v}),
//   goto (a page name; required).
// Fault keys: kind (invalid_json, empty, oversized, http500, reset, close, redirect, xml_interpreter, raw),
//   method (only for this HTTP method), times (only the first N matching requests), delay_ms, size (oversized),
//   status (redirect: 301/302/303/307/308; raw/http500), to (redirect: a page name, path or URL), url
//   (xml_interpreter; default: this service's "/xmlint?url="), body and content_type (raw).
// Text placeholders in text and context: {fctn} {content} {content.N} {context} {uniqueId} {remoteAddr}
//   {typesocket} {versionminitel} {urlparam.KEY} {index}.
//
//   {"start": "home",
//    "pages": {
//      "home": {"path": "/", "text": "Bonjour {uniqueId}", "context": "c1", "echo": "on",
//               "COMMAND": {"name": "InputTxt", "param": {"x": 1, "y": 2, "l": 5, "validwith": 128}},
//               "routes": [{"fctn": "ENVOI", "content": "1", "goto": "one"},
//                          {"fctn": ["SOMMAIRE", "RETOUR"], "goto": "home"}]},
//      "one":  {"bytes": "0C \"Page 1\"", "next": "home"},
//      "down": {"fault": {"kind": "reset", "method": "POST", "times": 1}}}}
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulators/fake_service/fake_reply.hpp"
#include "simulators/fake_service/request_log.hpp"

namespace pavi::sim {

struct ScriptLoad;

class FakeScript {
 public:
  // `base_dir` resolves relative .vdt paths.
  static ScriptLoad parse(std::string_view json_text, const std::filesystem::path& base_dir = {});
  static ScriptLoad load(const std::filesystem::path& file);

  FakeScript();
  ~FakeScript();
  FakeScript(FakeScript&&) noexcept;
  FakeScript& operator=(FakeScript&&) noexcept;
  FakeScript(const FakeScript&);
  FakeScript& operator=(const FakeScript&);

  // The reply to `request`; `base_url` ("http://127.0.0.1:PORT") turns page names into absolute URLs. Not const:
  // faults with a `times` budget count down.
  FakeReply reply(const RecordedRequest& request, std::string_view base_url);

  const std::string& start_page() const;
  std::vector<std::string> page_names() const;
  // A page's path, query included ("/index.php?step=2"); nullopt for an unknown page.
  std::optional<std::string> page_path(std::string_view page) const;
  // The page a request is addressed to (by path and URLPARAMS), before routing.
  std::string page_for(const RecordedRequest& request) const;
  // The page a request is answered with, after routing.
  std::string answering_page(const RecordedRequest& request) const;

 private:
  struct Data;
  std::unique_ptr<Data> data_;
};

struct ScriptLoad {
  std::optional<FakeScript> script;
  std::string error;  // what is wrong and where, when `script` is empty
};

}  // namespace pavi::sim
