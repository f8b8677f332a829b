// Recording files (visuweb-stats-recordings.md §3): the per-session recorder, names, the start-up clean-up with
// PaviKit's anchored pattern, and what a replay sends (C-140, C-141, C-142).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "gateway/operations/recordings_folder.hpp"
#include "gateway/operations/session_recorder.hpp"
#include "tests/gateway/operations_test_folder.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

using test::TestFolder;
namespace fs = std::filesystem;

void touch(const fs::path& path, std::string_view text = "x") {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

TEST(OperationsRecordings, RecorderWritesEveryByteInOrder) {  // C-140
  TestFolder folder;
  const std::string rpath = folder.slash() + "rec/";  // created on demand
  {
    SessionRecorder recorder(rpath, "17953548184589");
    ASSERT_TRUE(recorder.recording());
    recorder.append(std::string("\x1b\x39\x7b\x0c", 4));
    recorder.append("");
    recorder.append(std::string("A\0B", 3));
    // Written through: complete while the session is still live.
    EXPECT_EQ(pavi::test::read_file(rpath + "rec-17953548184589.vdt"), std::string("\x1b\x39\x7b\x0c" "A\0B", 7));
  }
  EXPECT_EQ(recording_path(rpath, "17953548184589"), rpath + "rec-17953548184589.vdt");
}

TEST(OperationsRecordings, RecorderIsOffWithoutRpathOrWithABadId) {
  TestFolder folder;
  SessionRecorder none("", "123");
  EXPECT_FALSE(none.recording());
  none.append("ignored");
  SessionRecorder bad(folder.slash(), "../123");
  EXPECT_FALSE(bad.recording());
  EXPECT_TRUE(fs::is_empty(folder.path()));
}

TEST(OperationsRecordings, ANewRecordingReplacesAnOldFileOfTheSameName) {
  TestFolder folder;
  touch(folder.path() / "rec-1.vdt", "old content");
  SessionRecorder recorder(folder.slash(), "1");
  recorder.append("new");
  recorder.close();
  recorder.append("after close is dropped");
  EXPECT_EQ(pavi::test::read_file(folder.path() / "rec-1.vdt"), "new");
}

TEST(OperationsRecordings, NamesAreMatchedAnchored) {
  EXPECT_TRUE(is_recording_file_name("rec-17953548184589.vdt"));
  EXPECT_TRUE(is_recording_file_name("rec-17953548184589-1795354900.vdt"));
  EXPECT_FALSE(is_recording_file_name("xrec-1.vdt.bak"));  // the original deletes this one (§3.2)
  EXPECT_FALSE(is_recording_file_name("rec-1.vdt.bak"));
  EXPECT_FALSE(is_recording_file_name("rec-.vdt"));
  EXPECT_FALSE(is_recording_file_name("rec-abc.vdt"));
  EXPECT_FALSE(is_recording_file_name("rec-1-.vdt"));
  EXPECT_FALSE(is_recording_file_name("notes.txt"));
}

TEST(OperationsRecordings, StartUpCleanUpRemovesRecordingsAndCapturesOnly) {  // C-142 (start)
  TestFolder folder;
  touch(folder.path() / "rec-1.vdt");
  touch(folder.path() / "rec-1-1700000000.vdt");
  touch(folder.path() / "rec-22.vdt");
  touch(folder.path() / "xrec-1.vdt.bak");
  touch(folder.path() / "README");
  fs::create_directory(folder.path() / "rec-3.vdt");  // a folder is not a recording
  EXPECT_EQ(remove_all_recordings(folder.slash()), 3u);
  EXPECT_FALSE(fs::exists(folder.path() / "rec-1.vdt"));
  EXPECT_FALSE(fs::exists(folder.path() / "rec-1-1700000000.vdt"));
  EXPECT_TRUE(fs::exists(folder.path() / "xrec-1.vdt.bak"));
  EXPECT_TRUE(fs::exists(folder.path() / "README"));
  EXPECT_TRUE(fs::exists(folder.path() / "rec-3.vdt"));
  EXPECT_EQ(remove_all_recordings(""), 0u);
  EXPECT_EQ(remove_all_recordings(folder.slash() + "missing/"), 0u);
}

TEST(OperationsRecordings, RemovingOneRecordingKeepsItsCaptures) {
  TestFolder folder;
  touch(folder.path() / "rec-5.vdt");
  touch(folder.path() / "rec-5-1700000000.vdt");
  EXPECT_TRUE(remove_recording(folder.slash(), "5"));
  EXPECT_FALSE(remove_recording(folder.slash(), "5"));
  EXPECT_FALSE(remove_recording(folder.slash(), "../5"));
  EXPECT_TRUE(fs::exists(folder.path() / "rec-5-1700000000.vdt"));
}

TEST(OperationsRecordings, ReplayIsTheFilePlusTheTrailerWithoutSeq) {  // C-141
  TestFolder folder;
  touch(folder.path() / "rec-42.vdt", "\x0c" "page");
  touch(folder.path() / "rec-42-7.vdt", "capture");
  EXPECT_EQ(replay_trailer(), pavi::test::bytes(R"(14 1F 40 41 1B 54 " Fin de session" 18)"));
  EXPECT_EQ(replay_content(folder.slash(), "42", ""), std::optional<std::string>(std::string("\x0c" "page") +
                                                                                 std::string(replay_trailer())));
  EXPECT_EQ(replay_content(folder.slash(), "42", "7"), std::optional<std::string>("capture"));
  EXPECT_EQ(replay_content(folder.slash(), "43", ""), std::nullopt);
  EXPECT_EQ(replay_content("", "42", ""), std::nullopt);
  // PaviKit restricts uid and seq to digits (the original opens any path it is given).
  EXPECT_EQ(replay_content(folder.slash(), "../42", ""), std::nullopt);
  EXPECT_EQ(replay_content(folder.slash(), "42", "7/../x"), std::nullopt);
}

TEST(OperationsRecordings, AnEmptyRecordingReplaysAsTheTrailerAlone) {
  TestFolder folder;
  touch(folder.path() / "rec-9.vdt", "");
  EXPECT_EQ(replay_content(folder.slash(), "9", ""), std::optional<std::string>(replay_trailer()));
}

}  // namespace
}  // namespace pavi::gateway
