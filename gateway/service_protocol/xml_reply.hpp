// XML replies (service-protocol.md §7.3 steps 4-5; C-009, C-010). The original tries every reply body as XML
// (simplexml_load_string): a document with root <service> and an <interpreteur url="U"> child, U a valid URL,
// sends the same request again to U + urlencode(current URL). Any other XML is handled as an ordinary (hence
// non-JSON) reply; after a transport error, the fallback GET counts only if its body is XML.
#pragma once

#include <string>
#include <string_view>

namespace pavi::service {

enum class XmlReplyKind {
  not_xml,      // not a well-formed XML document
  other_xml,    // XML, but no usable <service><interpreteur url=...>
  interpreter,  // hand the page to `interpreter_url`
};

struct XmlReply {
  XmlReplyKind kind = XmlReplyKind::not_xml;
  std::string interpreter_url;  // the url attribute, when kind == interpreter
};

// Well-formedness is judged as libxml2 judges it: one root element, no text outside it, only predefined or
// numeric entities (unless the document has an internal DTD subset), UTF-8 unless another encoding is declared.
XmlReply classify_xml_reply(std::string_view body);

// The session's next URL: interpreter_url + urlencode(current_url).
std::string interpreter_target(std::string_view interpreter_url, std::string_view current_url);

}  // namespace pavi::service
