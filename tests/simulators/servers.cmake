# The fake third-party Minitel servers: script logic, telnet and WebSocket servers seen from raw clients.
file(GLOB fake_server_test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/test_fake_server_*.cpp)
pavikit_test_program(fake_server_tests SOURCES ${fake_server_test_sources} LIBS pavikit_fake_servers)
