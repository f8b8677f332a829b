// Request body building and parsing (see request.hpp).
#include "gateway/service_protocol/request.hpp"

#include <algorithm>
#include <array>

#include "gateway/service_protocol/php_values.hpp"
#include "gateway/service_protocol/urlparams.hpp"

namespace pavi::service {
namespace {

constexpr std::array<std::string_view, 10> kPaviKeys = {"version",        "uniqueId", "remoteAddr", "typesocket",
                                                        "versionminitel", "content",  "datas",      "context",
                                                        "fctn",           "webmedia"};

// MiniPaviCli decodes requests with a depth of 5 (§2.3); deeper bodies would be refused by PHP services.
constexpr int kClientMaxDepth = 5;

int depth_of(const Json& value) {
  if (!value.is_structured()) return 0;
  int deepest = 0;
  for (const auto& element : value) deepest = std::max(deepest, depth_of(element));
  return deepest + 1;
}

class RequestReader {
 public:
  RequestReader(const Json& pavi, std::vector<std::string>& warnings) : pavi_(pavi), warnings_(warnings) {}

  void text(std::string_view key, std::string& out) {
    const Json* value = find(key);
    if (value == nullptr) return;
    if (value->is_string()) {
      out = value->get<std::string>();
      return;
    }
    warn(key, "is not a string");
    if (const auto converted = php_string(*value)) out = *converted;
  }

  void content(std::vector<std::string>& out) {
    const Json* value = find("content");
    if (value == nullptr) return;
    if (value->is_object()) {
      warn("content", "is an object, not a list");
    } else if (!value->is_array()) {
      warn("content", "is not a list");
      return;
    }
    for (const auto& element : *value) {
      if (!element.is_string()) warn("content", "holds a value that is not a string");
      out.push_back(php_string(element).value_or(""));
    }
  }

  void datas(Json& out) {
    const Json* value = find("datas");
    if (value == nullptr) return;
    if (!value->is_null() && !value->is_object()) warn("datas", "is neither null nor an object");
    out = *value;
  }

  void webmedia(int& out) {
    const Json* value = find("webmedia");
    if (value == nullptr) return;
    if (!value->is_number_integer()) warn("webmedia", "is not an integer");
    out = static_cast<int>(php_int(*value));
    if (out != 0 && out != 1) warn("webmedia", "is neither 0 nor 1");
  }

  void check_order() {
    std::size_t expected = 0;
    bool order_reported = false;
    for (const auto& [key, value] : pavi_.items()) {
      (void)value;
      std::size_t index = 0;
      while (index < kPaviKeys.size() && kPaviKeys[index] != key) ++index;
      if (index == kPaviKeys.size()) {
        warnings_.push_back("PAVI." + key + " is not a key of the protocol");
        continue;
      }
      if (index < expected) {
        if (!order_reported) {
          warnings_.push_back("PAVI keys are not in the order of service-protocol.md §2.1 (" + key + ")");
        }
        order_reported = true;
        continue;
      }
      expected = index;
    }
  }

 private:
  const Json* find(std::string_view key) {
    const auto it = pavi_.find(std::string(key));
    if (it == pavi_.end()) {
      warnings_.push_back("PAVI." + std::string(key) + " is missing");
      return nullptr;
    }
    return &*it;
  }

  void warn(std::string_view key, std::string_view problem) {
    warnings_.push_back("PAVI." + std::string(key) + " " + std::string(problem));
  }

  const Json& pavi_;
  std::vector<std::string>& warnings_;
};

}  // namespace

Json request_to_json(const Request& request) {
  Json pavi = Json::object();
  pavi["version"] = request.version;
  pavi["uniqueId"] = request.unique_id;
  pavi["remoteAddr"] = request.remote_addr;
  pavi["typesocket"] = request.typesocket;
  pavi["versionminitel"] = request.versionminitel;
  pavi["content"] = Json::array();
  for (const auto& element : request.content) pavi["content"].push_back(element);
  pavi["datas"] = request.datas;
  pavi["context"] = request.context;
  pavi["fctn"] = request.fctn;
  pavi["webmedia"] = request.webmedia;
  Json body = Json::object();
  body["PAVI"] = std::move(pavi);
  if (request.urlparams) body["URLPARAMS"] = *request.urlparams;
  return body;
}

JsonEncodeResult serialise_request(const Request& request, JsonStyle style) {
  return php_json_encode(request_to_json(request), style);
}

Request background_call_request(std::string unique_id, std::string_view url) {
  Request request;
  request.unique_id = std::move(unique_id);
  request.versionminitel = "";
  request.fctn = "BGCALL";
  request.urlparams = urlparams_from_url(url);
  return request;
}

RequestParse parse_request(std::string_view body) {
  RequestParse result;
  auto decoded = php_json_decode(body);
  if (!decoded.ok()) {
    result.error = "not JSON: " + decoded.error;
    return result;
  }
  const Json& root = *decoded.value;
  if (!root.is_object()) {
    result.error = "the body is not a JSON object";
    return result;
  }
  const auto pavi = root.find("PAVI");
  if (pavi == root.end() || !pavi->is_object()) {
    result.error = "the body has no PAVI object";
    return result;
  }
  Request request;
  RequestReader reader(*pavi, result.warnings);
  reader.text("version", request.version);
  reader.text("uniqueId", request.unique_id);
  reader.text("remoteAddr", request.remote_addr);
  reader.text("typesocket", request.typesocket);
  reader.text("versionminitel", request.versionminitel);
  reader.content(request.content);
  reader.datas(request.datas);
  reader.text("context", request.context);
  reader.text("fctn", request.fctn);
  reader.webmedia(request.webmedia);
  reader.check_order();

  const auto urlparams = root.find("URLPARAMS");
  if (urlparams != root.end()) {
    if (!urlparams->is_structured()) result.warnings.push_back("URLPARAMS is neither an object nor a list");
    if (urlparams->empty()) result.warnings.push_back("URLPARAMS is present but empty (the original leaves it out)");
    request.urlparams = *urlparams;
  }
  for (const auto& [key, value] : root.items()) {
    (void)value;
    if (key != "PAVI" && key != "URLPARAMS") result.warnings.push_back(key + " is not a key of the protocol");
  }
  if (root.begin().key() != "PAVI") result.warnings.push_back("PAVI is not the first key");
  if (depth_of(root) > kClientMaxDepth) {
    result.warnings.push_back("nested deeper than 5 levels: MiniPaviCli (json_decode depth 5) would refuse it");
  }
  result.request = std::move(request);
  return result;
}

}  // namespace pavi::service
