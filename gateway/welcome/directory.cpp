// Reading paviacc.conf the way MiniPaviAcc's getConfig() does, with clear errors instead of silence.
#include "gateway/welcome/directory.hpp"

#include <cctype>
#include <fstream>
#include <sstream>

#include <pugixml.hpp>

#include "gateway/service_protocol/php_url.hpp"

namespace pavi::gateway {

namespace {

std::string_view trim(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\0'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string normalise_code(std::string_view code) {
  std::string out(trim(code));
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

const DirectoryEntry* Directory::find(std::string_view typed_code) const {
  const std::string code = normalise_code(typed_code);
  if (code.empty()) return nullptr;
  for (const auto& entry : entries) {
    if (entry.code == code) return &entry;
  }
  return nullptr;
}

DirectoryLoad parse_directory(std::string_view xml_text, std::string_view source) {
  DirectoryLoad load;
  pugi::xml_document document;
  const auto parsed = document.load_buffer(xml_text.data(), xml_text.size());
  if (!parsed) {
    load.error = std::string(source) + ": not valid XML (" + parsed.description() + " at byte " +
                 std::to_string(parsed.offset) + ")";
    return load;
  }
  const auto root = document.document_element();
  if (std::string_view(root.name()) != "config") {
    load.error = std::string(source) + ": the root element is <" + root.name() + ">, expected <config>";
    return load;
  }
  Directory directory;
  for (const auto& annuaire : root.children("annuaire")) {
    for (const auto& service : annuaire.children("service")) {
      std::string code = normalise_code(service.attribute("code").value());
      if (code.size() < 2) {
        load.warnings.push_back(std::string(source) + ": annuaire/service code \"" + service.attribute("code").value() +
                                "\" skipped: a code has at least 2 characters");
        continue;
      }
      DirectoryEntry entry{std::move(code), service.child_value("url"), service.child_value("infos")};
      if (!entry.url.empty() && !service::php_validate_url(entry.url)) {
        load.warnings.push_back(std::string(source) + ": annuaire/service " + entry.code + ": url \"" + entry.url +
                                "\" is not an absolute URL; the code is listed but leads nowhere");
        entry.url.clear();
      }
      if (directory.find(entry.code) != nullptr) {
        load.warnings.push_back(std::string(source) + ": annuaire/service " + entry.code +
                                " appears twice; the first one is used");
        continue;
      }
      directory.entries.push_back(std::move(entry));
    }
  }
  load.directory = std::move(directory);
  return load;
}

DirectoryLoad load_directory(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    DirectoryLoad load;
    load.error = file.string() + ": cannot be read";
    return load;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_directory(text.str(), file.string());
}

}  // namespace pavi::gateway
