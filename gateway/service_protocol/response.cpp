// Reply parsing and planning (see response.hpp). Every read mirrors processResponseFromService(): property reads
// on non-objects give null, string functions on arrays/objects are the TypeErrors reported as `malformed`.
#include "gateway/service_protocol/response.hpp"

#include "gateway/service_protocol/base64.hpp"
#include "gateway/service_protocol/html_excerpt.hpp"
#include "gateway/service_protocol/php_strings.hpp"
#include "gateway/service_protocol/php_url.hpp"
#include "gateway/service_protocol/php_values.hpp"

namespace pavi::service {
namespace {

const Json& member(const Json& object, std::string_view key) {
  static const Json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(std::string(key));
  return it == object.end() ? kNull : *it;
}

std::string type_error(std::string_view function, const Json& value) {
  return std::string(function) + ": Argument #1 ($string) must be of type string, " +
         (value.is_array() ? "array" : "stdClass") + " given";
}

ResponseParse malformed(ResponseParse parse, MalformedKey key, std::string message) {
  parse.status = ResponseStatus::malformed;
  parse.malformed_key = key;
  parse.malformed_message = std::move(message);
  return parse;
}

}  // namespace

ResponseParse parse_response(std::string_view body) {
  ResponseParse parse;
  if (php_trim(body).empty()) {
    parse.status = ResponseStatus::no_response;
    return parse;
  }
  JsonDecodeResult decoded = php_json_decode(body, kResponseMaxDepth);
  if (!decoded.ok()) {
    parse.status = ResponseStatus::not_json;
    parse.json_error = decoded.error;
    parse.body_excerpt = err03_body_excerpt(body);
    return parse;
  }
  const Json& root = *decoded.value;
  Response& response = parse.response;

  const Json& next = member(root, "next");
  if (!next.is_null()) {
    const auto text = php_string(next);
    if (!text) return malformed(std::move(parse), MalformedKey::next, type_error("trim()", next));
    if (!php_trim(*text).empty()) {
      if (!php_validate_url(*text)) {
        parse.status = ResponseStatus::bad_next;
        parse.bad_next = *text;
        return parse;
      }
      response.next = *text;
    }
  }

  const Json& context = member(root, "context");
  if (!context.is_null()) {
    const auto text = php_string(context);
    if (!text) return malformed(std::move(parse), MalformedKey::context, type_error("strlen()", context));
    if (!text->empty()) response.context = utf8_substr(*text, 0, kMaxContextChars);
  }

  response.echo = php_loose_equals(member(root, "echo"), "on");
  response.command = parse_command(member(root, "COMMAND"));

  const Json& content = member(root, "content");
  if (!content.is_null()) {
    const auto text = php_string(content);
    if (!text) return malformed(std::move(parse), MalformedKey::content, type_error("base64_decode()", content));
    response.content = base64_decode_lenient(*text);
  }

  const Json& directcall = member(root, "directcall");
  if (php_loose_equals(directcall, "yes")) {
    response.directcall = DirectCall::yes;
  } else if (php_loose_equals(directcall, "yes-cnx")) {
    response.directcall = DirectCall::yes_cnx;
  }

  const Json& version = member(root, "version");
  if (version.is_string()) response.version = version.get<std::string>();
  parse.status = ResponseStatus::ok;
  return parse;
}

std::string ReplyPlan::error_page(std::string_view unique_id) const {
  if (!error) return {};
  return pavi::service::error_page(static_cast<int>(*error), error_message(*error), error_info, error_extra, unique_id);
}

ReplyPlan plan_reply(const ResponseParse& parse, bool input_armed) {
  ReplyPlan plan;
  const Response& response = parse.response;
  const auto fail = [&plan](ErrorCode code, std::string info, std::string extra = {}) {
    plan.error = code;
    plan.error_info = std::move(info);
    plan.error_extra = std::move(extra);
    plan.command.reset();
    plan.content.reset();
    plan.directcall = DirectCall::none;
    return plan;
  };
  switch (parse.status) {
    case ResponseStatus::no_response:
      plan.no_response = true;
      return plan;
    case ResponseStatus::not_json:
      return fail(ErrorCode::not_json, "Exception: " + parse.json_error,
                  "Votre serveur a répondu: " + parse.body_excerpt);
    case ResponseStatus::bad_next:
      return fail(ErrorCode::bad_next_url, parse.bad_next);
    case ResponseStatus::malformed:
    case ResponseStatus::ok:
      break;
  }
  const auto malformed_at = [&](MalformedKey key) {
    return parse.status == ResponseStatus::malformed && parse.malformed_key == key;
  };
  const auto malformed_page = [&] { return fail(ErrorCode::malformed_command, "Exception: " + parse.malformed_message); };
  if (malformed_at(MalformedKey::next)) return malformed_page();
  plan.new_url = response.next;
  if (malformed_at(MalformedKey::context)) return malformed_page();
  plan.new_context = response.context;
  plan.echo = response.echo;
  if (!input_armed) {
    if (response.command.malformed) return fail(ErrorCode::malformed_command, "Exception: " + *response.command.malformed);
    if (response.command.command) {
      if (const auto* unknown = std::get_if<UnknownCommand>(&*response.command.command)) {
        return fail(ErrorCode::unknown_command, unknown->dump());
      }
      plan.command = response.command.command;
    }
  }
  if (malformed_at(MalformedKey::content)) return malformed_page();
  plan.content = response.content;
  plan.directcall = response.directcall;
  return plan;
}

}  // namespace pavi::service
