# The conformance suite (`pavi conformance`): its judges against the spec's recorded exchanges, the catalogue, the
# report formats and the command line (conformance_tests; the command is compiled in directly rather than through
# pavikit_cli, so that these tests depend only on the conformance suite and the argument parser), and the suite
# against the real gateway (conformance_gateway_tests: `pavi-gateway` as a child process, one ctest test per
# checklist section so that ctest runs them side by side, plus the `pavi` program and ci/conformance.sh).
find_package(pugixml REQUIRED)
file(GLOB conformance_test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/test_conformance_*.cpp)
set(conformance_gateway_test_sources ${CMAKE_CURRENT_SOURCE_DIR}/test_conformance_end_to_end.cpp
                                     ${CMAKE_CURRENT_SOURCE_DIR}/test_conformance_gateway_program.cpp)
list(REMOVE_ITEM conformance_test_sources ${conformance_gateway_test_sources})
pavikit_test_program(conformance_tests
  SOURCES ${conformance_test_sources} ${PROJECT_SOURCE_DIR}/simulators/cli/conformance_command.cpp
          ${PROJECT_SOURCE_DIR}/simulators/cli/args.cpp
  LIBS pavikit_conformance pugixml::pugixml)

if(TARGET pavi-gateway AND TARGET pavi)
  pavikit_test_program(conformance_gateway_tests SOURCES ${conformance_gateway_test_sources}
                       LIBS pavikit_conformance pugixml::pugixml)
  target_compile_definitions(conformance_gateway_tests PRIVATE
    PAVI_GATEWAY_PATH="$<TARGET_FILE:pavi-gateway>" PAVI_PATH="$<TARGET_FILE:pavi>"
    PAVIKIT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_dependencies(conformance_gateway_tests pavi-gateway pavi)
endif()
