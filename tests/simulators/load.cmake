# Visit scripts, the runner, load statistics and the driver (in memory and against the fake service), then
# `pavi session` / `pavi stress` end to end against the fake Minitel servers and the fake service.
find_package(nlohmann_json 3 REQUIRED)
file(GLOB load_test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/test_load_*.cpp)
file(GLOB load_cli_test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/test_load_*_cli.cpp)
list(REMOVE_ITEM load_test_sources ${load_cli_test_sources})
pavikit_test_program(load_tests SOURCES ${load_test_sources}
                     LIBS pavikit_load pavikit_fake_service nlohmann_json::nlohmann_json)
pavikit_test_program(load_cli_tests SOURCES ${load_cli_test_sources}
                     LIBS pavikit_cli pavikit_fake_servers pavikit_fake_service nlohmann_json::nlohmann_json)
