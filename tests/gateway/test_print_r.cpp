// print_r of decoded JSON, as shown on ERR#07 (§7.2).
#include <gtest/gtest.h>

#include "gateway/service_protocol/php_print_r.hpp"

namespace pavi::service {
namespace {

TEST(PrintR, NestedObjectsAndLists) {
  const auto value = php_json_decode(R"({"name":"X","param":{"a":[1,true,null,1.5],"b":{}}})");
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(php_print_r(*value.value),
            "stdClass Object\n"
            "(\n"
            "    [name] => X\n"
            "    [param] => stdClass Object\n"
            "        (\n"
            "            [a] => Array\n"
            "                (\n"
            "                    [0] => 1\n"
            "                    [1] => 1\n"
            "                    [2] => \n"
            "                    [3] => 1.5\n"
            "                )\n"
            "\n"
            "            [b] => stdClass Object\n"
            "                (\n"
            "                )\n"
            "\n"
            "        )\n"
            "\n"
            ")\n");
}

TEST(PrintR, Scalars) {
  EXPECT_EQ(php_print_r(Json("text")), "text");
  EXPECT_EQ(php_print_r(Json(false)), "");
}

}  // namespace
}  // namespace pavi::service
