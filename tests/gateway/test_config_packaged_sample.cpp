// The sample configuration that the package installs as /etc/pavi-gateway/pavi-gateway.xml must load cleanly and
// put every file where the systemd unit lets the gateway write (docs/PRODUCTION.md).
#include <gtest/gtest.h>

#include "gateway/config/gateway_config.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

TEST(PackagedSampleConfig, LoadsWithoutErrorOrWarning) {
  const auto sample = pavi::test::fixtures_dir().parent_path() / "gateway" / "app" / "pavi-gateway.sample.xml";
  const LoadResult loaded = load_gateway_config({"--cfgfile", sample.string()});
  for (const auto& error : loaded.errors) ADD_FAILURE() << error.to_line();
  for (const auto& warning : loaded.warnings) ADD_FAILURE() << warning.to_line();
  const GatewayConfig& config = loaded.config;
  EXPECT_EQ(config.durl, kInternalDurl);
  EXPECT_GT(config.maxc, 0);
  EXPECT_GT(config.wsport, 0);
  EXPECT_GT(config.telnport, 0);
  // Writable under the unit's ProtectSystem=strict: StateDirectory and LogsDirectory only.
  EXPECT_EQ(config.lpath, "/var/log/pavi-gateway/");
  EXPECT_EQ(config.spath.rfind("/var/lib/pavi-gateway/", 0), 0u);
  EXPECT_EQ(config.rpath.rfind("/var/lib/pavi-gateway/", 0), 0u);
  EXPECT_EQ(config.ipblacklist, "/etc/pavi-gateway/ipblacklist.txt");
  EXPECT_EQ(config.ipwhitelist, "/etc/pavi-gateway/ipwhitelist.txt");
  EXPECT_TRUE(config.ipdbkey.empty());  // no key shipped: no lookups until the operator sets one
}

}  // namespace
}  // namespace pavi::gateway
