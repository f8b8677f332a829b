# The simulated Minitel: pure parts (keyboard, search, transcript, telnet filter, URLs) and the terminal against
# in-memory peers and the fake third-party servers (ws, wss, telnet).
file(GLOB terminal_test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/test_terminal_*.cpp)
pavikit_test_program(terminal_tests SOURCES ${terminal_test_sources} LIBS pavikit_terminal pavikit_fake_servers)
