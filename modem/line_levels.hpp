// Signal levels on a digital telephone line: dBm0 <-> 16-bit sample amplitudes, on spandsp's scale.
// Every level in PaviKit's modem and line code is in dBm0, so the numbers can be compared with the spec
// (v23-modem.md §5) and with spandsp's own settings.
#pragma once

#include <cmath>

namespace pavi::line {

inline constexpr int kSampleRate = 8000;

// A full-scale sine (peak 32767) is +3.14 dBm0: the G.711 A-law convention spandsp uses
// (DBM0_MAX_SINE_POWER), so fsk_tx_power(-28) and a -28 dBm0 noise floor mean the same thing here.
inline constexpr double kFullScaleSineDbm0 = 3.14;
inline constexpr double kFullScalePeak = 32767.0;

inline double db_to_amplitude(double db) { return std::pow(10.0, db / 20.0); }
inline double amplitude_to_db(double ratio) { return 20.0 * std::log10(ratio); }

// Peak amplitude of a sine at this level.
inline double dbm0_to_peak(double dbm0) { return kFullScalePeak * db_to_amplitude(dbm0 - kFullScaleSineDbm0); }
// RMS amplitude of any signal (sine or noise) at this level.
inline double dbm0_to_rms(double dbm0) { return dbm0_to_peak(dbm0) / std::sqrt(2.0); }
inline double rms_to_dbm0(double rms) { return amplitude_to_db(rms * std::sqrt(2.0) / kFullScalePeak) + kFullScaleSineDbm0; }

// White noise at 8 kHz spreads its power over 0..4 kHz, so for a bit rate R:
// Eb/N0 = S/N * (fs/2) / R, i.e. SNR(dB) = Eb/N0(dB) - 10 log10(4000 / R).
inline double snr_for_ebn0(double ebn0_db, double bit_rate) {
  return ebn0_db - 10.0 * std::log10((kSampleRate / 2.0) / bit_rate);
}

}  // namespace pavi::line
