// ERR#nn pages (see error_page.hpp).
#include "gateway/service_protocol/error_page.hpp"

#include <cstdio>

#include "gateway/service_protocol/html_excerpt.hpp"
#include "gateway/service_protocol/minipavi_g2.hpp"

namespace pavi::service {

std::string_view error_message(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_start_url: return "Paramètre url incorrect";
    case ErrorCode::not_json: return "Réponse non JSON";
    case ErrorCode::bad_next_url: return "Prochaine URL incorrecte";
    case ErrorCode::unknown_command: return "Commande inconnue";
    case ErrorCode::service_unavailable: return "Service indisponible";
    case ErrorCode::malformed_command: return "Commande mal formée";
  }
  return "";
}

std::string error_page(int code, std::string_view message, std::string_view info, std::string_view extra,
                       std::string_view unique_id) {
  char number[16];
  std::snprintf(number, sizeof number, "%02d", code);
  std::string page = "\x0C\x0F\x1F\x42\x41\x1B\x4D\x1B\x47\x1B\x51 ERR #";
  page += number;
  page += "\x1B\x40\x7D\x1B\x47\x1B\x52 ";
  page += minipavi_to_g2(message);
  page += '\x18';
  if (!info.empty()) page += "\x1F\x44\x41" + minipavi_to_g2(info);
  if (!extra.empty()) page += "\x1F\x47\x41" + minipavi_to_g2(extra);
  page += "\x1F\x58\x41UID:";
  page += unique_id;
  page += " Aide:aide@minipavi.fr";
  return page;
}

namespace {

std::string page_for(ErrorCode code, std::string_view info, std::string_view extra, std::string_view unique_id) {
  return error_page(static_cast<int>(code), error_message(code), info, extra, unique_id);
}

}  // namespace

std::string bad_start_url_page(std::string_view url_value, std::string_view unique_id) {
  return page_for(ErrorCode::bad_start_url, "url:" + std::string(url_value), "", unique_id);
}

std::string not_json_page(std::string_view parser_message, std::string_view body, std::string_view unique_id) {
  return page_for(ErrorCode::not_json, "Exception: " + std::string(parser_message),
                  "Votre serveur a répondu: " + err03_body_excerpt(body), unique_id);
}

std::string bad_next_url_page(std::string_view next_value, std::string_view unique_id) {
  return page_for(ErrorCode::bad_next_url, next_value, "", unique_id);
}

std::string unknown_command_page(std::string_view command_dump, std::string_view unique_id) {
  return page_for(ErrorCode::unknown_command, command_dump, "", unique_id);
}

std::string service_unavailable_page(std::string_view url, std::string_view unique_id) {
  return page_for(ErrorCode::service_unavailable, "url:" + std::string(url), "", unique_id);
}

std::string malformed_command_page(std::string_view exception, std::string_view unique_id) {
  return page_for(ErrorCode::malformed_command, "Exception: " + std::string(exception), "", unique_id);
}

}  // namespace pavi::service
