// SVG rendering of BER curves (see v23_ber_plot.hpp). Plain text output, no dependencies.
#include "modem/v23_ber_plot.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace pavi::modem {
namespace {

constexpr double kWidth = 760;
constexpr double kHeight = 520;
constexpr double kLeft = 80;
constexpr double kRight = 230;  // room for the legend
constexpr double kTop = 50;
constexpr double kBottom = 60;

std::string format(const char* pattern, double a, double b = 0, double c = 0, double d = 0) {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, pattern, a, b, c, d);
  return buffer;
}

std::string escape(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    if (ch == '<') out += "&lt;";
    else if (ch == '>') out += "&gt;";
    else if (ch == '&') out += "&amp;";
    else out += ch;
  }
  return out;
}

struct Axes {
  BerPlotOptions options;
  double x(double ebn0) const {
    return kLeft + (ebn0 - options.ebn0_min_db) / (options.ebn0_max_db - options.ebn0_min_db) * (kWidth - kLeft - kRight);
  }
  double y(double ber) const {
    const double top = 0.0;  // log10(1)
    const double bottom = std::log10(options.ber_floor);
    const double v = std::log10(std::max(ber, options.ber_floor));
    return kTop + (top - v) / (top - bottom) * (kHeight - kTop - kBottom);
  }
};

}  // namespace

double ebn0_at_ber(std::span<const BerPoint> points, double target) {
  for (std::size_t i = 1; i < points.size(); ++i) {
    const auto& a = points[i - 1];
    const auto& b = points[i];
    if (a.ber >= target && b.ber < target && a.ber > 0) {
      if (b.ber <= 0) return b.ebn0_db;
      const double t = (std::log10(a.ber) - std::log10(target)) / (std::log10(a.ber) - std::log10(b.ber));
      return a.ebn0_db + t * (b.ebn0_db - a.ebn0_db);
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

std::string ber_plot_svg(std::span<const BerCurve> curves, const BerPlotOptions& options) {
  const Axes axes{options};
  std::string svg;
  svg += format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" ",
                kWidth, kHeight, kWidth, kHeight);
  svg += "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  svg += format("<text x=\"%.0f\" y=\"28\" font-size=\"16\" text-anchor=\"middle\">", (kLeft + kWidth - kRight) / 2) +
         escape(options.title) + "</text>\n";

  // Grid: one line per decade and per 2 dB.
  const double plot_bottom = kHeight - kBottom;
  const double plot_right = kWidth - kRight;
  for (int decade = 0; std::pow(10.0, -decade) >= options.ber_floor * 0.999; ++decade) {
    const double y = axes.y(std::pow(10.0, -decade));
    svg += format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", kLeft, y, plot_right, y);
    const std::string label = decade == 0 ? "1" : "1e-" + std::to_string(decade);
    svg += format("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", kLeft - 6, y + 4) + label + "</text>\n";
  }
  for (double db = options.ebn0_min_db; db <= options.ebn0_max_db + 1e-9; db += 2.0) {
    const double x = axes.x(db);
    svg += format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", x, kTop, x, plot_bottom);
    svg += format("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.0f</text>\n", x, plot_bottom + 16, db);
  }
  svg += format("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"black\"/>\n", kLeft, kTop,
                plot_right - kLeft, plot_bottom - kTop);
  svg += format("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">Eb/N0 (dB)</text>\n", (kLeft + plot_right) / 2, kHeight - 18);
  svg += format("<text x=\"20\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 20 %.1f)\">bit error rate</text>\n",
                (kTop + plot_bottom) / 2, (kTop + plot_bottom) / 2);

  // The theoretical limit, as a smooth dashed curve.
  std::string path;
  for (double db = options.ebn0_min_db; db <= options.ebn0_max_db + 1e-9; db += 0.1) {
    const double p = noncoherent_bfsk_limit(db);
    if (p < options.ber_floor) break;
    path += format(path.empty() ? "M%.1f %.1f" : " L%.1f %.1f", axes.x(db), axes.y(p));
  }
  svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"black\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n";

  double legend_y = kTop + 10;
  const double legend_x = plot_right + 15;
  svg += format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\" stroke-dasharray=\"6 4\"/>\n", legend_x,
                legend_y, legend_x + 30, legend_y);
  svg += format("<text x=\"%.1f\" y=\"%.1f\">non-coherent BFSK limit</text>\n", legend_x + 36, legend_y + 4);
  svg += format("<text x=\"%.1f\" y=\"%.1f\">Pb = ½·exp(−Eb/2N0)</text>\n", legend_x + 36, legend_y + 18);
  legend_y += 40;

  for (const auto& curve : curves) {
    std::string line;
    std::string markers;
    for (const auto& point : curve.points) {
      const double x = axes.x(point.ebn0_db);
      if (point.ebn0_db < options.ebn0_min_db || point.ebn0_db > options.ebn0_max_db) continue;
      if (point.ber > 0) {
        line += format(line.empty() ? "M%.1f %.1f" : " L%.1f %.1f", x, axes.y(point.ber));
        markers += format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"", x, axes.y(point.ber)) + curve.colour + "\"/>\n";
      } else {
        markers += format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"white\" stroke=\"", x, axes.y(options.ber_floor)) +
                   curve.colour + "\"/>\n";
      }
    }
    if (!line.empty()) svg += "<path d=\"" + line + "\" fill=\"none\" stroke=\"" + curve.colour + "\" stroke-width=\"2\"/>\n";
    svg += markers;
    svg += format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke-width=\"2\" stroke=\"", legend_x, legend_y,
                  legend_x + 30, legend_y) +
           curve.colour + "\"/>\n";
    svg += format("<text x=\"%.1f\" y=\"%.1f\">", legend_x + 36, legend_y + 4) + escape(curve.label) + "</text>\n";
    legend_y += 22;
  }
  svg += format("<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#555\">open circle: no error measured</text>\n", legend_x,
                legend_y + 6);
  svg += "</svg>\n";
  return svg;
}

}  // namespace pavi::modem
