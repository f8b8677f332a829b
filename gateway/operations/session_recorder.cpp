// Appends a session's output to its recording file with plain write(2) calls.
#include "gateway/operations/session_recorder.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "gateway/operations/recordings_folder.hpp"

namespace pavi::gateway {

SessionRecorder::SessionRecorder(std::string_view rpath, std::string_view unique_id) {
  if (rpath.empty() || !valid_recording_id(unique_id)) return;
  std::error_code ignored;
  std::filesystem::create_directories(std::filesystem::path(std::string(rpath)), ignored);
  path_ = recording_path(rpath, unique_id);
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
}

SessionRecorder::~SessionRecorder() { close(); }

void SessionRecorder::append(std::string_view bytes) {
  std::size_t done = 0;
  while (fd_ >= 0 && done < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      close();
      return;
    }
    done += static_cast<std::size_t>(n);
  }
}

void SessionRecorder::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

}  // namespace pavi::gateway
