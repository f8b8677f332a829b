// Screen dumps for people and tests: the text layer, attribute layer and state line of vdt-format.md §5,
// a JSON dump with every cell's properties, and an ANSI-coloured view for terminals.
#pragma once

#include <string>

#include "videotex/screen.hpp"

namespace pavi::videotex {

struct TextDumpOptions {
  bool display_exact = false;  // 5E as ↑ and 60 as — (what the Minitel draws) instead of ASCII
  bool ascii_only = false;     // '#' for any non-empty mosaic, '?' for non-ASCII glyphs
  bool hide_masked = false;    // masked cells as spaces while global masking is on (the "visual" variant)
  bool row_numbers = true;     // "NN|...|" framing; false gives the bare 40 characters per row
};

// 25 lines "NN|<40 characters>|\n".
std::string text_dump(const Screen& screen, const TextDumpOptions& options = {});
// One row's 40 characters (UTF-8, no framing).
std::string row_text(const Screen& screen, int row, const TextDumpOptions& options = {});
// 25 lines "Arr|" + 40 tokens "fbFks" (foreground, background, flags, kind, size).
std::string attribute_dump(const Screen& screen);
// "CUR row=.. col=.. vis=.. set=.. mode=.. mask=.."
std::string state_line(const Screen& screen);
// Everything at once: text, attributes, state (the golden-file format).
std::string full_dump(const Screen& screen);
// {"cursor":{...},"rows":[[{"char":"A","set":"G0","fg":7,...},...],...]}
std::string json_dump(const Screen& screen, bool pretty = false);
// The screen with ANSI 24-bit colour escapes, framed, for a terminal.
std::string ansi_dump(const Screen& screen, bool colour = true);

}  // namespace pavi::videotex
