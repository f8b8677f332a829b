// The ERR#nn pages the gateway shows (service-protocol.md §7.1, §7.2; C-078..C-084): their exact bytes, a pure
// function of the code, the message, up to two info lines and the connection's uniqueId.
#pragma once

#include <string>
#include <string_view>

namespace pavi::service {

enum class ErrorCode {
  bad_start_url = 2,       // "Paramètre url incorrect", info "url:<value>"; then the connection closes
  not_json = 3,            // "Réponse non JSON", "Exception: <parser message>", "Votre serveur a répondu: ..."
  bad_next_url = 5,        // "Prochaine URL incorrecte", the bad next value
  unknown_command = 7,     // "Commande inconnue", print_r of COMMAND (<= 500 bytes)
  service_unavailable = 9, // "Service indisponible", "url:<url>"; then the connection closes
  malformed_command = 10,  // "Commande mal formée", "Exception: ..." (the original crashes instead, C-086)
};

// The French message of a code, UTF-8.
std::string_view error_message(ErrorCode code);

// 0C 0F 1F 42 41 1B 4D 1B 47 1B 51 " ERR #" NN 1B 40 7D 1B 47 1B 52 20 G2(message) 18
// [1F 44 41 G2(info)] [1F 47 41 G2(extra)] 1F 58 41 "UID:" uniqueId " Aide:aide@minipavi.fr".
// Text goes through MiniPavi's toG2 table (minipavi_g2.hpp); empty info/extra lines are left out.
std::string error_page(int code, std::string_view message, std::string_view info, std::string_view extra,
                       std::string_view unique_id);

// The pages of §7.2 with their info lines.
std::string bad_start_url_page(std::string_view url_value, std::string_view unique_id);                  // ERR#02
std::string not_json_page(std::string_view parser_message, std::string_view body, std::string_view unique_id);  // ERR#03
std::string bad_next_url_page(std::string_view next_value, std::string_view unique_id);                  // ERR#05
std::string unknown_command_page(std::string_view command_dump, std::string_view unique_id);             // ERR#07
std::string service_unavailable_page(std::string_view url, std::string_view unique_id);                  // ERR#09
std::string malformed_command_page(std::string_view exception, std::string_view unique_id);              // ERR#10

}  // namespace pavi::service
