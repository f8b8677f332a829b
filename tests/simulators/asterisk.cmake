# The simulated telephone side (simulators/asterisk): the fake AMI (test_fake_ami_*.cpp).
file(GLOB fake_ami_test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/test_fake_ami_*.cpp)
if(fake_ami_test_sources AND TARGET pavikit_fake_asterisk)
  pavikit_test_program(fake_ami_tests SOURCES ${fake_ami_test_sources} LIBS pavikit_fake_asterisk)
endif()
