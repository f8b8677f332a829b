# PCE and byte fault injector tests. The long random-fault soak is its own program, labelled slow.
file(GLOB pce_test_sources CONFIGURE_DEPENDS
  ${CMAKE_CURRENT_LIST_DIR}/test_pce_*.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_fault_*.cpp)
list(REMOVE_ITEM pce_test_sources ${CMAKE_CURRENT_LIST_DIR}/test_pce_soak.cpp)
pavikit_test_program(pce_tests SOURCES ${pce_test_sources} LIBS pavikit_pce)
pavikit_test_program(pce_soak_tests SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_pce_soak.cpp LIBS pavikit_pce LABELS slow)
