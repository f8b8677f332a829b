// The fake soft modem's calls (see soft_modem.hpp).
#include "simulators/asterisk/soft_modem.hpp"

#include <cstdlib>
#include <utility>

#include "simulators/asterisk/soft_modem_header.hpp"

namespace pavi::sim {
namespace {

// RX / TX arrive as channel variables (text); a missing or unreadable value keeps the client library's default
// instead of 0, which would make the modem deaf (ami.md §1).
int level_or(const std::string& text, int fallback) {
  if (text.empty()) return fallback;
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != '\0' || value < -60 || value > 0) return fallback;
  return static_cast<int>(value);
}

}  // namespace

SoftModem::SoftModem(SoftModemOptions options) : options_(std::move(options)) {}

SoftModem::~SoftModem() {
  std::vector<std::shared_ptr<SoftModemCall>> calls;
  {
    std::lock_guard lock(mutex_);
    calls = std::move(inbound_);
    calls.insert(calls.end(), outbound_.begin(), outbound_.end());
    outbound_.clear();
  }
  for (const auto& call : calls) call->hang_up();
}

SoftModemCallOptions SoftModem::call_options(const std::string& channel, std::string header, ModemLineConfig line,
                                             std::string description) const {
  SoftModemCallOptions call;
  std::lock_guard lock(mutex_);
  call.host = options_.gateway_host;
  call.port = options_.astport;
  call.header = std::move(header);
  call.line = std::move(line);
  // A bad description was the caller's mistake: the call then runs on a clean line rather than not at all.
  if (!channel.empty()) call.line.set_channel(channel);
  call.idle_speed = options_.idle_speed;
  call.run_ahead = options_.run_ahead;
  call.description = std::move(description);
  return call;
}

void SoftModem::set_gateway(std::string host, std::uint16_t astport) {
  std::lock_guard lock(mutex_);
  options_.gateway_host = std::move(host);
  options_.astport = astport;
}

std::shared_ptr<SoftModemCall> SoftModem::dial_in(const DialInOptions& options) {
  std::string channel = options.channel;
  if (channel.empty()) {
    std::lock_guard lock(mutex_);
    channel = options_.channel;
  }
  SoftModemCallOptions call_setup = call_options(channel, inbound_header(options.caller, options.start_url, options.pce),
                                                 ModemLineConfig::for_inbound(), options.description);
  // As with `channel`, a description that does not parse leaves that direction as it was.
  if (options.keys_channel) call_setup.line.set_channel_to_soft_modem(*options.keys_channel);
  auto call = std::make_shared<SoftModemCall>(std::move(call_setup));
  std::lock_guard lock(mutex_);
  inbound_.push_back(call);
  changed_.notify_all();
  return call;
}

void SoftModem::add_server(const std::string& number, std::shared_ptr<ModemServer> server) {
  std::lock_guard lock(mutex_);
  servers_[number] = std::move(server);
}

bool SoftModem::has_server(const std::string& number) const {
  std::lock_guard lock(mutex_);
  return servers_.count(number) > 0;
}

std::shared_ptr<SoftModemCall> SoftModem::dial_out(const DialOutRequest& request) {
  std::shared_ptr<ModemServer> server;
  {
    std::lock_guard lock(mutex_);
    const auto found = servers_.find(request.number);
    if (found == servers_.end()) return nullptr;
    server = found->second;
  }
  std::string channel;
  {
    std::lock_guard lock(mutex_);
    channel = options_.channel;
  }
  auto call = std::make_shared<SoftModemCall>(
      call_options(channel, outbound_header(request.number, request.pid),
                   ModemLineConfig::for_outbound(request.rx_dbm0, request.tx_dbm0), "v23 call to " + request.number));
  server->answer(call->far_end(), "phone:" + request.number);
  std::lock_guard lock(mutex_);
  outbound_.push_back(call);
  changed_.notify_all();
  return call;
}

std::function<OriginateScript(const OriginateRequest&)> SoftModem::ami_originate_hook() {
  return [this](const OriginateRequest& request) {
    OriginateScript script;
    script.outcome = has_server(request.number()) ? OriginateOutcome::answered : OriginateOutcome::busy;
    return script;
  };
}

std::function<void(const AnsweredCall&)> SoftModem::ami_answered_hook() {
  return [this](const AnsweredCall& answered) {
    DialOutRequest request;
    request.number = answered.request.number();
    request.pid = answered.request.pid();
    request.rx_dbm0 = level_or(answered.request.variable("RX"), -35);
    request.tx_dbm0 = level_or(answered.request.variable("TX"), -18);
    dial_out(request);
  };
}

std::vector<std::shared_ptr<SoftModemCall>> SoftModem::inbound_calls() const {
  std::lock_guard lock(mutex_);
  return inbound_;
}

std::vector<std::shared_ptr<SoftModemCall>> SoftModem::outbound_calls() const {
  std::lock_guard lock(mutex_);
  return outbound_;
}

bool SoftModem::wait_for_outbound_calls(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return outbound_.size() >= count; });
}

}  // namespace pavi::sim
