// How the server reaches services: one asynchronous call, its result delivered on any thread. The gateway
// plugs its HTTP client in here; tests plug in whatever answers they need.
#pragma once

#include <functional>

#include "gateway/session/service_session.hpp"

namespace pavi::gateway {

using ServiceCaller = std::function<void(ServiceCall call, std::function<void(ServiceResult)> done)>;

}  // namespace pavi::gateway
