// FakeReply factories (see fake_reply.hpp).
#include "simulators/fake_service/fake_reply.hpp"

#include "gateway/service_protocol/base64.hpp"

namespace pavi::sim {
namespace {

std::string xml_attribute(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

FakeReply FakeReply::json(const service::ServiceReply& reply) { return raw(service::reply_body(reply)); }

FakeReply FakeReply::raw(std::string body, std::string content_type, int status) {
  FakeReply reply;
  reply.body = std::move(body);
  reply.content_type = std::move(content_type);
  reply.status = status;
  return reply;
}

FakeReply FakeReply::invalid_json() { return raw("this is not JSON {", "text/plain"); }

FakeReply FakeReply::empty() { return raw("", "application/json"); }

FakeReply FakeReply::oversized(std::size_t total_bytes) {
  // {"version":"1.1","content":"ICAg...","context":"oversized"}: spaces on the screen if a gateway lets it through.
  const std::string head = R"({"version":"1.1","content":")";
  const std::string tail = R"(","context":"oversized"})";
  std::string content;
  while (head.size() + content.size() + tail.size() + 4 <= total_bytes) content += "ICAg";
  std::string body = head + content + tail;
  return raw(std::move(body));
}

FakeReply FakeReply::http500_html() {
  return raw(
      "<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1>"
      "<p>The fake service failed &amp; said so.<br>Second line</p></body></html>",
      "text/html; charset=UTF-8", 500);
}

FakeReply FakeReply::redirect(int status, std::string location) {
  FakeReply reply = raw("", "text/html", status);
  reply.headers.emplace_back("Location", std::move(location));
  return reply;
}

FakeReply FakeReply::xml_interpreter(const std::string& interpreter_url) {
  return raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<service><interpreteur url=\"" +
                 xml_attribute(interpreter_url) + "\"/></service>\n",
             "text/xml");
}

FakeReply FakeReply::connection_reset() {
  FakeReply reply;
  reply.transport = Transport::reset;
  return reply;
}

FakeReply FakeReply::connection_close() {
  FakeReply reply;
  reply.transport = Transport::close;
  return reply;
}

}  // namespace pavi::sim
