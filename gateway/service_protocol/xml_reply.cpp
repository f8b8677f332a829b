// XML reply classification (see xml_reply.hpp). pugixml is more lenient than libxml2, so the checks it skips
// (several roots, stray text, unknown entities, bad UTF-8) are made here first.
#include "gateway/service_protocol/xml_reply.hpp"

#include <cctype>
#include <pugixml.hpp>

#include "gateway/service_protocol/php_strings.hpp"
#include "gateway/service_protocol/php_url.hpp"

namespace pavi::service {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.' || c == ':';
}

// Every '&' outside comments and CDATA must start &amp; &lt; &gt; &quot; &apos; &#N; or &#xH;.
bool entities_are_predefined(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 4) == "<!--") {
      const auto end = text.find("-->", i + 4);
      if (end == std::string_view::npos) return false;
      i = end + 2;
      continue;
    }
    if (text.substr(i, 9) == "<![CDATA[") {
      const auto end = text.find("]]>", i + 9);
      if (end == std::string_view::npos) return false;
      i = end + 2;
      continue;
    }
    if (text[i] != '&') continue;
    std::size_t p = i + 1;
    if (p < text.size() && text[p] == '#') {
      ++p;
      const bool hex = p < text.size() && text[p] == 'x';
      if (hex) ++p;
      const std::size_t digits = p;
      while (p < text.size() && (std::isxdigit(static_cast<unsigned char>(text[p])) != 0) &&
             (hex || (text[p] >= '0' && text[p] <= '9'))) {
        ++p;
      }
      if (p == digits || p >= text.size() || text[p] != ';') return false;
      continue;
    }
    const std::size_t name = p;
    while (p < text.size() && is_name_char(text[p])) ++p;
    if (p >= text.size() || text[p] != ';') return false;
    const std::string_view entity = text.substr(name, p - name);
    if (entity != "amp" && entity != "lt" && entity != "gt" && entity != "quot" && entity != "apos") return false;
  }
  return true;
}

bool declares_other_encoding(const pugi::xml_document& document) {
  for (const auto& node : document.children()) {
    if (node.type() != pugi::node_declaration) continue;
    const std::string encoding = node.attribute("encoding").value();
    if (encoding.empty()) return false;
    std::string lower;
    for (char c : encoding) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower != "utf-8" && lower != "utf8";
  }
  return false;
}

}  // namespace

XmlReply classify_xml_reply(std::string_view body) {
  XmlReply reply;
  pugi::xml_document document;
  const auto parsed = document.load_buffer(body.data(), body.size(), pugi::parse_default | pugi::parse_fragment |
                                                                          pugi::parse_declaration | pugi::parse_doctype,
                                           pugi::encoding_utf8);
  if (!parsed) return reply;
  int elements = 0;
  bool internal_subset = false;
  for (const auto& node : document.children()) {
    switch (node.type()) {
      case pugi::node_element: ++elements; break;
      case pugi::node_pcdata:
      case pugi::node_cdata:
        if (!php_trim(node.value()).empty()) return reply;  // text outside the root element
        break;
      case pugi::node_doctype:
        if (std::string_view(node.value()).find('[') != std::string_view::npos) internal_subset = true;
        break;
      default: break;
    }
  }
  if (elements != 1) return reply;
  if (!internal_subset && !entities_are_predefined(body)) return reply;
  if (!declares_other_encoding(document) && !is_valid_utf8(body)) return reply;

  reply.kind = XmlReplyKind::other_xml;
  const pugi::xml_node root = document.document_element();
  if (std::string_view(root.name()) != "service") return reply;
  const pugi::xml_attribute url = root.child("interpreteur").attribute("url");
  if (!url || !php_validate_url(url.value())) return reply;
  reply.kind = XmlReplyKind::interpreter;
  reply.interpreter_url = url.value();
  return reply;
}

std::string interpreter_target(std::string_view interpreter_url, std::string_view current_url) {
  return std::string(interpreter_url) + php_urlencode(current_url);
}

}  // namespace pavi::service
