# PCE (error correction, both sides), the byte-level fault injectors and the in-memory byte link.
# Pure C++: no spandsp, no sockets, and no dependency on the videotex library.
add_library(pavikit_pce STATIC
  ${CMAKE_CURRENT_LIST_DIR}/pce_crc.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pce_block.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pce_commands.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pce_sender.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pce_receiver.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pce_terminal.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pce_loopback.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fault_config.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fault_injector.cpp
  ${CMAKE_CURRENT_LIST_DIR}/byte_link.cpp
)
target_include_directories(pavikit_pce PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(pavikit_pce PUBLIC pavikit_options)
