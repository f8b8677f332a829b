// print_r (see php_print_r.hpp): nested containers are indented by 8 more spaces, entries by 4 inside their
// parentheses, and every nested container is followed by an empty line.
#include "gateway/service_protocol/php_print_r.hpp"

#include "gateway/service_protocol/php_values.hpp"

namespace pavi::service {
namespace {

void print(std::string& out, const Json& value, int indent);

void print_entries(std::string& out, const Json& container, int indent) {
  out.append(static_cast<std::size_t>(indent), ' ');
  out += "(\n";
  const int inner = indent + 4;
  if (container.is_object()) {
    for (const auto& [key, member] : container.items()) {
      out.append(static_cast<std::size_t>(inner), ' ');
      out += "[" + key + "] => ";
      print(out, member, inner + 4);
      out += "\n";
    }
  } else {
    std::size_t index = 0;
    for (const auto& element : container) {
      out.append(static_cast<std::size_t>(inner), ' ');
      out += "[" + std::to_string(index++) + "] => ";
      print(out, element, inner + 4);
      out += "\n";
    }
  }
  out.append(static_cast<std::size_t>(indent), ' ');
  out += ")\n";
}

void print(std::string& out, const Json& value, int indent) {
  if (value.is_object()) {
    out += "stdClass Object\n";
    print_entries(out, value, indent);
  } else if (value.is_array()) {
    out += "Array\n";
    print_entries(out, value, indent);
  } else {
    out += php_string(value).value_or("");
  }
}

}  // namespace

std::string php_print_r(const Json& value) {
  std::string out;
  print(out, value, 0);
  return out;
}

}  // namespace pavi::service
