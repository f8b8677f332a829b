# Tests of the V.23 modem, the line channel and WAV files. Long runs are their own program, labelled slow.
file(GLOB modem_test_sources CONFIGURE_DEPENDS
  ${CMAKE_CURRENT_LIST_DIR}/test_v23_*.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_line_*.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_wav*.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_minimodem_interop.cpp)
list(REMOVE_ITEM modem_test_sources ${CMAKE_CURRENT_LIST_DIR}/test_v23_slow.cpp)
pavikit_test_program(modem_tests SOURCES ${modem_test_sources} LIBS pavikit_modem pavikit_line PkgConfig::SNDFILE)
pavikit_test_program(modem_slow_tests SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_v23_slow.cpp
  LIBS pavikit_modem pavikit_line LABELS slow)

# The interop test runs minimodem itself and skips when it is not installed.
find_program(PAVIKIT_MINIMODEM_PROGRAM minimodem)
if(NOT PAVIKIT_MINIMODEM_PROGRAM)
  set(PAVIKIT_MINIMODEM_PROGRAM "")
endif()
target_compile_definitions(modem_tests PRIVATE PAVIKIT_MINIMODEM="${PAVIKIT_MINIMODEM_PROGRAM}")
