# The fake MiniPavi service: script logic, the request log, and the HTTP server seen from a real libcurl client
# (keep-alive, redirects, every fault mode).
find_package(CURL REQUIRED)
file(GLOB fake_service_test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/test_fake_service_*.cpp)
pavikit_test_program(fake_service_tests SOURCES ${fake_service_test_sources} LIBS pavikit_fake_service CURL::libcurl)
