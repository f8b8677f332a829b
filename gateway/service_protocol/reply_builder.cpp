// Service reply building (see reply_builder.hpp).
#include "gateway/service_protocol/reply_builder.hpp"

#include "gateway/service_protocol/base64.hpp"

namespace pavi::service {

Json reply_to_json(const ServiceReply& reply) {
  Json out = Json::object();
  if (reply.version) out["version"] = *reply.version;
  if (reply.content) out["content"] = base64_encode(*reply.content);
  if (reply.context) out["context"] = *reply.context;
  if (reply.echo) out["echo"] = *reply.echo;
  if (reply.next) out["next"] = *reply.next;
  if (reply.directcall) out["directcall"] = *reply.directcall;
  if (reply.command) out["COMMAND"] = *reply.command;
  return out;
}

std::string reply_body(const ServiceReply& reply) {
  // Strings that are not UTF-8 cannot be JSON; nlohmann's replacement keeps the body valid in that case.
  const auto encoded = php_json_encode(reply_to_json(reply), JsonStyle::compact);
  if (encoded.ok()) return *encoded.text;
  return reply_to_json(reply).dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace pavi::service
