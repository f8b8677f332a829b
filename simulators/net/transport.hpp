// Transport: the byte channel a simulated terminal or a fake server talks through (TCP, telnet, ws, wss, in-memory,
// later a V.23 line). Implementations own their threads; this interface has no Asio in it so that users stay light.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace pavi::sim {

class IoRunner;

// Why a transport ended.
struct CloseInfo {
  bool by_peer = false;  // the other side closed (EOF, reset, close frame) rather than us
  bool error = false;    // an I/O or protocol error ended it (the reason says which)
  std::string reason;    // one line for people: "closed by peer", "read error: Connection reset by peer"...
};

struct TransportHandlers {
  std::function<void(std::string_view bytes)> on_data;
  std::function<void(const CloseInfo& info)> on_closed;  // called exactly once after start()
};

// Contract for every implementation:
//  - handlers run on the transport's own thread, one at a time, and never from inside send()/close()/start(),
//    so a handler may take the caller's locks and call send();
//  - send() and close() are thread-safe and never block on the network;
//  - once the destructor returns, no handler runs any more (do not destroy a transport from its own handler).
class Transport {
 public:
  virtual ~Transport() = default;
  // Starts delivering data; bytes that arrived before start() are kept and delivered first. Call once.
  virtual void start(TransportHandlers handlers) = 0;
  // Queues bytes for the peer, in order; ignored once closed.
  virtual void send(std::string bytes) = 0;
  // Starts an orderly close (idempotent); on_closed follows with by_peer == false unless the peer was first.
  virtual void close() = 0;
  // "ws://127.0.0.1:8182/?url=..." or "memory"; for messages and transcripts.
  virtual std::string description() const = 0;
};

// What a client needs to open a transport by URL.
struct ConnectOptions {
  std::chrono::milliseconds timeout{10000};  // resolve + connect + TLS + WebSocket handshakes together
  // wss: certificate and host name checks are on unless `insecure`.
  bool insecure = false;
  bool system_trust = true;  // trust the system's CA store
  std::string ca_pem;        // extra trusted CA certificates (PEM text)
  std::string ca_file;       // extra trusted CA certificates (PEM file)
  // ws/wss: frames for what the terminal sends (the MiniPavi web emulator sends text frames).
  bool ws_binary_frames = false;
  std::string ws_origin;  // Origin header, when not empty
  std::string user_agent = "PaviKit-Minitel";
  // telnet://: answer the server's option requests with refusals (DONT/WONT) so that it does not wait for them.
  bool telnet_refuse_options = true;
};

struct OpenResult {
  std::unique_ptr<Transport> transport;  // null on failure
  std::string error;                     // one line, e.g. "wss://h:1/: TLS handshake failed: certificate verify failed"
  explicit operator bool() const { return transport != nullptr; }
};

// Opens ws://, wss://, telnet:// or tcp:// (raw bytes, no telnet processing); blocks at most options.timeout.
// Network work runs on `runner`, which must outlive the transport.
OpenResult open_transport(IoRunner& runner, std::string_view url, const ConnectOptions& options = {});

}  // namespace pavi::sim
