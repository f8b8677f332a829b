// WebMedia (service-protocol.md §6): media requests that services embed in the videotex stream as
// `14 23 44` TYPE:VALUE `14 23 46`, kept per session until the user's WebMedia page (or a web emulator) polls for
// them on the VisuWeb port with the session's PIN. Pure: the session host feeds it what goes to the terminal.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gateway/session/session_clock.hpp"

namespace pavi::gateway {

struct MediaRequest {
  std::string type;   // "YT", "DM", "VID", "SND", "IMG" or "URL"
  std::string infos;  // the video id or the URL
  bool operator==(const MediaRequest&) const = default;
};

// The body between the markers as the original reads it: the types are looked for in the order URL, YT, DM, VID,
// SND, IMG and the first `TYPE:` found anywhere wins; the value is what follows it. VID, SND, IMG and URL values
// must be valid URLs (C-135). nullopt: nothing to queue.
std::optional<MediaRequest> parse_media_body(std::string_view body);

// Finds sequences across writes: a sequence split over two writes still counts. Unlike the original, a sequence
// found once never fires again (its rolling buffer could match the same one twice).
class MediaSequenceScanner {
 public:
  // The last valid request completed by these bytes, if any.
  std::optional<MediaRequest> feed(std::string_view bytes);

 private:
  std::string held_;  // an unfinished sequence (or the bytes that may start one)
};

// How long a poll keeps `webmedia:1` in the session's requests (C-025).
inline constexpr seconds kWebMediaActiveFor{5};

// What a poll found for a live session.
struct WebMediaPoll {
  std::optional<MediaRequest> media;  // the pending request, now taken; none: nothing pending
};

// One session's WebMedia state: the pending request (one at most: a newer one replaces it) and the last poll.
class WebMediaState {
 public:
  // Bytes written to the terminal; true when they brought a new request.
  bool on_output(std::string_view bytes);
  // A poll: the pending request is taken, and the session counts as followed for kWebMediaActiveFor.
  WebMediaPoll poll(SessionTime now);
  // 1 when polled within kWebMediaActiveFor, else 0: PAVI.webmedia.
  int active(SessionTime now) const;
  const std::optional<MediaRequest>& pending() const { return pending_; }

 private:
  MediaSequenceScanner scanner_;
  std::optional<MediaRequest> pending_;
  std::optional<SessionTime> last_poll_;
};

}  // namespace pavi::gateway
