// XML replies and the interpreter redirect (§7.3 steps 4-5; C-009, C-010).
#include <gtest/gtest.h>

#include "gateway/service_protocol/xml_reply.hpp"

namespace pavi::service {
namespace {

TEST(XmlReply, InterpreterRedirect) {  // C-010
  const auto reply = classify_xml_reply(
      "<?xml version=\"1.0\"?>\n<service><interpreteur url=\"http://127.0.0.1:8090/xmlint/?xurl=\"/></service>");
  ASSERT_EQ(reply.kind, XmlReplyKind::interpreter);
  EXPECT_EQ(reply.interpreter_url, "http://127.0.0.1:8090/xmlint/?xurl=");
  EXPECT_EQ(interpreter_target(reply.interpreter_url, "http://h:8090/page.xml?a=1"),
            "http://127.0.0.1:8090/xmlint/?xurl=http%3A%2F%2Fh%3A8090%2Fpage.xml%3Fa%3D1");
}

TEST(XmlReply, OtherXml) {  // C-009: other XML is processed like a reply (ERR#03)
  EXPECT_EQ(classify_xml_reply("<service><interpreteur url=\"notaurl\"/></service>").kind, XmlReplyKind::other_xml);
  EXPECT_EQ(classify_xml_reply("<service/>").kind, XmlReplyKind::other_xml);
  EXPECT_EQ(classify_xml_reply("<page><interpreteur url=\"http://h/\"/></page>").kind, XmlReplyKind::other_xml);
  EXPECT_EQ(classify_xml_reply("<!DOCTYPE html><html><body>x</body></html>").kind, XmlReplyKind::other_xml);
}

TEST(XmlReply, NotXmlAsLibxml2Judges) {  // C-009: a non-XML GET body is a failure
  for (const char* body : {"", "{\"version\":\"1.1\"}", "Not found page", "<a/><b/>", "<a/>tail", "head<a/>",
                           "<a></b>", "<html><body>&nbsp;</body></html>", "<br>", "<a>\xFF</a>"}) {
    EXPECT_EQ(classify_xml_reply(body).kind, XmlReplyKind::not_xml) << body;
  }
  EXPECT_EQ(classify_xml_reply("<a>&amp;&#233;&#xE9;<![CDATA[&x]]><!-- &y --></a>").kind, XmlReplyKind::other_xml);
}

}  // namespace
}  // namespace pavi::service
