# The simulated Minitel over a simulated phone line (V.23 + line channel + PCE) in simulated time.
file(GLOB phone_line_test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/test_phone_line_*.cpp)
pavikit_test_program(phone_line_tests SOURCES ${phone_line_test_sources}
  LIBS pavikit_sim_line pavikit_terminal pavikit_fake_servers)
