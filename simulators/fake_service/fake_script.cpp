// Declarative fake service (see fake_script.hpp). Loading validates everything it can (unknown keys, unknown
// pages, bad regexes, unreadable .vdt files) so that a typo fails loudly instead of silently answering home.
#include "simulators/fake_service/fake_script.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "gateway/service_protocol/base64.hpp"
#include "gateway/service_protocol/php_json.hpp"
#include "gateway/service_protocol/urlparams.hpp"
#include "videotex/encoder.hpp"

namespace pavi::sim {

using service::Json;

namespace {

struct LoadError {
  std::string message;
};

[[noreturn]] void fail(std::string message) { throw LoadError{std::move(message)}; }

struct Route {
  std::vector<std::string> fctns;
  std::optional<std::string> content;
  std::optional<std::regex> content_regex;
  std::optional<std::string> context;
  std::vector<std::pair<std::string, std::string>> urlparams;
  std::string target;
};

struct Fault {
  std::string kind;
  std::optional<std::string> method;
  int remaining = -1;  // -1: every time
  std::chrono::milliseconds delay{0};
  std::size_t size = 150000;
  int status = 0;
  std::string to;
  std::optional<std::string> url;
  std::string body;
  std::string content_type = "application/json";
};

enum class NextMode { own_url, omit, value };

struct Page {
  std::string name;
  std::string path;   // without query
  std::string query;  // without '?'
  std::string prefix_bytes;
  std::optional<std::string> text;
  std::string suffix_bytes;
  std::optional<std::string> base64;
  std::optional<std::string> context;
  std::optional<std::string> echo;
  NextMode next_mode = NextMode::own_url;
  std::string next;
  std::optional<std::string> directcall;
  std::optional<Json> command;
  std::optional<std::string> raw_reply;
  std::chrono::milliseconds delay{0};
  std::vector<Route> routes;
  std::vector<Fault> faults;
};

std::string read_binary(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// "0C 1F 41 41 \"Hello\"" -> bytes.
std::string parse_hex_bytes(std::string_view spec, const std::string& where) {
  std::string out;
  for (std::size_t i = 0; i < spec.size();) {
    const char c = spec[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == ',') {
      ++i;
    } else if (c == '"') {
      const std::size_t end = spec.find('"', i + 1);
      if (end == std::string_view::npos) fail(where + ": unterminated quote in bytes");
      out.append(spec.substr(i + 1, end - i - 1));
      i = end + 1;
    } else {
      const auto hex = [](char h) -> int {
        if (h >= '0' && h <= '9') return h - '0';
        if (h >= 'a' && h <= 'f') return h - 'a' + 10;
        if (h >= 'A' && h <= 'F') return h - 'A' + 10;
        return -1;
      };
      if (i + 1 >= spec.size() || hex(spec[i]) < 0 || hex(spec[i + 1]) < 0) {
        fail(where + ": bad hex byte in bytes at offset " + std::to_string(i));
      }
      out += static_cast<char>(hex(spec[i]) * 16 + hex(spec[i + 1]));
      i += 2;
    }
  }
  return out;
}

std::string text_of(const Json& value, const std::string& where) {
  if (!value.is_string()) fail(where + " must be a string");
  return value.get<std::string>();
}

void check_keys(const Json& object, std::initializer_list<std::string_view> allowed, const std::string& where) {
  for (const auto& [key, value] : object.items()) {
    (void)value;
    bool known = false;
    for (auto name : allowed) known = known || key == name;
    if (!known) fail(where + ": unknown key \"" + key + "\"");
  }
}

Route parse_route(const Json& json, const std::string& where) {
  if (!json.is_object()) fail(where + " must be an object");
  check_keys(json, {"fctn", "content", "content_regex", "context", "urlparams", "goto"}, where);
  Route route;
  if (const auto it = json.find("fctn"); it != json.end()) {
    if (it->is_string()) {
      route.fctns.push_back(it->get<std::string>());
    } else if (it->is_array()) {
      for (const auto& name : *it) route.fctns.push_back(text_of(name, where + ".fctn[]"));
    } else {
      fail(where + ".fctn must be a string or a list");
    }
  }
  if (const auto it = json.find("content"); it != json.end()) route.content = text_of(*it, where + ".content");
  if (const auto it = json.find("content_regex"); it != json.end()) {
    const std::string pattern = text_of(*it, where + ".content_regex");
    try {
      route.content_regex.emplace(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
      fail(where + ".content_regex is not a valid regular expression");
    }
  }
  if (const auto it = json.find("context"); it != json.end()) route.context = text_of(*it, where + ".context");
  if (const auto it = json.find("urlparams"); it != json.end()) {
    if (!it->is_object()) fail(where + ".urlparams must be an object");
    for (const auto& [key, value] : it->items()) route.urlparams.emplace_back(key, text_of(value, where + ".urlparams"));
  }
  const auto target = json.find("goto");
  if (target == json.end()) fail(where + " has no \"goto\"");
  route.target = text_of(*target, where + ".goto");
  return route;
}

Fault parse_fault(const Json& json, const std::string& where) {
  if (!json.is_object()) fail(where + " must be an object");
  check_keys(json, {"kind", "method", "times", "delay_ms", "size", "status", "to", "url", "body", "content_type"}, where);
  Fault fault;
  const auto kind = json.find("kind");
  if (kind == json.end()) fail(where + " has no \"kind\"");
  fault.kind = text_of(*kind, where + ".kind");
  static const std::vector<std::string_view> kKinds = {"invalid_json", "empty", "oversized", "http500", "reset",
                                                       "close", "redirect", "xml_interpreter", "raw"};
  bool known = false;
  for (auto k : kKinds) known = known || fault.kind == k;
  if (!known) fail(where + ".kind \"" + fault.kind + "\" is not a fault kind");
  if (const auto it = json.find("method"); it != json.end()) fault.method = text_of(*it, where + ".method");
  if (const auto it = json.find("times"); it != json.end()) {
    if (!it->is_number_integer() || it->get<int>() < 0) fail(where + ".times must be a count");
    fault.remaining = it->get<int>();
  }
  if (const auto it = json.find("delay_ms"); it != json.end()) {
    if (!it->is_number_integer() || it->get<int>() < 0) fail(where + ".delay_ms must be a count of ms");
    fault.delay = std::chrono::milliseconds(it->get<int>());
  }
  if (const auto it = json.find("size"); it != json.end()) {
    if (!it->is_number_integer() || it->get<long long>() < 0) fail(where + ".size must be a count of bytes");
    fault.size = it->get<std::size_t>();
  }
  if (const auto it = json.find("status"); it != json.end()) {
    if (!it->is_number_integer()) fail(where + ".status must be an HTTP status");
    fault.status = it->get<int>();
  }
  if (const auto it = json.find("to"); it != json.end()) fault.to = text_of(*it, where + ".to");
  if (const auto it = json.find("url"); it != json.end()) fault.url = text_of(*it, where + ".url");
  if (const auto it = json.find("body"); it != json.end()) fault.body = text_of(*it, where + ".body");
  if (const auto it = json.find("content_type"); it != json.end()) {
    fault.content_type = text_of(*it, where + ".content_type");
  }
  if (fault.kind == "redirect") {
    if (fault.to.empty()) fail(where + ": a redirect needs \"to\"");
    if (fault.status == 0) fault.status = 302;
  }
  return fault;
}

Page parse_page(const std::string& name, const Json& json, bool is_start, const std::filesystem::path& base_dir) {
  const std::string where = "pages." + name;
  if (!json.is_object()) fail(where + " must be an object");
  check_keys(json, {"path", "text", "bytes", "vdt", "base64", "context", "echo", "next", "directcall", "COMMAND",
                    "reply", "delay_ms", "routes", "fault", "faults"},
             where);
  Page page;
  page.name = name;
  std::string path = is_start ? "/" : "/" + name;
  if (const auto it = json.find("path"); it != json.end()) path = text_of(*it, where + ".path");
  if (path.empty() || path[0] != '/') fail(where + ".path must start with '/'");
  const auto question = path.find('?');
  page.path = path.substr(0, question);
  if (question != std::string::npos) page.query = path.substr(question + 1);
  if (const auto it = json.find("bytes"); it != json.end()) {
    page.prefix_bytes = parse_hex_bytes(text_of(*it, where + ".bytes"), where + ".bytes");
  }
  if (const auto it = json.find("text"); it != json.end()) page.text = text_of(*it, where + ".text");
  if (const auto it = json.find("vdt"); it != json.end()) {
    std::filesystem::path file = text_of(*it, where + ".vdt");
    if (file.is_relative()) file = base_dir / file;
    page.suffix_bytes = read_binary(file);
  }
  if (const auto it = json.find("base64"); it != json.end()) page.base64 = text_of(*it, where + ".base64");
  if (const auto it = json.find("context"); it != json.end()) page.context = text_of(*it, where + ".context");
  if (const auto it = json.find("echo"); it != json.end()) page.echo = text_of(*it, where + ".echo");
  if (const auto it = json.find("next"); it != json.end()) {
    if (it->is_null()) {
      page.next_mode = NextMode::omit;
    } else {
      page.next_mode = NextMode::value;
      page.next = text_of(*it, where + ".next");
    }
  }
  if (const auto it = json.find("directcall"); it != json.end()) page.directcall = text_of(*it, where + ".directcall");
  if (const auto it = json.find("COMMAND"); it != json.end()) page.command = *it;
  if (const auto it = json.find("reply"); it != json.end()) {
    page.raw_reply = it->is_string() ? it->get<std::string>() : it->dump();
  }
  if (const auto it = json.find("delay_ms"); it != json.end()) {
    if (!it->is_number_integer() || it->get<int>() < 0) fail(where + ".delay_ms must be a count of ms");
    page.delay = std::chrono::milliseconds(it->get<int>());
  }
  if (const auto it = json.find("routes"); it != json.end()) {
    if (!it->is_array()) fail(where + ".routes must be a list");
    for (std::size_t i = 0; i < it->size(); ++i) {
      page.routes.push_back(parse_route((*it)[i], where + ".routes[" + std::to_string(i) + "]"));
    }
  }
  if (const auto it = json.find("fault"); it != json.end()) page.faults.push_back(parse_fault(*it, where + ".fault"));
  if (const auto it = json.find("faults"); it != json.end()) {
    if (!it->is_array()) fail(where + ".faults must be a list");
    for (std::size_t i = 0; i < it->size(); ++i) {
      page.faults.push_back(parse_fault((*it)[i], where + ".faults[" + std::to_string(i) + "]"));
    }
  }
  return page;
}

// The top-level string value of URLPARAMS[key], if any.
std::optional<std::string> urlparam(const std::optional<Json>& params, const std::string& key) {
  if (!params || !params->is_object()) return std::nullopt;
  const auto it = params->find(key);
  if (it == params->end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<Json> params_of(const RecordedRequest& request) {
  if (request.request) return request.request->urlparams;
  return service::urlparams_from_query(request.query);
}

std::string first_content(const RecordedRequest& request) {
  if (!request.request || request.request->content.empty()) return {};
  return request.request->content[0];
}

std::string substitute(std::string_view text, const RecordedRequest& request) {
  const std::optional<Json> params = params_of(request);
  const auto lookup = [&](std::string_view name) -> std::optional<std::string> {
    const service::Request* r = request.request ? &*request.request : nullptr;
    if (name == "fctn") return r ? r->fctn : "";
    if (name == "content") return first_content(request);
    if (name == "context") return r ? r->context : "";
    if (name == "uniqueId") return r ? r->unique_id : "";
    if (name == "remoteAddr") return r ? r->remote_addr : "";
    if (name == "typesocket") return r ? r->typesocket : "";
    if (name == "versionminitel") return r ? r->versionminitel : "";
    if (name == "index") return std::to_string(request.index);
    if (name.substr(0, 8) == "content.") {
      const std::string digits(name.substr(8));
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
      const std::size_t i = std::stoul(digits);
      return r && i < r->content.size() ? r->content[i] : "";
    }
    if (name.substr(0, 9) == "urlparam.") return urlparam(params, std::string(name.substr(9))).value_or("");
    return std::nullopt;
  };
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      const auto close = text.find('}', i + 1);
      if (close != std::string_view::npos) {
        if (const auto value = lookup(text.substr(i + 1, close - i - 1))) {
          out += *value;
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

// Plain text to videotex: each line through the encoder, lines joined with CR LF.
std::string encode_text(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find('\n', start);
    out += videotex::encode::text(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    out += "\r\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

struct FakeScript::Data {
  std::string start;
  std::string fallback;  // answers requests for unknown paths
  std::vector<Page> pages;

  const Page* find(std::string_view name) const {
    for (const auto& page : pages) {
      if (page.name == name) return &page;
    }
    return nullptr;
  }
  Page* find(std::string_view name) {
    for (auto& page : pages) {
      if (page.name == name) return &page;
    }
    return nullptr;
  }

  // A `next`, redirect target or goto written as a page name ("name" or "name?k=v"), a path or a URL.
  std::string resolve(std::string_view reference, std::string_view base_url) const {
    if (reference.find("://") != std::string_view::npos) return std::string(reference);
    if (!reference.empty() && reference[0] == '/') return std::string(base_url) + std::string(reference);
    const auto question = reference.find('?');
    const Page* page = find(reference.substr(0, question));
    if (page == nullptr) return std::string(reference);
    std::string url = std::string(base_url) + page->path;
    if (question != std::string_view::npos) {
      url += std::string(reference.substr(question));
    } else if (!page->query.empty()) {
      url += "?" + page->query;
    }
    return url;
  }

  const Page& addressed(const RecordedRequest& request) const {
    const std::optional<Json> params = params_of(request);
    const Page* best = nullptr;
    std::size_t best_score = 0;
    for (const auto& page : pages) {
      if (page.path != request.path) continue;
      const auto wanted = service::urlparams_from_query(page.query);
      std::size_t score = 0;
      bool matches = true;
      if (wanted && wanted->is_object()) {
        for (const auto& [key, value] : wanted->items()) {
          if (!value.is_string() || urlparam(params, key) != value.get<std::string>()) matches = false;
          ++score;
        }
      }
      if (matches && (best == nullptr || score > best_score)) {
        best = &page;
        best_score = score;
      }
    }
    return best != nullptr ? *best : *find(fallback);
  }

  const Page& answering(const RecordedRequest& request) const {
    const Page& page = addressed(request);
    const std::optional<Json> params = params_of(request);
    const std::string content = first_content(request);
    const std::string fctn = request.fctn();
    for (const auto& route : page.routes) {
      if (!route.fctns.empty() && std::find(route.fctns.begin(), route.fctns.end(), fctn) == route.fctns.end()) {
        continue;
      }
      if (route.content && *route.content != content) continue;
      if (route.content_regex && !std::regex_search(content, *route.content_regex)) continue;
      if (route.context && (!request.request || request.request->context != *route.context)) continue;
      bool params_match = true;
      for (const auto& [key, value] : route.urlparams) params_match = params_match && urlparam(params, key) == value;
      if (!params_match) continue;
      return *find(route.target);
    }
    return page;
  }
};

FakeScript::FakeScript() : data_(std::make_unique<Data>()) {}
FakeScript::~FakeScript() = default;
FakeScript::FakeScript(FakeScript&&) noexcept = default;
FakeScript& FakeScript::operator=(FakeScript&&) noexcept = default;
FakeScript::FakeScript(const FakeScript& other) : data_(std::make_unique<Data>(*other.data_)) {}
FakeScript& FakeScript::operator=(const FakeScript& other) {
  if (this != &other) data_ = std::make_unique<Data>(*other.data_);
  return *this;
}

ScriptLoad FakeScript::parse(std::string_view json_text, const std::filesystem::path& base_dir) {
  ScriptLoad load;
  const auto decoded = service::php_json_decode(json_text);
  if (!decoded.ok()) {
    load.error = "the script is not JSON: " + decoded.error;
    return load;
  }
  try {
    const Json& root = *decoded.value;
    if (!root.is_object()) fail("the script must be a JSON object");
    check_keys(root, {"start", "default", "pages"}, "script");
    const auto pages = root.find("pages");
    if (pages == root.end() || !pages->is_object() || pages->empty()) fail("the script needs a non-empty \"pages\" object");
    FakeScript script;
    Data& data = *script.data_;
    data.start = pages->begin().key();
    if (const auto it = root.find("start"); it != root.end()) data.start = text_of(*it, "start");
    if (!pages->contains(data.start)) fail("start page \"" + data.start + "\" is not in pages");
    data.fallback = data.start;
    if (const auto it = root.find("default"); it != root.end()) data.fallback = text_of(*it, "default");
    if (!pages->contains(data.fallback)) fail("default page \"" + data.fallback + "\" is not in pages");
    for (const auto& [name, page] : pages->items()) {
      data.pages.push_back(parse_page(name, page, name == data.start, base_dir));
    }
    // Every reference to a page must name one.
    const auto check_reference = [&](const std::string& reference, const std::string& where) {
      if (reference.find("://") != std::string::npos || (!reference.empty() && reference[0] == '/')) return;
      if (data.find(reference.substr(0, reference.find('?'))) == nullptr) {
        fail(where + " names an unknown page \"" + reference + "\"");
      }
    };
    for (const auto& page : data.pages) {
      for (const auto& route : page.routes) check_reference(route.target, "pages." + page.name + " route goto");
      if (page.next_mode == NextMode::value && !page.next.empty()) check_reference(page.next, "pages." + page.name + ".next");
      for (const auto& fault : page.faults) {
        if (fault.kind == "redirect") check_reference(fault.to, "pages." + page.name + " redirect");
      }
    }
    load.script = std::move(script);
  } catch (const LoadError& error) {
    load.error = error.message;
  }
  return load;
}

ScriptLoad FakeScript::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return ScriptLoad{std::nullopt, "cannot read " + file.string()};
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), file.parent_path());
}

FakeReply FakeScript::reply(const RecordedRequest& request, std::string_view base_url) {
  const Page& chosen = data_->answering(request);
  Page& page = *data_->find(chosen.name);
  for (auto& fault : page.faults) {
    if (fault.method && *fault.method != request.method) continue;
    if (fault.remaining == 0) continue;
    if (fault.remaining > 0) --fault.remaining;
    FakeReply reply;
    if (fault.kind == "invalid_json") {
      reply = FakeReply::invalid_json();
    } else if (fault.kind == "empty") {
      reply = FakeReply::empty();
    } else if (fault.kind == "oversized") {
      reply = FakeReply::oversized(fault.size);
    } else if (fault.kind == "http500") {
      reply = FakeReply::http500_html();
      if (fault.status != 0) reply.status = fault.status;
    } else if (fault.kind == "reset") {
      reply = FakeReply::connection_reset();
    } else if (fault.kind == "close") {
      reply = FakeReply::connection_close();
    } else if (fault.kind == "redirect") {
      reply = FakeReply::redirect(fault.status, data_->resolve(fault.to, base_url));
    } else if (fault.kind == "xml_interpreter") {
      reply = FakeReply::xml_interpreter(fault.url.value_or(std::string(base_url) + "/xmlint?url="));
    } else {
      reply = FakeReply::raw(fault.body, fault.content_type, fault.status != 0 ? fault.status : 200);
    }
    reply.delay = fault.delay;
    return reply;
  }
  FakeReply reply;
  if (page.raw_reply) {
    reply = FakeReply::raw(*page.raw_reply);
  } else {
    Json body = Json::object();
    body["version"] = "1.1";
    if (page.base64) {
      body["content"] = *page.base64;
    } else if (!page.prefix_bytes.empty() || page.text || !page.suffix_bytes.empty()) {
      std::string bytes = page.prefix_bytes;
      if (page.text) bytes += encode_text(substitute(*page.text, request));
      bytes += page.suffix_bytes;
      body["content"] = service::base64_encode(bytes);
    }
    if (page.context) body["context"] = substitute(*page.context, request);
    if (page.echo) body["echo"] = *page.echo;
    switch (page.next_mode) {
      case NextMode::own_url: body["next"] = data_->resolve(page.name, base_url); break;
      case NextMode::value: body["next"] = page.next.empty() ? std::string() : data_->resolve(page.next, base_url); break;
      case NextMode::omit: break;
    }
    if (page.directcall) body["directcall"] = *page.directcall;
    if (page.command) body["COMMAND"] = *page.command;
    const auto encoded = service::php_json_encode(body, service::JsonStyle::compact);
    reply = FakeReply::raw(encoded.ok() ? *encoded.text : body.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  reply.delay = page.delay;
  return reply;
}

const std::string& FakeScript::start_page() const { return data_->start; }

std::vector<std::string> FakeScript::page_names() const {
  std::vector<std::string> names;
  for (const auto& page : data_->pages) names.push_back(page.name);
  return names;
}

std::optional<std::string> FakeScript::page_path(std::string_view page) const {
  const Page* found = data_->find(page);
  if (found == nullptr) return std::nullopt;
  return found->query.empty() ? found->path : found->path + "?" + found->query;
}

std::string FakeScript::page_for(const RecordedRequest& request) const { return data_->addressed(request).name; }

std::string FakeScript::answering_page(const RecordedRequest& request) const {
  return data_->answering(request).name;
}

}  // namespace pavi::sim
