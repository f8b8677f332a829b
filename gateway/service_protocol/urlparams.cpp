// PHP parse_str() (php_default_treat_data + php_register_variable_ex of PHP 8.2), reproduced on a small model of
// PHP arrays: ordered entries with integer or string keys and PHP's "next free index". The name scan mutates a
// NUL-terminated copy exactly as the C code does, because its corner cases ("a[b", "a[b][c", "a[ ]") depend on it.
#include "gateway/service_protocol/urlparams.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "gateway/service_protocol/php_url.hpp"

namespace pavi::service {
namespace {

constexpr std::size_t kMaxInputVars = 1000;        // php.ini max_input_vars
constexpr int kMaxInputNestingLevel = 64;          // php.ini max_input_nesting_level

struct Key {
  bool is_int = false;
  std::int64_t number = 0;
  std::string text;
  bool operator==(const Key& other) const {
    return is_int == other.is_int && (is_int ? number == other.number : text == other.text);
  }
};

struct Value;
struct Entry;

struct Value {
  bool is_array = false;
  std::string text;
  std::vector<Entry> entries;
  bool has_next_free = false;  // PHP 8: next index starts at 0, then follows the largest integer key, negative too
  std::int64_t next_free = 0;

  static Value array() {
    Value v;
    v.is_array = true;
    return v;
  }
  static Value string(std::string s) {
    Value v;
    v.text = std::move(s);
    return v;
  }

  Value* find(const Key& key);
  Value* update(const Key& key, Value value);
  Value* append(Value value);
  void erase(const Key& key);
};

struct Entry {
  Key key;
  Value value;
};

Value* Value::find(const Key& key) {
  for (auto& entry : entries) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

Value* Value::update(const Key& key, Value value) {
  if (Value* existing = find(key)) {
    *existing = std::move(value);
    return existing;
  }
  if (key.is_int && (!has_next_free || key.number >= next_free)) {
    next_free = key.number < std::numeric_limits<std::int64_t>::max() ? key.number + 1 : key.number;
    has_next_free = true;
  }
  entries.push_back(Entry{key, std::move(value)});
  return &entries.back().value;
}

Value* Value::append(Value value) {
  const std::int64_t index = has_next_free ? next_free : 0;
  if (has_next_free && next_free == std::numeric_limits<std::int64_t>::max() && find(Key{true, index, {}})) {
    return nullptr;  // PHP refuses to append past the largest index
  }
  Key key;
  key.is_int = true;
  key.number = index;
  return update(key, std::move(value));
}

void Value::erase(const Key& key) {
  for (auto it = entries.begin(); it != entries.end(); ++it) {
    if (it->key == key) {
      entries.erase(it);
      return;
    }
  }
}

// ZEND_HANDLE_NUMERIC_STR: a canonical decimal integer that fits a PHP int becomes an integer key.
Key make_key(std::string_view text) {
  Key key;
  key.text = std::string(text);
  std::size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) i = 1;
  if (i >= text.size()) return key;
  if (text[i] == '0' && text.size() > 1) return key;  // leading zero, or "-0"
  std::uint64_t value = 0;
  for (std::size_t j = i; j < text.size(); ++j) {
    if (text[j] < '0' || text[j] > '9') return key;
    if (j - i >= 19) return key;  // longer than any PHP int
    value = value * 10 + static_cast<std::uint64_t>(text[j] - '0');
  }
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (negative ? value > kMax + 1 : value > kMax) return key;
  key.is_int = true;
  key.number = negative ? static_cast<std::int64_t>(0 - value) : static_cast<std::int64_t>(value);
  return key;
}

bool is_c_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

std::size_t c_strlen(const std::string& buffer, std::size_t from) {
  std::size_t i = from;
  while (buffer[i] != '\0') ++i;
  return i - from;
}

std::size_t c_strchr(const std::string& buffer, std::size_t from, char c) {
  for (std::size_t i = from; buffer[i] != '\0'; ++i) {
    if (buffer[i] == c) return i;
  }
  return std::string::npos;
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// php_register_variable_ex(name, value, root).
void register_variable(Value& root, std::string_view raw_name, std::string value_text) {
  std::string_view name = raw_name.substr(0, raw_name.find('\0'));  // not binary safe: the name stops at a NUL
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  std::string buffer(name);
  buffer += '\0';

  bool is_array = false;
  std::size_t ip = 0;
  std::size_t p = 0;
  for (; buffer[p] != '\0'; ++p) {
    if (buffer[p] == ' ' || buffer[p] == '.') {
      buffer[p] = '_';
    } else if (buffer[p] == '[') {
      is_array = true;
      ip = p;
      buffer[p] = '\0';
      break;
    }
  }
  const std::size_t var_len = p;
  const std::string_view mangled(buffer.data(), var_len);
  // Mangling must not forge the cookie prefixes (PHP security fix, kept for fidelity).
  if (starts_with(mangled, "__Host-") && !starts_with(name, "__Host-")) return;
  if (starts_with(mangled, "__Secure-") && !starts_with(name, "__Secure-")) return;
  if (var_len == 0) return;

  Value* table = &root;
  bool index_is_null = false;
  std::size_t index = 0;
  std::size_t index_len = var_len;
  Value value = Value::string(std::move(value_text));

  const auto key_at = [&](std::size_t at, std::size_t length) { return make_key(std::string_view(buffer).substr(at, length)); };

  if (is_array) {
    int nest_level = 0;
    while (true) {
      if (++nest_level > kMaxInputNestingLevel) {
        root.erase(make_key(std::string_view(buffer.data(), var_len)));
        return;
      }
      ++ip;
      const std::size_t index_s = ip;
      bool new_index_null = false;
      std::size_t new_index_len = 0;
      if (is_c_space(buffer[ip])) ++ip;
      if (buffer[ip] == ']') {
        new_index_null = true;
      } else {
        const std::size_t close = c_strchr(buffer, ip, ']');
        if (close == std::string::npos) {
          // Not an index after all: the '[' and what follows become part of the name.
          buffer[index_s - 1] = '_';
          for (std::size_t q = index_s; buffer[q] != '\0'; ++q) {
            if (buffer[q] == ' ' || buffer[q] == '.' || buffer[q] == '[') buffer[q] = '_';
          }
          index_len = index_is_null ? 0 : c_strlen(buffer, index);
          break;  // plain variable
        }
        buffer[close] = '\0';
        ip = close;
        new_index_len = c_strlen(buffer, index_s);
      }

      Value* element = nullptr;
      if (index_is_null) {
        element = table->append(Value::array());
        if (element == nullptr) return;
      } else {
        const Key key = key_at(index, index_len);
        element = table->find(key);
        if (element == nullptr) {
          element = table->update(key, Value::array());
        } else if (!element->is_array) {
          *element = Value::array();
        }
      }
      table = element;
      index_is_null = new_index_null;
      index = index_s;
      index_len = new_index_len;

      ++ip;
      if (buffer[ip] == '[') {
        buffer[ip] = '\0';
      } else {
        break;  // anything after the closing ']' that is not another '[' is ignored
      }
    }
  }

  if (index_is_null) {
    table->append(std::move(value));
  } else {
    table->update(key_at(index, index_len), std::move(value));
  }
}

bool is_list(const Value& array) {
  std::int64_t expected = 0;
  for (const auto& entry : array.entries) {
    if (!entry.key.is_int || entry.key.number != expected) return false;
    ++expected;
  }
  return true;
}

Json to_json(const Value& value) {
  if (!value.is_array) return value.text;
  if (is_list(value)) {
    Json list = Json::array();
    for (const auto& entry : value.entries) list.push_back(to_json(entry.value));
    return list;
  }
  Json object = Json::object();
  for (const auto& entry : value.entries) {
    object[entry.key.is_int ? std::to_string(entry.key.number) : entry.key.text] = to_json(entry.value);
  }
  return object;
}

}  // namespace

std::optional<Json> urlparams_from_query(std::string_view query) {
  Value root = Value::array();
  std::size_t count = 0;
  std::size_t pos = 0;
  // strtok(): empty pieces between separators are skipped.
  while (pos <= query.size()) {
    std::size_t end = query.find('&', pos);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view var = query.substr(pos, end - pos);
    pos = end + 1;
    if (var.empty()) continue;
    if (++count > kMaxInputVars) break;
    const std::size_t equals = var.find('=');
    std::string value;
    if (equals != std::string_view::npos) value = php_url_decode(var.substr(equals + 1));
    register_variable(root, php_url_decode(var.substr(0, equals)), std::move(value));
  }
  if (root.entries.empty()) return std::nullopt;
  return to_json(root);
}

std::optional<Json> urlparams_from_url(std::string_view url) {
  const auto parsed = php_parse_url(url);
  if (!parsed || !parsed->query) return std::nullopt;
  return urlparams_from_query(*parsed->query);
}

}  // namespace pavi::service
