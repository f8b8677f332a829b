// Private to gateway/server: what every connection of one gateway shares. Owned by GatewayServer.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "gateway/config/gateway_config.hpp"
#include "gateway/operations/activity.hpp"
#include "gateway/operations/gateway_log.hpp"
#include "gateway/operations/recordings_folder.hpp"
#include "gateway/server/admission.hpp"
#include "gateway/server/background_calls.hpp"
#include "gateway/server/detail/phone_calls.hpp"
#include "gateway/server/gateway_server.hpp"
#include "gateway/server/service_caller.hpp"
#include "gateway/server/session_registry.hpp"
#include "gateway/session/connection_banner.hpp"
#include "gateway/visuweb/gateway_metrics.hpp"
#include "gateway/welcome/directory.hpp"
#include "gateway/welcome/welcome_service.hpp"

namespace pavi::gateway::detail {

struct ServerShared {
  ServerShared(GatewayConfig config_in, ServiceCaller caller_in, Directory directory_in, WelcomeOptions welcome_in)
      : config(std::move(config_in)),
        caller(std::move(caller_in)),
        admission(admission_rules(config)),
        background(caller, [this](const service::PushServiceMsg& push) { deliver(push); }),
        directory(std::move(directory_in)),
        welcome(std::move(welcome_in)) {
    activity.on_forget([this](const ConnectionEntry& entry) { forget_recording(entry); });
  }

  // A session left the history (visuweb-stats-recordings.md §3.2): its recording goes, except while the gateway
  // stops, when every recording of the last sessions is kept complete (docs/COMPATIBILITY.md).
  void forget_recording(const ConnectionEntry& entry) const {
    if (stopping || entry.direction == Direction::replay || entry.unique_id.empty()) return;
    remove_recording(config.rpath, entry.unique_id);
  }

  static AdmissionRules admission_rules(const GatewayConfig& config) {
    AdmissionRules rules;
    rules.maxc = config.maxc;
    rules.maxcip = config.maxcip;
    if (config.asterisk) rules.asterisk_ip = config.asterisk->ip;  // exempt only with an <asterisk> section (§1)
    rules.blacklist_file = config.ipblacklist;
    return rules;
  }

  // PushServiceMsg: each message to the session holding its uniqueId, if it is still there (C-060, C-062).
  void deliver(const service::PushServiceMsg& push) {
    for (std::size_t i = 0; i < push.uniqueids.size(); ++i) {
      if (auto session = registry.find(push.uniqueids[i])) {
        session->push_message(i < push.messages.size() ? push.messages[i] : std::string());
      }
    }
  }

  const GatewayConfig config;
  const ServiceCaller caller;
  SessionRegistry registry;
  PinAllocator pins;
  Admission admission;
  BackgroundCalls background;
  const Directory directory;
  const WelcomeOptions welcome;
  ConnectionLimits limits;  // set before the listeners start, read-only afterwards
  std::atomic<std::uint32_t> next_seed{1};
  std::atomic<bool> stopping{false};
  Activity activity{config.maxhisto, std::time(nullptr)};  // the VisuWeb table and history
  GatewayLog log{config.lpath};                            // lpath/YYYYMM.log and its structured twin
  PhoneRendezvous phone_calls;  // connectToExt sessions waiting for their modem leg, by PID
  GatewayMetrics metrics;                                  // /metrics on httpport (VisuWeb listener)
};

}  // namespace pavi::gateway::detail
