// parse_url, FILTER_VALIDATE_URL, urlencode/urldecode with PHP 8's rules (see php_url.hpp). The parser follows
// the order of PHP's own scan (scheme, "host:port" shortcut, authority, then path/query/fragment) because its
// odd corners ("a.com:80", "x:1/y", ports of up to five characters) decide what FILTER_VALIDATE_URL accepts.
#include "gateway/service_protocol/php_url.hpp"

#include <cctype>
#include <cstdlib>

namespace pavi::service {
namespace {

constexpr std::size_t npos = std::string_view::npos;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool is_xdigit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::string part(std::string_view str, std::size_t from, std::size_t to) {
  std::string out(str.substr(from, to - from));
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) c = '_';
  }
  return out;
}

std::size_t find_in(std::string_view str, char c, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    if (str[i] == c) return i;
  }
  return npos;
}

std::size_t rfind_in(std::string_view str, char c, std::size_t from, std::size_t to) {
  for (std::size_t i = to; i > from; --i) {
    if (str[i - 1] == c) return i - 1;
  }
  return npos;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

// strtol() over a copied buffer, as PHP does for ports: leading digits count, trailing bytes are ignored.
std::optional<long> read_port(std::string_view digits) {
  const std::string buffer(digits);
  char* end = nullptr;
  const long value = std::strtol(buffer.c_str(), &end, 10);
  if (end == buffer.c_str() || value < 0 || value > 65535) return std::nullopt;
  return value;
}

class UrlParser {
 public:
  explicit UrlParser(std::string_view str) : str_(str), ue_(str.size()) {}

  std::optional<PhpUrl> run() {
    const std::size_t colon = find_in(str_, ':', 0, ue_);
    if (colon != npos && colon != 0) {
      for (std::size_t p = 0; p < colon; ++p) {
        const char c = str_[p];
        if (is_alnum(c) || c == '+' || c == '.' || c == '-') continue;
        const std::size_t question = find_in(str_, '?', 0, ue_);
        if (colon + 1 < ue_ && question != npos && colon < question) return port_then_host(colon);
        if (starts_with_double_slash(s_)) {
          s_ += 2;
          return host_then_path();
        }
        return path_only();
      }
      if (colon + 1 == ue_) {
        url_.scheme = part(str_, s_, colon);
        return url_;
      }
      if (str_[colon + 1] != '/') {
        // "a.com:80" and "a.com:80/x" are a host and a port, not a scheme.
        std::size_t p = colon + 1;
        while (p < ue_ && is_digit(str_[p])) ++p;
        if ((p == ue_ || str_[p] == '/') && p - colon < 7) return port_then_host(colon);
        url_.scheme = part(str_, s_, colon);
        s_ = colon + 1;
        return path_only();
      }
      url_.scheme = part(str_, s_, colon);
      if (colon + 2 < ue_ && str_[colon + 2] == '/') {
        s_ = colon + 3;
        if (iequals(*url_.scheme, "file") && colon + 3 < ue_ && str_[colon + 3] == '/') {
          if (colon + 5 < ue_ && str_[colon + 5] == ':') s_ = colon + 4;  // file:///c:/dir
          return path_only();
        }
        return host_then_path();
      }
      s_ = colon + 1;
      return path_only();
    }
    if (colon != npos) return port_then_host(colon);  // starts with ':'
    if (starts_with_double_slash(s_)) {
      s_ += 2;
      return host_then_path();
    }
    return path_only();
  }

 private:
  bool starts_with_double_slash(std::size_t at) const { return at + 1 < ue_ && str_[at] == '/' && str_[at + 1] == '/'; }

  std::optional<PhpUrl> port_then_host(std::size_t colon) {
    const std::size_t p = colon + 1;
    std::size_t pp = p;
    while (pp < ue_ && pp - p < 6 && is_digit(str_[pp])) ++pp;
    if (pp - p > 0 && pp - p < 6 && (pp == ue_ || str_[pp] == '/')) {
      const auto port = read_port(str_.substr(p, pp - p));
      if (!port) return std::nullopt;
      url_.port = static_cast<int>(*port);
      if (starts_with_double_slash(s_)) s_ += 2;
    } else if (p == pp && pp == ue_) {
      return std::nullopt;
    } else if (starts_with_double_slash(s_)) {
      s_ += 2;
    } else {
      return path_only();
    }
    return host_then_path();
  }

  std::optional<PhpUrl> host_then_path() {
    std::size_t e = s_;
    while (e < ue_ && str_[e] != '/' && str_[e] != '?' && str_[e] != '#') ++e;
    const std::size_t at = rfind_in(str_, '@', s_, e);
    if (at != npos) {
      const std::size_t colon = find_in(str_, ':', s_, at);
      if (colon != npos) {
        url_.user = part(str_, s_, colon);
        url_.pass = part(str_, colon + 1, at);
      } else {
        url_.user = part(str_, s_, at);
      }
      s_ = at + 1;
    }
    std::size_t p = npos;
    const bool ipv6 = s_ < ue_ && str_[s_] == '[' && e > 0 && str_[e - 1] == ']';
    if (!ipv6) p = rfind_in(str_, ':', s_, e);
    if (p != npos) {
      if (!url_.port) {
        const std::size_t digits = p + 1;
        if (e - digits > 5) return std::nullopt;
        if (e - digits > 0) {
          const auto port = read_port(str_.substr(digits, e - digits));
          if (!port) return std::nullopt;
          url_.port = static_cast<int>(*port);
        }
      }
    } else {
      p = e;
    }
    if (p <= s_) return std::nullopt;  // no host: PHP refuses the whole URL
    url_.host = part(str_, s_, p);
    if (e == ue_) return url_;
    s_ = e;
    return path_only();
  }

  std::optional<PhpUrl> path_only() {
    std::size_t e = ue_;
    const std::size_t hash = find_in(str_, '#', s_, e);
    if (hash != npos) {
      url_.fragment = part(str_, hash + 1, e);
      e = hash;
    }
    const std::size_t question = find_in(str_, '?', s_, e);
    if (question != npos) {
      url_.query = part(str_, question + 1, e);
      e = question;
    }
    if (s_ < e || s_ == ue_) url_.path = part(str_, s_, e);
    return url_;
  }

  std::string_view str_;
  std::size_t ue_;
  std::size_t s_ = 0;
  PhpUrl url_;
};

// _php_filter_validate_domain with FILTER_FLAG_HOSTNAME.
bool valid_host_name(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);  // a trailing dot is allowed
  if (host.empty() || host.size() > 253) return false;
  if (host.front() == '.' || !is_alnum(host.front())) return false;
  std::size_t label = 1;
  for (std::size_t i = 0; i < host.size(); ++i) {
    const char c = host[i];
    if (c == '.') {
      const char next = i + 1 < host.size() ? host[i + 1] : '\0';
      if (next == '.' || !is_alnum(host[i - 1]) || !is_alnum(next)) return false;
      label = 1;
    } else {
      if (label > 63 || (c != '-' && !is_alnum(c))) return false;
      ++label;
    }
  }
  return true;
}

bool valid_ipv4(std::string_view text) {
  int parts = 0;
  std::size_t i = 0;
  while (true) {
    const std::size_t start = i;
    int value = 0;
    while (i < text.size() && is_digit(text[i])) {
      value = value * 10 + (text[i] - '0');
      if (value > 255 || i - start >= 3) return false;
      ++i;
    }
    const std::size_t length = i - start;
    if (length == 0 || (length > 1 && text[start] == '0')) return false;
    ++parts;
    if (i == text.size()) break;
    if (text[i] != '.' || parts == 4) return false;
    ++i;
  }
  return parts == 4;
}

bool valid_ipv6(std::string_view text) {
  if (text.empty()) return false;
  int groups = 0;
  bool compressed = false;
  std::size_t i = 0;
  if (text.substr(0, 2) == "::") {
    compressed = true;
    i = 2;
    if (i == text.size()) return true;
  } else if (text[0] == ':') {
    return false;
  }
  while (i < text.size()) {
    const std::size_t start = i;
    while (i < text.size() && is_xdigit(text[i])) ++i;
    if (i < text.size() && text[i] == '.') {
      // An embedded IPv4 address ends the text and counts as two groups.
      if (!valid_ipv4(text.substr(start))) return false;
      groups += 2;
      i = text.size();
      break;
    }
    const std::size_t length = i - start;
    if (length == 0 || length > 4) return false;
    ++groups;
    if (i == text.size()) break;
    if (text[i] != ':') return false;
    ++i;
    if (i < text.size() && text[i] == ':') {
      if (compressed) return false;
      compressed = true;
      ++i;
      if (i == text.size()) break;
    } else if (i == text.size()) {
      return false;  // a single trailing ':'
    }
  }
  return compressed ? groups < 8 : groups == 8;
}

bool valid_userinfo(std::string_view text) {
  constexpr std::string_view kAllowed = "-._~!$&'()*+,;=:";
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (is_alnum(c) || kAllowed.find(c) != npos) {
      ++i;
    } else if (c == '%' && i + 3 <= text.size() && is_digit(text[i + 1]) && is_xdigit(text[i + 2])) {
      i += 3;  // PHP wants a decimal digit first (its check uses isdigit), then a hex digit
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<PhpUrl> php_parse_url(std::string_view url) { return UrlParser(url).run(); }

bool php_validate_url(std::string_view url) {
  // FILTER_SANITIZE_URL would remove spaces, controls and non-ASCII bytes; validation fails if it removes any.
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F) return false;
  }
  const auto parsed = php_parse_url(url);
  if (!parsed) return false;
  if (parsed->scheme && (iequals(*parsed->scheme, "http") || iequals(*parsed->scheme, "https"))) {
    if (!parsed->host) return false;
    const std::string& host = *parsed->host;
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']' &&
        valid_ipv6(std::string_view(host).substr(1, host.size() - 2))) {
      return true;
    }
    if (!valid_host_name(host)) return false;
  }
  if (!parsed->scheme) return false;
  if (!parsed->host && *parsed->scheme != "mailto" && *parsed->scheme != "news" && *parsed->scheme != "file") {
    return false;
  }
  if (parsed->user && !valid_userinfo(*parsed->user)) return false;
  if (parsed->pass && !valid_userinfo(*parsed->pass)) return false;
  return true;
}

std::string php_url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto hex = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    return (std::tolower(static_cast<unsigned char>(c)) - 'a') + 10;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && is_xdigit(text[i + 1]) && is_xdigit(text[i + 2])) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string php_urlencode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == ' ') {
      out += '+';
    } else if (is_alnum(c) || c == '-' || c == '_' || c == '.') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

}  // namespace pavi::service
