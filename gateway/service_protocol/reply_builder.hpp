// Replies as a service writes them, for fake services and tests: a value type with the keys of §3.1 and its
// JSON (key order of MiniPaviCli: version, content, context, echo, next, directcall, COMMAND).
#pragma once

#include <optional>
#include <string>

#include "gateway/service_protocol/commands.hpp"
#include "gateway/service_protocol/php_json.hpp"

namespace pavi::service {

struct ServiceReply {
  std::optional<std::string> version = std::string("1.1");
  std::optional<std::string> content;     // raw videotex bytes; base64-encoded on the wire
  std::optional<std::string> context;
  std::optional<std::string> echo;        // "on" / "off"
  std::optional<std::string> next;
  std::optional<std::string> directcall;  // "yes" / "yes-cnx"
  std::optional<Json> command;            // the COMMAND object, e.g. command_to_json(InputTxt{...})
};

Json reply_to_json(const ServiceReply& reply);
// Compact JSON (raw UTF-8, unescaped '/'), as MiniPaviCli's json_encode(..., JSON_UNESCAPED_SLASHES)-like bodies.
std::string reply_body(const ServiceReply& reply);

}  // namespace pavi::service
