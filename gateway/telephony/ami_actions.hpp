// The AMI actions of an outgoing modem call (ami.md §3), built from the <asterisk> section (config.md §4) and
// the connectToExt parameters: Login, the Originate, Hangup and Logoff. Also the checks on what a service may
// put into them (a number cannot carry CR/LF into the AMI stream) and the rendezvous id carried as PID.
#pragma once

#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/config/gateway_config.hpp"
#include "gateway/telephony/ami_message.hpp"

namespace pavi::gateway::telephony {

// What one connectToExt asks for, once checked.
struct CallRequest {
  std::string number;     // as given by the service, trimmed
  int rx = -35;           // receive cut-off, dBm0
  int tx = -18;           // transmit level, dBm0
  std::string pid;        // the rendezvous id (rendezvous_id())
  std::string action_id;  // the Originate's ActionID
};

// The service library's defaults; a missing RX/TX arrives as 0, which would make the modem deaf (ami.md §1).
inline constexpr int kDefaultRx = -35;
inline constexpr int kDefaultTx = -18;
// 0 (missing) → the default; anything else is clamped to the range spandsp accepts, -63..0 dBm0.
int checked_level(int level, int fallback);

// True when `number` is something a dial string can hold: digits, letters and + * # . - _ @, 1 to 64 of them.
// Anything else (CR, LF, comma, space...) would inject AMI headers or channel variables.
bool dialable_number(std::string_view number);

// sipchannel with every %NUM% replaced.
std::string dial_string(std::string_view sipchannel, std::string_view number);
// "PJSIP/ovh1" for "PJSIP/ovh1/sip:0358@host": the prefix of the channel names Asterisk gives this call.
std::string channel_prefix(std::string_view dial);

// `calltimeout` in ms; not a positive number → Asterisk's own default, 30000.
std::chrono::milliseconds call_timeout(const AsteriskConfig& config);
// `maxtime` in s; not a positive number → 600.
std::chrono::seconds max_time(const AsteriskConfig& config);

// "sockets/skminipavi-<process>-<unix time><4 digits>.sock": the original's form, so that dialplans that log
// or pass it on see the same thing (PaviKit's rendezvous is in memory, no file is made). No comma, no space.
std::string rendezvous_id(long process, std::time_t now, int four_digits);

AmiMessage login_action(const AsteriskConfig& config, const std::string& action_id);
// Action: Originate (ami.md §3.5) with `Timeout:` and `Codecs:` spelled so that Asterisk reads them.
AmiMessage originate_action(const AsteriskConfig& config, const CallRequest& request);
AmiMessage hangup_action(const std::string& channel, const std::string& action_id);
AmiMessage logoff_action(const std::string& action_id);

}  // namespace pavi::gateway::telephony
