# The fake AbuseIPDB endpoint, seen from the gateway's libcurl AbuseIPDB client: reply shape, key check, faults.
if(TARGET pavikit_fake_abuseipdb AND TARGET pavikit_service_client)
  file(GLOB fake_abuseipdb_test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/test_fake_abuseipdb_*.cpp)
  pavikit_test_program(fake_abuseipdb_tests SOURCES ${fake_abuseipdb_test_sources}
                       LIBS pavikit_fake_abuseipdb pavikit_service_client)
endif()
