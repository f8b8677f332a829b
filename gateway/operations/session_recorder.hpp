// The recording of one session: every byte sent to the user's terminal, in order, in `rpath`/rec-<uniqueId>.vdt
// (visuweb-stats-recordings.md §3.1). Written through at once (no user-space buffer), so the file is complete
// whenever the gateway stops or crashes. A write error stops the recording silently, as in the original.
#pragma once

#include <string>
#include <string_view>

namespace pavi::gateway {

class SessionRecorder {
 public:
  // Creates (truncates) the file; an empty `rpath` or an unusable folder leaves the recorder off.
  SessionRecorder(std::string_view rpath, std::string_view unique_id);
  ~SessionRecorder();
  SessionRecorder(const SessionRecorder&) = delete;
  SessionRecorder& operator=(const SessionRecorder&) = delete;

  void append(std::string_view bytes);
  void close();
  bool recording() const { return fd_ >= 0; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace pavi::gateway
