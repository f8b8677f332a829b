// The audio side of one call through the fake Asterisk soft modem, in simulated time and without threads: a V.23
// call between the soft modem (MiniPavi's SoftmodemMinipavi app, v23-modem.md §4.2-4.3 and §6) and the far end,
// each direction through its own line channel.
//
// Inbound (a Minitel dials the gateway): the far end is a Minitel whose modem-side front end is a pce::Terminal
// (it answers the gateway's PRO2 START 44 and runs the block receiver); the soft modem answers, 1200 bit/s down.
// Outbound (the gateway dials a third-party V.23 server, the `f` flip): the soft modem sends 75 bit/s at once,
// the far end is the server's answering modem.
//
// Unlike sim::PhoneLineSimulation, the soft-modem end here is transparent, as the real app is: no PCE sender
// (the gateway runs PCE itself over TCP, pce.md §2.3), bytes from the gateway are taken one character time at a
// time once the far carrier and a mark bit were heard, characters received with a parity or framing error are
// dropped (§3), and every byte goes up as a 7-bit value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "modem/line_config.hpp"
#include "modem/pce_terminal.hpp"
#include "modem/pce_time.hpp"
#include "modem/v23_call.hpp"

namespace pavi::sim {

enum class CallDirection {
  inbound,   // a Minitel calls the gateway (CALLFROM)
  outbound,  // the gateway calls a V.23 server (CALLTO)
};

struct ModemLineConfig {
  CallDirection direction = CallDirection::inbound;
  // The soft modem's own levels and the far end's: filled by for_inbound() / for_outbound().
  modem::EndpointConfig soft_modem = modem::EndpointConfig::minipavi_answer();
  modem::EndpointConfig far_end = modem::EndpointConfig::minitel();
  line::ChannelConfig to_far_end;    // what the soft modem sends crosses this channel
  line::ChannelConfig to_soft_modem;
  int block_samples = 160;  // 20 ms: one RTP packet
  // Inbound only: the Minitel's PCE front end (the strict receiver by default, as sim::PhoneLine's).
  modem::pce::TerminalConfig terminal;
  // Inbound only: a character the Minitel receives with an error outside PCE reaches its decoder as SUB (the
  // error block), as on a real Minitel.
  bool show_errors = true;

  // MiniPavi answering a Minitel 1B: r(-38)t(-28), VOLUME(RX)=3, VOLUME(TX)=2, 3 s of answer tone.
  static ModemLineConfig for_inbound();
  // MiniPavi calling a server with ft(TX)r(RX), VOLUME(RX)=7, VOLUME(TX)=2 ([extcall], ami.md §3.8); the
  // server answers with 2100 Hz then its 1200 bit/s carrier.
  static ModemLineConfig for_outbound(int rx_dbm0 = -35, int tx_dbm0 = -18);
  // The same channel description on both directions, each with its own seed ("ebn0=18dB,burst=50ms/5s").
  // False and `error` set when it does not parse.
  bool set_channel(std::string_view description, std::string* error = nullptr);
  // Only the direction towards the soft modem (the Minitel's keys on a dial-in, the server's pages on a dial-out);
  // its seed is the description's own.
  bool set_channel_to_soft_modem(std::string_view description, std::string* error = nullptr);
};

struct ModemLineStatus {
  double seconds = 0.0;
  modem::EndpointState soft_modem = modem::EndpointState::waiting;
  modem::EndpointState far_end = modem::EndpointState::waiting;
  bool connected = false;  // both modems in data mode
  bool released = false;
  std::string release_reason;
  bool header_due = false;  // the soft modem has reached the point where MiniPavi writes the TCP header
  bool pce_active = false;  // inbound: on the Minitel's side
  modem::ReceiverStats soft_modem_rx;  // what the soft modem's demodulator framed, with errors
  modem::ReceiverStats far_end_rx;
  modem::pce::ReceiverStats pce_receiver;  // inbound: the Minitel's block receiver
  std::uint64_t dropped_characters = 0;    // received by the soft modem with an error, not sent to the gateway
  std::uint64_t bytes_to_gateway = 0;
  std::uint64_t bytes_to_far_end = 0;
};

class ModemLine {
 public:
  explicit ModemLine(ModemLineConfig config);

  // Bytes read from the gateway's socket: played on the line once the link is up, at the line's pace.
  void from_gateway(std::string_view bytes);
  // Bytes the far end writes (the Minitel's keys, the server's pages).
  void from_far_end(std::string_view bytes);

  // One audio block in both directions.
  void step();

  // The call is being set up (neither modem is in data mode yet).
  bool setting_up() const;
  // Nothing left to play towards the far end: the gateway's bytes are all on the line.
  bool drained_to_far_end() const;
  // Nothing left to play towards the soft modem (the Minitel's keys, NACKs and acknowledgements, or the
  // server's bytes).
  bool drained_to_soft_modem() const;
  bool released() const;
  // The soft modem has played its answer tone and gap (inbound) or started (outbound): MiniPavi writes the TCP
  // header at this point (v23-modem.md §4.2 step 6, §4.3 step 3).
  bool header_due() const;

  std::string take_for_gateway();
  std::string take_for_far_end();

  double seconds() const { return call_.seconds(); }
  modem::SimTime now() const;
  ModemLineStatus status() const;
  const ModemLineConfig& config() const { return config_; }

 private:
  modem::V23Endpoint& soft_modem();
  modem::V23Endpoint& far_end();
  const modem::V23Endpoint& soft_modem() const;
  const modem::V23Endpoint& far_end() const;
  void fill_transmitters(modem::SimTime t);
  void take_received();

  ModemLineConfig config_;
  modem::V23Call call_;
  modem::pce::Terminal terminal_;  // inbound only
  std::string from_gateway_;       // the socket: read, not yet played
  std::string from_far_end_;       // outbound: the server's bytes, not yet played
  std::string to_gateway_;
  std::string to_far_end_;
  std::size_t fill_soft_modem_;  // characters kept queued in each transmitter so that it never runs dry
  std::size_t fill_far_end_;
  std::uint64_t dropped_ = 0;
  std::uint64_t bytes_to_gateway_ = 0;
  std::uint64_t bytes_to_far_end_ = 0;
};

}  // namespace pavi::sim
