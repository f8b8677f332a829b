# The conformance suite (`pavi conformance`): its judges against the spec's recorded exchanges, the catalogue, the
# report formats, the command line, and the checks end to end against a stand-in gateway built from
# gateway/session and libcurl (conformance_stand_in.hpp). The command is compiled in directly rather than through
# pavikit_cli, so that these tests depend only on the conformance suite and the argument parser.
find_package(CURL REQUIRED)
find_package(pugixml REQUIRED)
file(GLOB conformance_test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/test_conformance_*.cpp)
pavikit_test_program(conformance_tests
  SOURCES ${conformance_test_sources} ${PROJECT_SOURCE_DIR}/simulators/cli/conformance_command.cpp
          ${PROJECT_SOURCE_DIR}/simulators/cli/args.cpp
  LIBS pavikit_conformance pavikit_gateway_session CURL::libcurl pugixml::pugixml)
