// Python view of the videotex layer: Screen (text, cells, to_png), Cell, decode(), a Decoder, the keys, and the
// page encoder (Page and the one-call helpers). Screens are copied into Python: a Screen is a plain value.
#include <pybind11/stl.h>

#include <string>
#include <string_view>

#include "bindings.hpp"
#include "simulators/terminal/screen_search.hpp"
#include "videotex/decoder.hpp"
#include "videotex/dump.hpp"
#include "videotex/encoder.hpp"
#include "videotex/keys.hpp"
#include "videotex/render.hpp"
#include "videotex/screen.hpp"
#include "videotex/utf8.hpp"

namespace pavi::python {
namespace {

namespace vt = pavi::videotex;
namespace enc = pavi::videotex::encode;

std::string glyph_utf8(char32_t glyph) { return vt::utf8::encode(glyph); }

const char* kind_name(vt::CellKind kind) {
  switch (kind) {
    case vt::CellKind::erased: return "erased";
    case vt::CellKind::alpha: return "alpha";
    case vt::CellKind::mosaic: return "mosaic";
    case vt::CellKind::delimiter: return "delimiter";
    case vt::CellKind::del: return "del";
    case vt::CellKind::error: return "error";
  }
  return "?";
}

const char* set_name(vt::CharSet set) {
  switch (set) {
    case vt::CharSet::G0: return "G0";
    case vt::CharSet::G1: return "G1";
    case vt::CharSet::G2: return "G2";
  }
  return "?";
}

const char* size_name(vt::CharSize size) {
  switch (size) {
    case vt::CharSize::normal: return "normal";
    case vt::CharSize::double_height: return "double_height";
    case vt::CharSize::double_width: return "double_width";
    case vt::CharSize::double_size: return "double_size";
  }
  return "?";
}

void check_row(int row) {
  if (row < 0 || row >= vt::kRows) throw py::index_error("row " + std::to_string(row) + " is outside 0..24");
}
void check_col(int col) {
  if (col < 1 || col > vt::kColumns) throw py::index_error("column " + std::to_string(col) + " is outside 1..40");
}

vt::TextDumpOptions bare_text() {
  vt::TextDumpOptions options;
  options.row_numbers = false;
  return options;
}

py::bytes png_of(const vt::Screen& screen, int scale, bool colour, bool reveal_masked) {
  if (scale < 1 || scale > 16) throw py::value_error("scale must be 1..16, got " + std::to_string(scale));
  vt::RenderOptions options;
  options.scale = scale;
  options.colour = colour;
  options.reveal_masked = reveal_masked;
  std::vector<std::uint8_t> png;
  {
    py::gil_scoped_release release;
    png = vt::encode_png(vt::render(screen, options));
  }
  return py::bytes(reinterpret_cast<const char*>(png.data()), png.size());
}

vt::Screen decode_bytes(const py::bytes& data) {
  const std::string bytes = data;
  py::gil_scoped_release release;
  vt::Decoder decoder;
  decoder.feed(bytes);
  return decoder.screen();
}

void bind_cell(py::module_& m) {
  py::class_<vt::Cell>(m, "Cell", "One character cell of the screen, as stored (before zone attributes apply).")
      .def_property_readonly("char", [](const vt::Cell& c) { return glyph_utf8(c.glyph); },
                             "The character an alphanumeric shows (UTF-8 text; ' ' for mosaics and erased cells).")
      .def_readonly("code", &vt::Cell::code, "The 7-bit code received (the G1 code for a mosaic).")
      .def_property_readonly("kind", [](const vt::Cell& c) { return kind_name(c.kind); },
                             "'erased', 'alpha', 'mosaic', 'delimiter', 'del' or 'error'.")
      .def_property_readonly("charset", [](const vt::Cell& c) { return set_name(c.set); }, "'G0', 'G1' or 'G2'.")
      .def_property_readonly("fg", [](const vt::Cell& c) { return static_cast<int>(c.fg); }, "Foreground colour 0..7.")
      .def_property_readonly("bg", [](const vt::Cell& c) { return static_cast<int>(c.bg); }, "Background colour 0..7.")
      .def_readonly("blink", &vt::Cell::blink)
      .def_readonly("inverse", &vt::Cell::inverse)
      .def_readonly("underline", &vt::Cell::underline, "Underline (alphanumerics) or separated (mosaics).")
      .def_readonly("mask", &vt::Cell::mask)
      .def_property_readonly("size", [](const vt::Cell& c) { return size_name(c.size); },
                             "'normal', 'double_height', 'double_width' or 'double_size'.")
      .def_property_readonly("sextants",
                             [](const vt::Cell& c) { return c.kind == vt::CellKind::mosaic ? vt::mosaic_sextants(c.code) : 0; },
                             "A mosaic's 6-bit sextant value (TL=1 ... BR=32), 0 for other cells.")
      .def("__eq__", [](const vt::Cell& a, const vt::Cell& b) { return a == b; })
      .def("__repr__", [](const vt::Cell& c) {
        return std::string("Cell(char=") + py::repr(py::str(glyph_utf8(c.glyph))).cast<std::string>() +
               ", kind='" + kind_name(c.kind) + "', fg=" + std::to_string(static_cast<int>(c.fg)) +
               ", bg=" + std::to_string(static_cast<int>(c.bg)) + ")";
      });
}

void bind_screen(py::module_& m) {
  py::class_<vt::Screen>(m, "Screen",
                         "A Minitel page: 25 rows (row 0 is the status row) of 40 cells, the cursor and modes.")
      .def(py::init<>(), "An erased, power-on screen.")
      .def_property_readonly("text", [](const vt::Screen& s) { return sim::screen_lines(s, bare_text()); },
                             "The 25 rows as text, joined by '\\n' (row 0 first).")
      .def("row", [](const vt::Screen& s, int row) { check_row(row); return vt::row_text(s, row, bare_text()); },
           py::arg("row"), "One row's 40 characters (row 0..24).")
      .def("cell", [](const vt::Screen& s, int row, int col) { check_row(row); check_col(col); return s.at(row, col); },
           py::arg("row"), py::arg("col"), "The cell at row 0..24, column 1..40.")
      .def_property_readonly("cells", [](const vt::Screen& s) {
        py::list rows;
        for (int r = 0; r < vt::kRows; ++r) {
          py::list row;
          for (int c = 1; c <= vt::kColumns; ++c) row.append(py::cast(s.at(r, c)));
          rows.append(row);
        }
        return rows;
      }, "Every cell: a list of 25 rows of 40 Cells (cells[row][col - 1]).")
      .def_property_readonly("cursor", [](const vt::Screen& s) { return py::make_tuple(s.cursor.row, s.cursor.col); },
                             "(row, col) of the cursor.")
      .def_readonly("cursor_visible", &vt::Screen::cursor_visible)
      .def("find", [](const vt::Screen& s, std::string_view text) -> py::object {
        const auto at = sim::find_text(s, text, bare_text());
        if (!at) return py::none();
        return py::make_tuple(at->row, at->col);
      }, py::arg("text"), "(row, col) where `text` first appears, or None.")
      .def("__contains__", [](const vt::Screen& s, std::string_view text) {
        return sim::find_text(s, text, bare_text()).has_value();
      })
      .def("to_png", &png_of, py::arg("scale") = 1, py::arg("colour") = false, py::arg("reveal_masked") = false,
           "The screen as PNG bytes (320 x 250 pixels times `scale`; grey levels unless `colour`).")
      .def("save_png", [](const vt::Screen& s, const std::string& path, int scale, bool colour) {
        const py::bytes png = png_of(s, scale, colour, false);
        py::module_::import("pathlib").attr("Path")(path).attr("write_bytes")(png);
      }, py::arg("path"), py::arg("scale") = 1, py::arg("colour") = false, "Writes to_png() to a file.")
      .def("json", [](const vt::Screen& s, bool pretty) { return vt::json_dump(s, pretty); }, py::arg("pretty") = false,
           "Every cell's properties as JSON text.")
      .def("dump", [](const vt::Screen& s) { return vt::full_dump(s); },
           "Text, attribute and state layers (the golden-file format).")
      .def("__eq__", [](const vt::Screen& a, const vt::Screen& b) { return a == b; })
      .def("__str__", [](const vt::Screen& s) { return vt::text_dump(s); })
      .def("__repr__", [](const vt::Screen& s) {
        return "<pavikit.Screen row1=" + py::repr(py::str(vt::row_text(s, 1, bare_text()))).cast<std::string>() + ">";
      });

  m.def("decode", &decode_bytes, py::arg("data"),
        "Decodes Videotex bytes on a power-on Minitel and returns the resulting Screen (never raises on bad bytes).");

  py::class_<vt::Decoder>(m, "Decoder", "A Minitel decoder fed piece by piece; keeps its state between feeds.")
      .def(py::init<>())
      .def("feed", [](vt::Decoder& d, const py::bytes& data) {
        const std::string bytes = data;
        py::gil_scoped_release release;
        d.feed(bytes);
      }, py::arg("data"), "Decodes more bytes.")
      .def_property_readonly("screen", [](const vt::Decoder& d) { return d.screen(); }, "A copy of the screen.")
      .def("take_replies", [](vt::Decoder& d) { return py::bytes(d.take_replies()); },
           "What the terminal would send back to the line (protocol answers) since the last call.")
      .def("reset", &vt::Decoder::reset, "Back to the power-on state.");
}

void bind_keys(py::module_& m) {
  py::enum_<vt::FunctionKey>(m, "Key", "The Minitel function keys (SEP x).")
      .value("ENVOI", vt::FunctionKey::envoi)
      .value("RETOUR", vt::FunctionKey::retour)
      .value("REPETITION", vt::FunctionKey::repetition)
      .value("GUIDE", vt::FunctionKey::guide)
      .value("ANNULATION", vt::FunctionKey::annulation)
      .value("SOMMAIRE", vt::FunctionKey::sommaire)
      .value("CORRECTION", vt::FunctionKey::correction)
      .value("SUITE", vt::FunctionKey::suite)
      .value("CONNEXION_FIN", vt::FunctionKey::connexion_fin);
  m.def("key_bytes", [](vt::FunctionKey key) { return py::bytes(vt::key_bytes(key)); }, py::arg("key"),
        "The two bytes a function key sends (SEP x).");
  m.def("key_from_name", [](std::string_view name) {
    const auto key = vt::key_from_name(name);
    if (!key) throw py::value_error("unknown Minitel key name '" + std::string(name) + "' (ENVOI, RETOUR, SUITE...)");
    return *key;
  }, py::arg("name"), "The key named as MiniPavi writes it in fctn ('ENVOI', 'CONNEXION-FIN', 'Répétition').");

  py::enum_<vt::CursorKey>(m, "CursorKey", "Cursor and editing keys (extended keyboard only).")
      .value("UP", vt::CursorKey::up)
      .value("DOWN", vt::CursorKey::down)
      .value("RIGHT", vt::CursorKey::right)
      .value("LEFT", vt::CursorKey::left)
      .value("ENTER", vt::CursorKey::enter)
      .value("HOME", vt::CursorKey::home)
      .value("CLEAR_PAGE", vt::CursorKey::clear_page)
      .value("DELETE_CHAR", vt::CursorKey::delete_char)
      .value("DELETE_ROW", vt::CursorKey::delete_row)
      .value("INSERT_ROW", vt::CursorKey::insert_row);

  py::enum_<vt::Colour>(m, "Colour", "The eight Minitel colours (grey levels on a monochrome Minitel).")
      .value("BLACK", vt::Colour::black)
      .value("RED", vt::Colour::red)
      .value("GREEN", vt::Colour::green)
      .value("YELLOW", vt::Colour::yellow)
      .value("BLUE", vt::Colour::blue)
      .value("MAGENTA", vt::Colour::magenta)
      .value("CYAN", vt::Colour::cyan)
      .value("WHITE", vt::Colour::white);

  py::enum_<vt::CharSize>(m, "Size", "Character sizes.")
      .value("NORMAL", vt::CharSize::normal)
      .value("DOUBLE_HEIGHT", vt::CharSize::double_height)
      .value("DOUBLE_WIDTH", vt::CharSize::double_width)
      .value("DOUBLE_SIZE", vt::CharSize::double_size);
}

void check_position(int row, int col) {
  check_row(row);
  check_col(col);
}

void bind_encoder(py::module_& m) {
  using Page = enc::Page;
  py::class_<Page>(m, "Page", "A Videotex page built by chained calls: Page().clear().at(1, 1).text('Bonjour').bytes")
      .def(py::init<>())
      .def("clear", &Page::clear, "FF: page erased, cursor home.", py::return_value_policy::reference_internal)
      .def("clear_status_row", &Page::clear_status_row, py::return_value_policy::reference_internal)
      .def("at", [](Page& p, int row, int col) -> Page& { check_position(row, col); return p.at(row, col); },
           py::arg("row"), py::arg("col"), "Moves the cursor (row 0..24, column 1..40).",
           py::return_value_policy::reference_internal)
      .def("text", [](Page& p, std::string_view text) -> Page& { return p.text(text); }, py::arg("text"),
           "UTF-8 text; accents as G2, runs compressed with REP.", py::return_value_policy::reference_internal)
      .def("fg", &Page::fg, py::arg("colour"), py::return_value_policy::reference_internal)
      .def("bg", &Page::bg, py::arg("colour"), "Serial background: takes effect at the next space.",
           py::return_value_policy::reference_internal)
      .def("size", &Page::size, py::arg("size"), py::return_value_policy::reference_internal)
      .def("blink", &Page::blink, py::arg("on") = true, py::return_value_policy::reference_internal)
      .def("inverse", &Page::inverse, py::arg("on") = true, py::return_value_policy::reference_internal)
      .def("underline", &Page::underline, py::arg("on") = true, py::return_value_policy::reference_internal)
      .def("mask", &Page::mask, py::arg("on") = true, py::return_value_policy::reference_internal)
      .def("mosaics", &Page::mosaics, "SO: switch to G1 mosaics.", py::return_value_policy::reference_internal)
      .def("alpha", &Page::alpha, "SI: back to G0 text.", py::return_value_policy::reference_internal)
      .def("mosaic", [](Page& p, int sextants) -> Page& {
        if (sextants < 0 || sextants > 63) throw py::value_error("sextants must be 0..63");
        return p.mosaic(static_cast<std::uint8_t>(sextants));
      }, py::arg("sextants"), py::return_value_policy::reference_internal)
      .def("cursor", &Page::cursor, py::arg("visible"), py::return_value_policy::reference_internal)
      .def("clear_eol", &Page::clear_eol, "CAN: erase to the end of the row.",
           py::return_value_policy::reference_internal)
      .def("raw", [](Page& p, const py::bytes& data) -> Page& { return p.raw(std::string(data)); }, py::arg("data"),
           "Bytes appended as they are.", py::return_value_policy::reference_internal)
      .def_property_readonly("bytes", [](const Page& p) { return py::bytes(p.bytes()); }, "The page so far.")
      .def("__bytes__", [](const Page& p) { return py::bytes(p.bytes()); })
      .def("__len__", [](const Page& p) { return p.bytes().size(); });

  m.def("encode_text", [](std::string_view text) { return py::bytes(enc::text(text)); }, py::arg("text"),
        "UTF-8 text as Videotex bytes (G2 accents, REP runs).");
  m.def("encode_position", [](int row, int col) { check_position(row, col); return py::bytes(enc::position(row, col)); },
        py::arg("row"), py::arg("col"), "US row col: move the cursor.");
  m.def("compress", [](const py::bytes& data) { return py::bytes(enc::compress(std::string(data))); }, py::arg("data"),
        "Replaces runs of identical characters by REP where that saves bytes.");
}

}  // namespace

void bind_videotex(py::module_& m) {
  bind_cell(m);
  bind_screen(m);
  bind_keys(m);
  bind_encoder(m);
}

}  // namespace pavi::python
