// The fake Asterisk soft modem: what MiniPavi's SoftmodemMinipavi app and its dialplan do with phone calls, with
// simulated lines instead of a telephone network (v23-modem.md §4, §7; ami.md §3).
//
// Inbound: dial_in() is a Minitel calling the gateway's number; the call's far end is the Minitel's modem port,
// to attach to a sim::Terminal. The modem leg to the gateway's astport opens with CALLFROM / STARTURL / PCE.
// Outbound: the gateway asks the (fake) AMI to call a number; ami_answered_hook() goes into FakeAmiOptions::
// on_answered, and each answered call dials the ModemServer registered under that number and opens the modem
// leg with CALLTO / PID, which is how the gateway ties it to the waiting session. ami_originate_hook() makes the
// fake AMI answer only numbers that have a server, and report the others busy.
//
// Thread-safe; every call runs on its own thread (SoftModemCall) and is hung up when the SoftModem goes.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <condition_variable>
#include <optional>
#include <string>
#include <vector>

#include "simulators/asterisk/fake_ami.hpp"
#include "simulators/asterisk/modem_server.hpp"
#include "simulators/asterisk/soft_modem_call.hpp"

namespace pavi::sim {

struct SoftModemOptions {
  std::string gateway_host = "127.0.0.1";
  std::uint16_t astport = 0;
  std::string channel;  // line channel description for every call, both directions ("" = a clean line)
  double idle_speed = 1.0;
  bool run_ahead = true;
};

struct DialInOptions {
  std::string caller = "0612345678";  // CALLFROM (the caller's number as the trunk delivers it)
  std::string start_url;              // STARTURL; empty: the gateway's default service
  bool pce = false;                   // "PCE 1" (the line 3 the gateway checks exactly)
  std::string channel;                // overrides SoftModemOptions::channel when not empty
  // The Minitel -> soft modem direction alone ("" = clean), when set. PCE protects only the other direction, and
  // MiniPavi's 75 bit/s receiver turns noise on a long idle mark into stray characters: a benchmark of PCE can
  // keep the keys clean this way.
  std::optional<std::string> keys_channel;
  std::string description = "v23 dial-in";
};

struct DialOutRequest {
  std::string number;  // CALLED
  std::string pid;     // PID: the gateway's rendezvous name
  int rx_dbm0 = -35;   // RX / TX channel variables: the app's r() and t() (ami.md §1)
  int tx_dbm0 = -18;
};

class SoftModem {
 public:
  explicit SoftModem(SoftModemOptions options);
  ~SoftModem();  // hangs up every call
  SoftModem(const SoftModem&) = delete;
  SoftModem& operator=(const SoftModem&) = delete;

  // Where the modem legs go from now on (the gateway may be started after the fake AMI that needs this object).
  void set_gateway(std::string host, std::uint16_t astport);

  // A Minitel dials in. Never null; a failed connection shows in the call's status and closes its far end.
  std::shared_ptr<SoftModemCall> dial_in(const DialInOptions& options = {});

  // The phone book of third-party V.23 servers.
  void add_server(const std::string& number, std::shared_ptr<ModemServer> server);
  bool has_server(const std::string& number) const;

  // The dialplan's [extcall] for an answered Originate: the server answers, the modem leg opens. Null when no
  // server has that number.
  std::shared_ptr<SoftModemCall> dial_out(const DialOutRequest& request);

  // For FakeAmiOptions: on_originate answers numbers with a server and reports the others busy; on_answered
  // dials out (from the fake AMI's thread: it only starts the call's own thread).
  std::function<OriginateScript(const OriginateRequest&)> ami_originate_hook();
  std::function<void(const AnsweredCall&)> ami_answered_hook();

  std::vector<std::shared_ptr<SoftModemCall>> inbound_calls() const;
  std::vector<std::shared_ptr<SoftModemCall>> outbound_calls() const;
  bool wait_for_outbound_calls(std::size_t count, std::chrono::milliseconds timeout) const;

 private:
  SoftModemCallOptions call_options(const std::string& channel, std::string header, ModemLineConfig line,
                                    std::string description) const;

  mutable std::mutex mutex_;
  SoftModemOptions options_;  // guarded by mutex_
  mutable std::condition_variable changed_;
  std::map<std::string, std::shared_ptr<ModemServer>> servers_;
  std::vector<std::shared_ptr<SoftModemCall>> inbound_;
  std::vector<std::shared_ptr<SoftModemCall>> outbound_;
};

}  // namespace pavi::sim
