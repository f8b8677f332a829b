// The fake AMI against hand-written client bytes (ami.md §7-8): the greeting, Login, the synchronous Originate
// with its Newchannel, MiniPavi's "Timeout :" spelling ignored as Asterisk does, Hangup, Logoff, bad credentials.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <string>

#include "simulators/asterisk/fake_ami.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;

class Client {
 public:
  explicit Client(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~Client() { ::close(fd_); }
  bool connected() const { return connected_; }
  void send(const std::string& text) { ::send(fd_, text.data(), text.size(), MSG_NOSIGNAL); }
  // Reads until `text` arrived or EOF/timeout; returns whether it arrived.
  bool wait_for(const std::string& text, std::chrono::milliseconds timeout = 5s) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (received_.find(text) == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
      pollfd poll_fd{fd_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&poll_fd, 1, static_cast<int>(left.count())) <= 0) return false;
      char buffer[2048];
      const auto size = ::recv(fd_, buffer, sizeof buffer, 0);
      if (size <= 0) {
        eof_ = true;
        return false;
      }
      received_.append(buffer, static_cast<std::size_t>(size));
    }
    return true;
  }
  bool eof() { return eof_ || (!wait_for("\x01never", 5s) && eof_); }
  const std::string& received() const { return received_; }

 private:
  int fd_;
  bool connected_ = false;
  bool eof_ = false;
  std::string received_;
};

const std::string kLogin = "Action: login\r\nEvents: on\r\nUsername: minipavi\r\nSecret: secret\r\n\r\n";
// The exact lines of ami.md §8 (MiniPavi's spelling).
const std::string kOriginate =
    "Action: Originate\r\nActionId: 179535453653427\r\nChannel: PJSIP/ovh1/sip:0358435150@sbc6.fr.sip.ovh\r\n"
    "Exten: 999\r\nTimeout : 7000\r\nCodecs : alaw,ulaw\r\nCallerId: MiniPavi\r\nContext: extcall\r\n"
    "Priority: 1\r\nVariable: CALLED=0358435150\r\nVariable: PID=sockets/skminipavi-22346-17953545365266.sock\r\n"
    "Variable: RX=-35\r\nVariable: TX=-28\r\n\r\n";

TEST(FakeAmiProtocol, MiniPavisSuccessPath) {
  std::atomic<int> hook_calls{0};
  FakeAmiOptions options;
  options.on_answered = [&hook_calls](const AnsweredCall&) { ++hook_calls; };
  FakeAmi ami(options);
  Client client(ami.port());
  ASSERT_TRUE(client.connected());
  ASSERT_TRUE(client.wait_for("Asterisk Call Manager/13.0.0\r\n"));
  client.send(kLogin);
  ASSERT_TRUE(client.wait_for("Response: Success\r\nMessage: Authentication accepted\r\n\r\n")) << client.received();
  client.send(kOriginate);
  ASSERT_TRUE(client.wait_for("Response: Success\r\nActionID: 179535453653427\r\n"
                              "Message: Originate successfully queued\r\n\r\n"));
  ASSERT_TRUE(client.wait_for("Event: Newchannel\r\n"));
  ASSERT_TRUE(client.wait_for("Channel: PJSIP/ovh1-0000002a\r\n"));
  const auto request = ami.originates().at(0);
  EXPECT_FALSE(request.timeout_ms);  // "Timeout :" is not a Timeout header for Asterisk
  EXPECT_EQ(request.ring_timeout(), 30000ms);
  EXPECT_EQ(request.number(), "0358435150");
  EXPECT_EQ(request.variable("TX"), "-28");
  std::vector<AnsweredCall> answered;
  for (int i = 0; i < 500 && hook_calls == 0; ++i) std::this_thread::sleep_for(10ms);  // recorded just after the event
  answered = ami.answered_calls();
  ASSERT_EQ(answered.size(), 1u);
  EXPECT_EQ(hook_calls, 1);
  EXPECT_EQ(answered[0].modem_leg_header(),
            "CALLTO 0358435150\nPID sockets/skminipavi-22346-17953545365266.sock\n\n");
  client.send("Action: Hangup\r\nChannel: PJSIP/ovh1-0000002a\r\n\r\n");
  ASSERT_TRUE(client.wait_for("Message: Channel Hungup\r\n\r\n"));
  EXPECT_EQ(ami.hangups(), std::vector<std::string>{"PJSIP/ovh1-0000002a"});
  client.send("Action: Logoff\r\n\r\n");
  ASSERT_TRUE(client.wait_for("Response: Goodbye"));
  EXPECT_TRUE(client.eof());
}

TEST(FakeAmiProtocol, BadCredentialsAreRefusedThenClosed) {
  FakeAmiOptions options;
  options.login_failure_delay = 10ms;
  options.secret = "other";
  FakeAmi ami(options);
  Client client(ami.port());
  client.send(kLogin);
  ASSERT_TRUE(client.wait_for("Response: Error\r\nMessage: Authentication failed\r\n\r\n"));
  EXPECT_TRUE(client.eof());
  EXPECT_EQ(ami.failed_login_count(), 1u);
}

TEST(FakeAmiProtocol, ScriptedOutcomes) {
  FakeAmi ami;
  OriginateScript busy;
  busy.outcome = OriginateOutcome::busy;
  ami.set_script(busy);
  {
    Client client(ami.port());
    client.send(kLogin);
    client.send(kOriginate);
    EXPECT_TRUE(client.wait_for("Response: Error\r\nActionID: 179535453653427\r\nMessage: Originate failed\r\n"));
  }
  OriginateScript closing;
  closing.outcome = OriginateOutcome::closed_mid_call;
  ami.set_script(closing);
  {
    Client client(ami.port());
    client.send(kLogin);
    ASSERT_TRUE(client.wait_for("Authentication accepted"));
    client.send(kOriginate);
    EXPECT_TRUE(client.eof());
    EXPECT_EQ(client.received().find("Originate"), std::string::npos);
  }
  OriginateScript no_answer;
  no_answer.outcome = OriginateOutcome::no_answer;
  ami.set_script(no_answer);
  {
    Client client(ami.port());
    client.send(kLogin);
    std::string readable = kOriginate;
    readable.replace(readable.find("Timeout : 7000"), 14, "Timeout: 50");
    client.send(readable);
    EXPECT_TRUE(client.wait_for("Message: Originate failed"));
    EXPECT_EQ(ami.originates().back().timeout_ms, 50);
  }
  EXPECT_TRUE(ami.wait_for_no_open_connections(5s));
}

TEST(FakeAmiProtocol, ActionsBeforeLoginAreRefused) {
  FakeAmi ami;
  Client client(ami.port());
  client.send(kOriginate);
  EXPECT_TRUE(client.wait_for("Response: Error\r\nActionID: 179535453653427\r\nMessage: Permission denied\r\n"));
  EXPECT_TRUE(ami.originates().empty());
}

}  // namespace
}  // namespace pavi::sim
