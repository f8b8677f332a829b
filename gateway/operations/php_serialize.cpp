// PHP serialize() reading and writing, with the exact grammar PHP produces (lengths in bytes, ';' terminators).
#include "gateway/operations/php_serialize.hpp"

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace pavi::gateway::php {

namespace {

constexpr int kMaxDepth = 16;  // the stats files nest 3 deep; a bound keeps hostile input from exhausting the stack

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  std::optional<Value> value(int depth) {
    if (depth > kMaxDepth || at_end()) return std::nullopt;
    const char tag = text_[pos_++];
    if (tag == 'N') {
      if (!take(';')) return std::nullopt;
      return Value{};
    }
    if (!take(':')) return std::nullopt;
    switch (tag) {
      case 'b': {
        const auto n = integer(';');
        if (!n || (*n != 0 && *n != 1)) return std::nullopt;
        return Value{*n == 1};
      }
      case 'i': {
        const auto n = integer(';');
        if (!n) return std::nullopt;
        return Value{*n};
      }
      case 'd': {
        const auto end = text_.find(';', pos_);
        if (end == std::string_view::npos) return std::nullopt;
        const std::string number(text_.substr(pos_, end - pos_));
        pos_ = end + 1;
        char* stop = nullptr;
        const double d = std::strtod(number.c_str(), &stop);
        if (number.empty() || stop != number.c_str() + number.size()) return std::nullopt;
        return Value{d};
      }
      case 's': {
        auto s = string_body();
        if (!s || !take(';')) return std::nullopt;
        return Value{std::move(*s)};
      }
      case 'a': return array(depth);
      default: return std::nullopt;
    }
  }

  bool at_end() const { return pos_ >= text_.size(); }

 private:
  bool take(char c) {
    if (at_end() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  std::optional<long> integer(char terminator) {
    const auto end = text_.find(terminator, pos_);
    if (end == std::string_view::npos) return std::nullopt;
    std::string_view digits = text_.substr(pos_, end - pos_);
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    long n = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (digits.empty() || ec != std::errc{} || ptr != digits.data() + digits.size()) return std::nullopt;
    pos_ = end + 1;
    return n;
  }

  std::optional<std::string> string_body() {
    const auto length = integer(':');
    if (!length || *length < 0 || !take('"')) return std::nullopt;
    const auto n = static_cast<std::size_t>(*length);
    if (text_.size() - pos_ < n + 1) return std::nullopt;
    std::string s(text_.substr(pos_, n));
    pos_ += n;
    if (!take('"')) return std::nullopt;
    return s;
  }

  std::optional<Value> array(int depth) {
    const auto count = integer(':');
    if (!count || *count < 0 || !take('{')) return std::nullopt;
    Array items;
    for (long i = 0; i < *count; ++i) {
      if (at_end()) return std::nullopt;
      Key key;
      const char tag = text_[pos_++];
      if (!take(':')) return std::nullopt;
      if (tag == 'i') {
        const auto n = integer(';');
        if (!n) return std::nullopt;
        key = *n;
      } else if (tag == 's') {
        auto s = string_body();
        if (!s || !take(';')) return std::nullopt;
        key = array_key(*s);
      } else {
        return std::nullopt;
      }
      auto item = value(depth + 1);
      if (!item) return std::nullopt;
      items.emplace_back(std::move(key), std::move(*item));
    }
    if (!take('}')) return std::nullopt;
    return Value{std::move(items)};
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

void write_string(std::string& out, std::string_view s) {
  out += "s:" + std::to_string(s.size()) + ":\"";
  out += s;
  out += "\";";
}

void write(std::string& out, const Value& value) {
  if (std::holds_alternative<std::monostate>(value.data)) {
    out += "N;";
  } else if (const auto* b = std::get_if<bool>(&value.data)) {
    out += *b ? "b:1;" : "b:0;";
  } else if (const auto* n = std::get_if<long>(&value.data)) {
    out += "i:" + std::to_string(*n) + ";";
  } else if (const auto* d = std::get_if<double>(&value.data)) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", *d);
    out += "d:";
    out += buffer;
    out += ";";
  } else if (const auto* s = std::get_if<std::string>(&value.data)) {
    write_string(out, *s);
  } else {
    const auto& items = std::get<Array>(value.data);
    out += "a:" + std::to_string(items.size()) + ":{";
    for (const auto& [key, item] : items) {
      if (const auto* k = std::get_if<long>(&key)) {
        out += "i:" + std::to_string(*k) + ";";
      } else {
        write_string(out, std::get<std::string>(key));
      }
      write(out, item);
    }
    out += "}";
  }
}

}  // namespace

std::optional<Value> unserialize(std::string_view text) {
  Reader reader(text);
  auto value = reader.value(0);
  if (!value || !reader.at_end()) return std::nullopt;
  return value;
}

std::string serialize(const Value& value) {
  std::string out;
  write(out, value);
  return out;
}

Key array_key(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  const std::string_view digits = negative ? text.substr(1) : text;
  const bool canonical = !digits.empty() && digits.size() <= 18 &&
                         digits.find_first_not_of("0123456789") == std::string_view::npos &&
                         (digits.front() != '0' || (digits.size() == 1 && !negative));
  if (!canonical) return std::string(text);
  long n = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), n);
  return negative ? -n : n;
}

}  // namespace pavi::gateway::php
