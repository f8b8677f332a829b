// The BER-versus-Eb/N0 chart as a self-contained SVG: measured curves beside the non-coherent BFSK limit.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "modem/v23_ber.hpp"

namespace pavi::modem {

struct BerCurve {
  std::string label;   // "V.23 1200 bit/s (spandsp 0.0.6)"
  std::string colour;  // any SVG colour
  std::vector<BerPoint> points;
};

struct BerPlotOptions {
  std::string title = "V.23 receivers: bit error rate against Eb/N0";
  double ebn0_min_db = 0.0;
  double ebn0_max_db = 20.0;
  double ber_floor = 1e-6;  // bottom of the log axis; points with no error are drawn as open markers there
};

std::string ber_plot_svg(std::span<const BerCurve> curves, const BerPlotOptions& options = {});

// Eb/N0 where a curve first reaches `target` (linear interpolation of log10 BER between points); NaN if never.
double ebn0_at_ber(std::span<const BerPoint> points, double target);

}  // namespace pavi::modem
