# The simulated telephone side (simulators/asterisk): the fake AMI (test_fake_ami_*.cpp).
file(GLOB fake_ami_test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/test_fake_ami_*.cpp)
if(fake_ami_test_sources AND TARGET pavikit_fake_asterisk)
  pavikit_test_program(fake_ami_tests SOURCES ${fake_ami_test_sources} LIBS pavikit_fake_asterisk)
endif()

# The fake soft modem (test_soft_modem_*.cpp: its line, its calls over a socket) and the V.23 server behind it
# (test_modem_server_*.cpp).
file(GLOB soft_modem_test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/test_soft_modem_*.cpp
     ${CMAKE_CURRENT_SOURCE_DIR}/test_modem_server_*.cpp)
if(soft_modem_test_sources AND TARGET pavikit_fake_asterisk)
  pavikit_test_program(soft_modem_tests SOURCES ${soft_modem_test_sources} LIBS pavikit_fake_asterisk)
endif()
