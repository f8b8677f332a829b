// The files of `rpath` (visuweb-stats-recordings.md §3): names of session recordings and captures, the clean-up
// at start-up, deletion when a session leaves the history, and reading a recording back for a replay.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pavi::gateway {

// uniqueIds and capture sequence numbers are digits only: anything else could name a file outside `rpath`.
bool valid_recording_id(std::string_view unique_id);
// `rpath`rec-<uid>.vdt, or `rpath`rec-<uid>-<seq>.vdt with a sequence (a screen capture).
std::string recording_path(std::string_view rpath, std::string_view unique_id, std::string_view seq = {});
// Exactly rec-<digits>.vdt or rec-<digits>-<digits>.vdt: the anchored form of the original's pattern, so that
// an operator's own files (xrec-1.vdt.bak) survive the clean-up.
bool is_recording_file_name(std::string_view name);
// Deletes every recording and capture of `rpath`; returns how many. Done at start-up only (PaviKit keeps them at
// stop so that the sessions of the last run can still be replayed and copied).
std::size_t remove_all_recordings(std::string_view rpath);
// Deletes a session's recording (not its captures); false when there was none.
bool remove_recording(std::string_view rpath, std::string_view unique_id);

// " Fin de session" on row 0, blue background, cursor off: what ends a replay without `seq` (C-141).
std::string_view replay_trailer();
// What a replay of `unique_id` (and `seq`, when not empty) sends: the file, plus the trailer without `seq`.
// nullopt: bad id or seq, no rpath, or no such file.
std::optional<std::string> replay_content(std::string_view rpath, std::string_view unique_id, std::string_view seq);

}  // namespace pavi::gateway
