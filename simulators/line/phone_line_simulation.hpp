// A Minitel's phone line in simulated time, without threads: the V.23 call (a Minitel calling a V.23 gateway,
// each direction through its own line channel), the terminal's PCE receiver (pce::Terminal) and the gateway's
// PCE sender. Bytes from the service go down through the sender and the 1200 bit/s channel; keys go up through
// the 75 bit/s channel. PhoneLine (phone_line.hpp) runs one on a thread behind two Transports.
//
// PCE is switched as pce.md §2.1 says: PRO2 START 44 / STOP 44 written by the service start the sender's
// START/STOP procedure (the sender sends the command itself and waits for the terminal's status), or
// `pce_at_connect` starts it as soon as the call is up.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "modem/pce_commands.hpp"
#include "modem/pce_sender.hpp"
#include "modem/pce_terminal.hpp"
#include "modem/pce_time.hpp"
#include "modem/v23_call.hpp"

namespace pavi::sim {

struct PhoneLineConfig {
  // caller = the Minitel (75 bit/s up), answerer = the gateway (1200 bit/s down); one channel per direction.
  modem::CallConfig call;
  modem::pce::SenderConfig sender = default_sender();
  modem::pce::TerminalConfig terminal = default_terminal();
  bool pce_at_connect = false;
  // Without PCE, a character received with a parity or framing error reaches the decoder as SUB (the error
  // block), as on a Minitel. With PCE on, the receiver gets the damaged line byte to correct or reject it.
  bool show_errors = true;
  // Simulated time the line keeps running after it last had something to carry, so that characters still in
  // the demodulators arrive, a block missing characters is completed by keep-alive NULs and rejected, and a
  // lost NACK is repeated (500 ms with the strict receiver) before PhoneLine declares the line idle.
  double linger_s = 1.5;

  // The sender checks upstream parity itself (line bytes in) and lets the modem add it downstream.
  static modem::pce::SenderConfig default_sender();
  // The strict receiver (ReceiverConfig::strict): PaviKit's sender is on the other end, and a noisy line must
  // never let wrong data through. Use pce::ReceiverConfig{} for a Minitel's own (STUM) behaviour.
  static modem::pce::TerminalConfig default_terminal();
  // Both directions through the same channel description (e.g. "awgn=12dB,burst=50ms/2s"), each with its own
  // seed. Empty error when it parsed.
  static PhoneLineConfig with_channel(std::string_view description, std::string* error = nullptr);
};

struct PhoneLineStatus {
  double seconds = 0.0;  // simulated time since the call started
  modem::EndpointState terminal_modem = modem::EndpointState::analysing_line;
  modem::EndpointState service_modem = modem::EndpointState::waiting;
  bool connected = false;  // both modems in data mode
  bool released = false;   // a modem hung up
  std::string release_reason;
  bool pce_active = false;  // on the terminal's side
  modem::pce::SenderMode sender_mode = modem::pce::SenderMode::character;
  modem::ReceiverStats terminal_modem_rx;  // characters the Minitel's demodulator framed, with their errors
  modem::ReceiverStats service_modem_rx;
  modem::pce::ReceiverStats pce_receiver;
  modem::pce::SenderStats pce_sender;
  std::uint64_t bytes_to_terminal = 0;  // delivered to the terminal's decoder
  std::uint64_t bytes_to_service = 0;
};

class PhoneLineSimulation {
 public:
  explicit PhoneLineSimulation(PhoneLineConfig config);

  // Bytes the service writes to the terminal (PRO2 START/STOP 44 among them switch PCE).
  void send_to_terminal(std::string_view bytes);
  // Bytes the terminal writes to the service (keys, protocol answers).
  void send_to_service(std::string_view bytes);

  // One audio block (CallConfig::block_samples) in both directions.
  void step();
  // Steps until idle(), released() or `limit_s` more simulated seconds; returns idle().
  bool run_until_idle(double limit_s);

  // Something is still to be carried: the call is being set up, PCE is being switched, bytes wait in a modem
  // (character mode) or keys wait to go up. The sender's keep-alive NULs and a hunting receiver's NACKs do not
  // count; in block mode progress is judged by step() from blocks sent and bytes delivered.
  bool busy() const;
  // Neither busy nor making progress for linger_s of simulated time (or released): nothing more will arrive
  // unless an end writes again.
  bool idle() const;
  bool released() const;

  // What reached each end since the last call.
  std::string take_for_terminal();
  std::string take_for_service();

  double seconds() const { return call_.seconds(); }
  modem::SimTime now() const;
  PhoneLineStatus status() const;
  modem::V23Call& call() { return call_; }
  const PhoneLineConfig& config() const { return config_; }

 private:
  void feed_sender(std::string_view bytes);
  void flush_held_commands();
  void fill_transmitters(modem::SimTime t);
  void take_received();

  PhoneLineConfig config_;
  modem::V23Call call_;
  modem::pce::Sender sender_;
  modem::pce::Terminal terminal_;
  modem::pce::SequenceScanner commands_;  // START/STOP 44 in the service's bytes
  std::string clear_;                     // service bytes released by the scanner, not yet given to the sender
  std::string to_terminal_;
  std::string to_service_;
  std::size_t fill_down_;      // characters to keep queued in each transmitter so that it never runs dry
  std::size_t fill_up_;
  bool pce_started_ = false;
  double last_busy_s_ = 0.0;
  std::uint64_t blocks_seen_ = 0;  // progress markers at the previous step
  std::uint64_t delivered_seen_ = 0;
  std::uint64_t received_seen_ = 0;
  std::uint64_t bytes_to_terminal_ = 0;
  std::uint64_t bytes_to_service_ = 0;
};

}  // namespace pavi::sim
