# V.23 modem (spandsp 0.0.6), WAV files (libsndfile) and the simulated telephone line (its own small library).
# Included from modem/CMakeLists.txt. Neither library depends on videotex.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SPANDSP REQUIRED IMPORTED_TARGET GLOBAL spandsp)
pkg_check_modules(SNDFILE REQUIRED IMPORTED_TARGET GLOBAL sndfile)

# The line channel: attenuation, noise, frequency offset, G.711, impulses, bursts, dropouts, echo.
add_library(pavikit_line STATIC
  ${CMAKE_CURRENT_LIST_DIR}/line_config.cpp
  ${CMAKE_CURRENT_LIST_DIR}/line_channel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/line_noise.cpp
  ${CMAKE_CURRENT_LIST_DIR}/line_linear.cpp
  ${CMAKE_CURRENT_LIST_DIR}/line_g711.cpp
  ${CMAKE_CURRENT_LIST_DIR}/line_shift.cpp
)
target_include_directories(pavikit_line PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(pavikit_line PUBLIC pavikit_options PRIVATE PkgConfig::SPANDSP)

# The V.23 modem: transmitter, receiver, connection sequences, calls across a simulated line, WAV in/out, BER.
add_library(pavikit_modem STATIC
  ${CMAKE_CURRENT_LIST_DIR}/v23_transmitter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/v23_receiver.cpp
  ${CMAKE_CURRENT_LIST_DIR}/v23_answer_sequence.cpp
  ${CMAKE_CURRENT_LIST_DIR}/v23_endpoint.cpp
  ${CMAKE_CURRENT_LIST_DIR}/v23_call.cpp
  ${CMAKE_CURRENT_LIST_DIR}/v23_codec.cpp
  ${CMAKE_CURRENT_LIST_DIR}/v23_ber.cpp
  ${CMAKE_CURRENT_LIST_DIR}/v23_ber_plot.cpp
  ${CMAKE_CURRENT_LIST_DIR}/wav_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/wav_resample.cpp
)
target_include_directories(pavikit_modem PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(pavikit_modem PUBLIC pavikit_line pavikit_options PRIVATE PkgConfig::SPANDSP PkgConfig::SNDFILE)
