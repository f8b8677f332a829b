// In-memory transports: two connected ends of a byte pipe, for tests without sockets (and the model for any
// line that is not a socket, such as a V.23 modem link). Each end delivers to its handlers on its own thread.
#pragma once

#include <memory>
#include <string>

#include "simulators/net/transport.hpp"

namespace pavi::sim {

struct MemoryLink {
  std::unique_ptr<Transport> a;  // e.g. the terminal's end
  std::unique_ptr<Transport> b;  // e.g. the server's end
};

// Bytes sent on one end arrive at the other, chunk by chunk, in order. Closing an end (or destroying it) is seen by
// the other end as "closed by peer" once it has received everything sent before.
MemoryLink make_memory_link(const std::string& description = "memory");

}  // namespace pavi::sim
