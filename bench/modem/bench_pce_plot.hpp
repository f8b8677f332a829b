// A small self-contained SVG chart for the PCE benchmarks: a log-scale x axis, a linear y axis, theory curves
// as lines and measurements as markers. Bench-only; no dependency.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace pavi::bench {

struct PlotSeries {
  std::string label;
  std::string colour;
  bool line = true;  // false: markers only
  std::vector<std::pair<double, double>> points;
};

struct PlotAxes {
  std::string title;
  std::string x_label;
  std::string y_label;
  double x_min = 1e-5;  // log scale
  double x_max = 1e-2;
  double y_min = 0.0;
  double y_max = 1.0;
};

inline std::string plot_svg(const std::vector<PlotSeries>& series, const PlotAxes& axes) {
  constexpr double kWidth = 760;
  constexpr double kHeight = 460;
  constexpr double kLeft = 70;
  constexpr double kRight = 220;
  constexpr double kTop = 40;
  constexpr double kBottom = 60;
  const double lx0 = std::log10(axes.x_min);
  const double lx1 = std::log10(axes.x_max);
  const auto sx = [&](double x) { return kLeft + (std::log10(x) - lx0) / (lx1 - lx0) * (kWidth - kLeft - kRight); };
  const auto sy = [&](double y) {
    return kHeight - kBottom - (y - axes.y_min) / (axes.y_max - axes.y_min) * (kHeight - kTop - kBottom);
  };
  std::string svg;
  char buf[512];
  const auto add = [&](const char* format, auto... args) {
    std::snprintf(buf, sizeof buf, format, args...);
    svg += buf;
  };
  add("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" font-family=\"sans-serif\" "
      "font-size=\"12\">\n",
      kWidth, kHeight);
  add("<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
  add("<text x=\"%.0f\" y=\"22\" font-size=\"15\">%s</text>\n", kLeft, axes.title.c_str());
  for (int decade = static_cast<int>(std::ceil(lx0)); decade <= static_cast<int>(std::floor(lx1)); ++decade) {
    const double x = sx(std::pow(10.0, decade));
    add("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", x, sy(axes.y_min), x,
        sy(axes.y_max));
    add("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">1e%d</text>\n", x, sy(axes.y_min) + 18, decade);
  }
  for (int i = 0; i <= 10; ++i) {
    const double y = axes.y_min + (axes.y_max - axes.y_min) * i / 10.0;
    add("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", sx(axes.x_min), sy(y),
        sx(axes.x_max), sy(y));
    add("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>\n", sx(axes.x_min) - 6, sy(y) + 4, y);
  }
  add("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", (sx(axes.x_min) + sx(axes.x_max)) / 2,
      kHeight - 18, axes.x_label.c_str());
  add("<text transform=\"translate(18,%.1f) rotate(-90)\" text-anchor=\"middle\">%s</text>\n",
      (sy(axes.y_min) + sy(axes.y_max)) / 2, axes.y_label.c_str());
  double legend_y = kTop + 10;
  for (const auto& s : series) {
    std::string path;
    for (const auto& [x, y] : s.points) {
      if (x < axes.x_min || x > axes.x_max) continue;
      const double cy = sy(std::clamp(y, axes.y_min, axes.y_max));
      if (s.line) {
        std::snprintf(buf, sizeof buf, "%s%.1f,%.1f", path.empty() ? "M" : " L", sx(x), cy);
        path += buf;
      } else {
        add("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n", sx(x), cy,
            s.colour.c_str());
      }
    }
    if (s.line && !path.empty()) {
      svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + s.colour + "\" stroke-width=\"2\"/>\n";
    }
    const double lx = kWidth - kRight + 15;
    if (s.line) {
      add("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>\n", lx, legend_y,
          lx + 20, legend_y, s.colour.c_str());
    } else {
      add("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n", lx + 10,
          legend_y, s.colour.c_str());
    }
    add("<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", lx + 26, legend_y + 4, s.label.c_str());
    legend_y += 20;
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace pavi::bench
