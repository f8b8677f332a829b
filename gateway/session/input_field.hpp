// An armed input command (InputTxt, InputMsg, InputForm) as the gateway runs it: the drawing bytes, typed
// characters with echo and masks, local editing (Correction, Annulation, line and field changes), and which
// function keys validate it (gateway-behaviour.md §5, service-protocol.md §4.1, §5.1-§5.3). No I/O: every call
// returns the bytes to send to the terminal.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "gateway/service_protocol/commands.hpp"
#include "videotex/keys.hpp"

namespace pavi::gateway {

class InputField {
 public:
  enum class Kind : std::uint8_t { txt, msg, form };

  explicit InputField(const service::InputTxt& command);
  explicit InputField(const service::InputMsg& command);
  explicit InputField(const service::InputForm& command);

  Kind kind() const { return kind_; }
  // The bytes that draw the field(s), prefills and cursor when the command arrives.
  std::string draw() const;
  // A typed byte. Only 20-7E, 19 (SS2) and 08 are taken (C-059); a full field drops it (C-042).
  std::string type(std::uint8_t byte, bool echo);

  enum class Outcome : std::uint8_t {
    local,     // handled here (editing, line change); nothing goes to the service (C-045, C-051)
    validate,  // the input is done: send the key's fctn with the buffer as content
    refused,   // not in validwith: ignored, and the rest of the chunk is dropped (C-101)
  };
  struct KeyResult {
    Outcome outcome = Outcome::local;
    std::string output;
  };
  KeyResult press(videotex::FunctionKey key);

  // The typed bytes of each line or field, as MiniPavi stores them (G2 sequences included); the request
  // turns them into Unicode.
  std::vector<std::string> content() const;

 private:
  struct Element {
    int row = 1;
    int col = 1;
    int capacity = 1;   // characters
    std::string mask;   // echoed instead of each byte when not empty
    std::string typed;  // bytes as typed (or prefilled, in G2)
  };

  Element& current() { return elements_[index_]; }
  std::string move_to(std::size_t index);
  std::string redraw_of(const Element& element) const;

  Kind kind_;
  std::vector<Element> elements_;
  std::size_t index_ = 0;
  std::string spacechar_ = " ";
  bool cursor_on_ = true;
  int validwith_ = 0;
  std::size_t prefilled_lines_ = 0;  // InputMsg: lines of the prefill array (drawn even when empty)
};

// Number of characters in typed bytes: an accented letter (3 bytes) is one, an unfinished accent is none.
int typed_length(std::string_view typed);

}  // namespace pavi::gateway
