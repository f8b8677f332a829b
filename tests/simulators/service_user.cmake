# The headless service user (simulators/load/service_user) against the in-process fake service.
if(TARGET pavikit_load AND TARGET pavikit_fake_service)
  pavikit_test_program(service_user_tests SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/test_service_user.cpp
                       LIBS pavikit_load pavikit_fake_service)
endif()
