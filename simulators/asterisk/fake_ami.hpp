// A fake Asterisk Manager Interface (ami.md §7) for tests of the gateway's connectToExt: it answers Login,
// Originate, Hangup and Logoff the way Asterisk does (greeting line, CR LF blocks, ActionID echoed, a
// synchronous Originate answered once the scripted call is decided, then the Newchannel event), with scripted
// outcomes per Originate: answered, busy, no answer, the AMI closing mid-call, or no reply at all. Bad
// credentials are answered as Asterisk does (1 s pause, Error, close).
//
// For an answered call, on_answered tells whoever plays the soft modem (simulators/asterisk/soft_modem*) to open
// the modem leg to the gateway's astport and send AnsweredCall::modem_leg_header(): that leg is what the
// gateway ties to the waiting session by PID (ami.md §6).
//
// Binds 127.0.0.1 on a free port by default, runs its own thread, stops in its destructor. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pavi::sim {

class IoRunner;

// One Originate action as the fake received it. Header names are matched case-insensitively and, as Asterisk
// does, only when the colon follows the name at once: "Timeout : 7000" (MiniPavi's spelling) is not a timeout.
struct OriginateRequest {
  std::string action_id;
  std::string channel;  // the dial string, %NUM% already replaced
  std::string context;
  std::string exten;
  std::string priority;
  std::string caller_id;
  bool async = false;                   // "Async: true"
  std::optional<int> timeout_ms;        // "Timeout:" as Asterisk reads it; nullopt = Asterisk's 30000 default
  std::map<std::string, std::string> variables;                // every "Variable: a=b[,c=d]" pair
  std::vector<std::pair<std::string, std::string>> headers;    // every line, as received (name, value)

  std::string variable(const std::string& name) const;  // "" when absent
  std::string number() const { return variable("CALLED"); }
  std::string pid() const { return variable("PID"); }
  // The ring time Asterisk would allow: timeout_ms, or 30000.
  std::chrono::milliseconds ring_timeout() const;
};

enum class OriginateOutcome {
  answered,          // Response: Success (Originate successfully queued), then Event: Newchannel
  busy,              // after ring_time: Response: Error / Message: Originate failed
  no_answer,         // rings for the request's ring_timeout() (at most max_ring), then as busy
  closed_mid_call,   // the AMI connection closes after ring_time, before any response
  closed_after_answer,  // Response: Success, then the connection closes before any Newchannel (ami.md §7.2)
  silent,            // never answers the Originate (the connection stays open until the client leaves)
};

std::string outcome_name(OriginateOutcome outcome);

// What happens to one Originate.
struct OriginateScript {
  OriginateOutcome outcome = OriginateOutcome::answered;
  std::chrono::milliseconds ring_time{0};  // before the response (answered, busy, closed_mid_call)
  std::string channel_name;                // the Newchannel's Channel; "" = "<tech/peer of the dial string>-0000002a"
  bool newchannel = true;                  // answered: send the Newchannel event after the response
  std::chrono::milliseconds newchannel_delay{0};  // answered: how long after the response the Newchannel comes
  // answered: a Newchannel of somebody else's call goes first (Asterisk interleaves other calls' events).
  bool foreign_event_first = false;
};

// An answered call: what the soft modem on the answered channel would know (dialplan [extcall], ami.md §3.8).
struct AnsweredCall {
  OriginateRequest request;
  std::string channel_name;  // the one sent in Newchannel (and expected in the final Hangup)
  std::string unique_id;     // the Newchannel's Uniqueid
  // "CALLTO <number>\nPID <pid>\n\n": the header the soft modem sends on the gateway's astport
  // (v23-modem.md §7.2; number = CALLED, pid = PID).
  std::string modem_leg_header() const;
};

struct FakeAmiOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;              // 0: any free port (see port())
  std::string username = "minipavi";   // the manager.conf user section
  std::string secret = "secret";
  std::string version = "13.0.0";      // "Asterisk Call Manager/<version>"
  std::chrono::milliseconds login_failure_delay{1000};  // Asterisk pauses 1 s before "Authentication failed"
  bool fully_booted_after_login = false;  // a `read = system` user also gets Event: FullyBooted (ami.md §4.2)
  std::chrono::milliseconds max_ring{30000};  // cap of no_answer's ring time
  // Decides each Originate (called on the fake's thread). Unset: every call is answered at once.
  std::function<OriginateScript(const OriginateRequest&)> on_originate;
  // Called on the fake's thread right after the Newchannel of an answered call went out: make the modem leg
  // connect to the gateway's astport now (a fake soft modem dialling out; keep the callback short, post work).
  std::function<void(const AnsweredCall&)> on_answered;
};

class FakeAmi {
 public:
  // Throws std::runtime_error when it cannot listen.
  explicit FakeAmi(FakeAmiOptions options = {});
  ~FakeAmi();  // stop()
  FakeAmi(const FakeAmi&) = delete;
  FakeAmi& operator=(const FakeAmi&) = delete;

  std::uint16_t port() const;
  const std::string& host() const;

  // The script for Originates received from now on (replaces options.on_originate with a fixed answer).
  void set_script(OriginateScript script);

  std::size_t connection_count() const;
  std::size_t login_count() const;         // accepted logins
  std::size_t failed_login_count() const;  // refused credentials
  std::vector<OriginateRequest> originates() const;
  std::vector<AnsweredCall> answered_calls() const;
  std::vector<std::string> hangups() const;   // the Channel of every Hangup action
  std::size_t logoff_count() const;
  std::size_t open_connections() const;       // AMI sessions still connected
  // Everything every client sent, in order (for exact-bytes checks).
  std::string transcript() const;

  bool wait_for_originates(std::size_t count, std::chrono::milliseconds timeout) const;
  bool wait_for_hangups(std::size_t count, std::chrono::milliseconds timeout) const;
  bool wait_for_no_open_connections(std::chrono::milliseconds timeout) const;

  // Stops listening and closes every AMI session. Idempotent.
  void stop();

 private:
  struct State;
  std::unique_ptr<IoRunner> runner_;  // outlives state_: the last handler may drop the state on the runner's thread
  std::shared_ptr<State> state_;
};

}  // namespace pavi::sim
