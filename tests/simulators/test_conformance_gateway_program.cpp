// `pavi conformance` the program, and ci/conformance.sh, against the real gateway: `pavi` (PAVI_PATH) runs a few
// checks of several kinds against a `pavi-gateway` child process configured with the fixed --service-url, and the
// JUnit report must parse and count them right; the exit status follows the suite (and --strict-quirks). The
// script is run as an operator would, with the built programs, and must stop the gateway it started.
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include <cerrno>
#include <regex>

#include "tests/simulators/conformance_gateway_process.hpp"

namespace pavi::test {
namespace {

using namespace std::chrono_literals;

constexpr auto kRunBound = 120s;  // a few checks take seconds; this only bounds a hung run

// One pass, one static skip, a ws and a telnet check of one item, a (Q) check PaviKit fails on purpose
// (C-021, docs/COMPATIBILITY.md) and a check that needs the default service to be the fake service.
const std::string kSample = "C-001,C-005,C-014,C-021,C-036,C-107";

struct JUnitCounts {
  int tests = -1, failures = -1, skipped = -1, testcases = 0;
  std::string skipped_messages;
};

JUnitCounts read_junit(const std::filesystem::path& file, std::string& error) {
  JUnitCounts counts;
  pugi::xml_document document;
  const auto parsed = document.load_file(file.c_str());
  if (!parsed) {
    error = std::string("not XML: ") + parsed.description() + "\n" + read_file(file);
    return counts;
  }
  const auto suite = document.child("testsuites").child("testsuite");
  counts.tests = suite.attribute("tests").as_int(-1);
  counts.failures = suite.attribute("failures").as_int(-1);
  counts.skipped = suite.attribute("skipped").as_int(-1);
  for (const auto testcase : suite.children("testcase")) {
    ++counts.testcases;
    const std::string name = testcase.attribute("name").as_string();
    if (const auto skipped = testcase.child("skipped")) {
      counts.skipped_messages += name.substr(0, name.find(' ')) + ": ";
      counts.skipped_messages += std::string(skipped.attribute("message").as_string()) + "\n";
    }
  }
  return counts;
}

struct CommandRun {
  int status = -1;
  std::string output;
  JUnitCounts junit;
  std::string junit_error;
};

// `pavi conformance` against a fresh gateway whose durl is the address the command's fake service binds.
CommandRun run_pavi_conformance(const std::vector<std::string>& extra) {
  CommandRun run;
  const std::string durl = "http://127.0.0.1:" + std::to_string(free_port()) + "/home";
  GatewayUnderTest gateway(durl);
  if (!gateway.ready()) {
    run.output = "pavi-gateway did not start:\n" + gateway.output();
    return run;
  }
  std::vector<std::string> argv = {PAVI_PATH,     "conformance", "--gateway", gateway.ws_url(),
                                   "--telnet",    gateway.telnet_host_port(), "--service-url", durl,
                                   "--format",    "junit",       "--output",  "report.xml",
                                   "--timeout",   "3000",        "--wait",    "20"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  ChildProcess pavi(argv);
  run.status = pavi.wait(kRunBound);
  run.output = pavi.output();
  run.junit = read_junit(pavi.directory() / "report.xml", run.junit_error);
  EXPECT_EQ(gateway.stop(), 0) << gateway.output();
  return run;
}

TEST(PaviConformanceCommand, PassesAgainstPaviGatewayWithAJUnitReport) {
  const auto run = run_pavi_conformance({"--only", kSample});
  ASSERT_EQ(run.status, 0) << run.output;
  ASSERT_TRUE(run.junit_error.empty()) << run.junit_error;
  EXPECT_EQ(run.junit.tests, 7) << run.output;  // C-014 is a ws and a telnet check
  EXPECT_EQ(run.junit.testcases, 7);
  EXPECT_EQ(run.junit.failures, 0);
  EXPECT_EQ(run.junit.skipped, 2) << run.junit.skipped_messages;  // C-005 (not automated) and C-021 below
  EXPECT_NE(run.junit.skipped_messages.find("C-021: (Q) quirk not reproduced"), std::string::npos)
      << run.junit.skipped_messages;
  // The default-service probe reached the fake service (else C-107 and the telnet check would be skipped).
  EXPECT_EQ(run.output.find("did not reach the fake service"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("pavi conformance: 5 pass, 0 fail, 1 skip; report in report.xml"), std::string::npos)
      << run.output;
}

TEST(PaviConformanceCommand, StrictQuirksFailsOnADeliberateFix) {
  const auto run = run_pavi_conformance({"--only", "C-001,C-021", "--strict-quirks"});
  EXPECT_EQ(run.status, 1) << run.output;
  ASSERT_TRUE(run.junit_error.empty()) << run.junit_error;
  EXPECT_EQ(run.junit.tests, 2);
  EXPECT_EQ(run.junit.failures, 1);
  EXPECT_EQ(run.junit.skipped, 0);
}

struct ScriptRun {
  int status = -1;
  std::string output;
  JUnitCounts junit;
  std::string junit_error;
};

ScriptRun run_script(const std::vector<std::string>& pavi_options) {
  ScriptRun run;
  std::vector<std::string> argv = {"/bin/bash", std::string(PAVIKIT_SOURCE_DIR) + "/ci/conformance.sh", "report.xml"};
  argv.insert(argv.end(), pavi_options.begin(), pavi_options.end());
  ChildProcess script(argv, {std::string("PAVI_GATEWAY=") + PAVI_GATEWAY_PATH, std::string("PAVI=") + PAVI_PATH});
  run.status = script.wait(kRunBound);
  run.output = script.output();
  run.junit = read_junit(script.directory() / "report.xml", run.junit_error);
  // The script names the gateway's PID; once it has returned, that process must be gone (stopped and reaped).
  std::smatch pid;
  if (std::regex_search(run.output, pid, std::regex(R"(pavi-gateway \(pid (\d+)\))")) && run.status >= 0) {
    errno = 0;
    EXPECT_EQ(::kill(std::stoi(pid[1]), 0), -1) << "the gateway still runs:\n" << run.output;
    EXPECT_EQ(errno, ESRCH);
  } else {
    ADD_FAILURE() << "the script did not name the gateway's pid:\n" << run.output;
  }
  return run;
}

TEST(CiConformanceScript, RunsTheSuiteAgainstTheBuiltGateway) {
  const auto run = run_script({"--only", kSample});
  EXPECT_EQ(run.status, 0) << run.output;
  ASSERT_TRUE(run.junit_error.empty()) << run.junit_error;
  EXPECT_EQ(run.junit.tests, 7);
  EXPECT_EQ(run.junit.failures, 0);
  EXPECT_EQ(run.junit.skipped, 2);
}

TEST(CiConformanceScript, ExitsWithTheSuiteStatus) {
  const auto run = run_script({"--only", "C-021", "--strict-quirks"});
  EXPECT_EQ(run.status, 1) << run.output;
  ASSERT_TRUE(run.junit_error.empty()) << run.junit_error;
  EXPECT_EQ(run.junit.failures, 1);
}

}  // namespace
}  // namespace pavi::test
