// Pages of the embedded default service. Its state between requests lives in `context` (which page of the
// directory is shown), as in any MiniPavi service, so a gateway can serve it from any thread without locks.
#include "gateway/welcome/welcome_service.hpp"

#include <algorithm>
#include <charconv>

#include "gateway/service_protocol/commands.hpp"
#include "gateway/service_protocol/fctn.hpp"
#include "gateway/service_protocol/reply_builder.hpp"
#include "videotex/encoder.hpp"

namespace pavi::gateway {

namespace {

using videotex::CharSize;
using videotex::Colour;
using videotex::FunctionKey;
using videotex::encode::Page;

constexpr std::string_view kContextPrefix = "pavikit-welcome:";
constexpr int kCodeRow = 21;
constexpr int kCodeColumn = 22;
constexpr int kCodeLength = 16;
constexpr int kMessageRow = 23;

int bit(FunctionKey key) { return service::validwith_bit(key); }

// The code field at the bottom of every page; Guide, Suite, Retour and Sommaire move between pages.
service::InputTxt code_field(std::string prefill = {}) {
  service::InputTxt field;
  field.x = kCodeColumn;
  field.y = kCodeRow;
  field.l = kCodeLength;
  field.spacechar = ".";
  field.prefill = std::move(prefill);
  field.validwith = bit(FunctionKey::envoi) | bit(FunctionKey::guide) | bit(FunctionKey::sommaire) |
                    bit(FunctionKey::suite) | bit(FunctionKey::retour);
  return field;
}

void title(Page& page, const WelcomeOptions& options) {
  page.clear().clear_status_row().cursor(false);
  page.at(2, 2).fg(Colour::white).size(CharSize::double_height).text(options.gateway_name);
  page.at(4, 2).fg(Colour::cyan).text("Passerelle Minitel");
}

void prompt(Page& page, std::string_view message, const WelcomeOptions& options) {
  page.at(kCodeRow, 2).text("Code du service :");
  page.at(kCodeRow + 1, 2).fg(Colour::green).text("puis ").inverse().text(" Envoi ").inverse(false);
  page.at(kMessageRow, 1).clear_eol();
  if (!message.empty()) page.at(kMessageRow, 2).fg(Colour::yellow).text(message);
  if (!options.version.empty()) page.at(24, 2).fg(Colour::blue).text(options.version);
}

service::ServiceReply reply_with(const Page& page, std::string context, service::InputTxt field) {
  service::ServiceReply reply;
  reply.content = page.str();
  reply.context = std::string(kContextPrefix) + context;
  reply.echo = "on";
  reply.command = service::command_to_json(service::Command{std::move(field)});
  return reply;
}

service::ServiceReply home_page(const Directory& directory, std::string_view message, const WelcomeOptions& options) {
  Page page;
  title(page, options);
  page.at(7, 2).text("Bienvenue.");
  if (directory.entries.empty()) {
    page.at(9, 2).text("Aucun service n'est encore inscrit");
    page.at(10, 2).text("dans l'annuaire de cette passerelle.");
  } else {
    page.at(9, 2).text("Tapez le code d'un service,");
    page.at(10, 2).text("ou ").inverse().text(" Guide ").inverse(false).text(" pour la liste des services");
    const auto count = directory.entries.size();
    page.at(11, 2).text("(" + std::to_string(count) + (count == 1 ? " service inscrit)" : " services inscrits)"));
  }
  prompt(page, message, options);
  return reply_with(page, "home", code_field());
}

int page_count(const Directory& directory, const WelcomeOptions& options) {
  const int per_page = std::max(1, options.entries_per_page);
  const int entries = static_cast<int>(directory.entries.size());
  return std::max(1, (entries + per_page - 1) / per_page);
}

service::ServiceReply list_page(const Directory& directory, int number, std::string_view message,
                                const WelcomeOptions& options) {
  const int per_page = std::max(1, options.entries_per_page);
  const int pages = page_count(directory, options);
  number = std::clamp(number, 1, pages);
  Page page;
  title(page, options);
  page.at(2, 30).fg(Colour::cyan).text("page " + std::to_string(number) + "/" + std::to_string(pages));
  page.at(5, 2).fg(Colour::white).text("Annuaire des services");
  const auto first = directory.entries.begin() + static_cast<std::ptrdiff_t>((number - 1) * per_page);
  const auto last = directory.entries.begin() +
                    std::min<std::ptrdiff_t>(number * per_page, static_cast<std::ptrdiff_t>(directory.entries.size()));
  int row = 6;
  for (auto entry = first; entry != last; ++entry, ++row) {
    std::string infos = entry->infos.substr(0, 23);
    page.at(row, 2).fg(Colour::yellow).text(entry->code.substr(0, 14)).at(row, 17).text(infos);
  }
  if (directory.entries.empty()) page.at(row++, 2).text("(vide)");
  page.at(std::min(row + 1, 20), 2).fg(Colour::green)
      .text(number < pages ? "Suite, Retour, Sommaire" : "Retour, Sommaire");
  prompt(page, message, options);
  return reply_with(page, "list:" + std::to_string(number), code_field());
}

// The directory page shown now, from the context the gateway sends back (0 on the home page).
int current_list_page(std::string_view context) {
  if (context.substr(0, kContextPrefix.size()) != kContextPrefix) return 0;
  context.remove_prefix(kContextPrefix.size());
  if (context.substr(0, 5) != "list:") return 0;
  context.remove_prefix(5);
  int number = 0;
  const auto [end, error] = std::from_chars(context.data(), context.data() + context.size(), number);
  if (error != std::errc{} || end != context.data() + context.size()) return 0;
  return number;
}

service::ServiceReply hand_over(const DirectoryEntry& entry) {
  service::ServiceReply reply;
  Page page;
  page.at(kMessageRow, 1).clear_eol().at(kMessageRow, 2).fg(Colour::green).text("Connexion à " + entry.code + "...");
  reply.content = page.str();
  reply.next = entry.url;
  reply.directcall = "yes-cnx";
  return reply;
}

service::ServiceReply answer(const service::Request& request, const Directory& directory,
                             const WelcomeOptions& options) {
  const int list = current_list_page(request.context);
  const auto fctn = service::parse_fctn(request.fctn);
  const auto same_page = [&](std::string_view message) {
    return list > 0 ? list_page(directory, list, message, options) : home_page(directory, message, options);
  };
  if (!fctn) return home_page(directory, {}, options);
  switch (*fctn) {
    case service::Fctn::envoi: {
      const std::string typed = request.content.empty() ? std::string() : request.content.front();
      if (normalise_code(typed).empty()) return same_page("Tapez un code, puis Envoi");
      const DirectoryEntry* entry = directory.find(typed);
      if (entry == nullptr) return same_page("Code inconnu : " + normalise_code(typed).substr(0, 20));
      if (entry->url.empty()) return same_page("Service " + entry->code + " indisponible");
      return hand_over(*entry);
    }
    case service::Fctn::guide:
      return list_page(directory, 1, {}, options);
    case service::Fctn::suite:
      return list > 0 ? list_page(directory, list + 1, {}, options) : home_page(directory, {}, options);
    case service::Fctn::retour:
      return list > 1 ? list_page(directory, list - 1, {}, options) : home_page(directory, {}, options);
    default:
      return home_page(directory, {}, options);
  }
}

}  // namespace

bool is_internal_url(std::string_view url) { return url.substr(0, 9) == "internal:"; }

std::string welcome_reply(const service::Request& request, const Directory& directory,
                          const WelcomeOptions& options) {
  return service::reply_body(answer(request, directory, options));
}

}  // namespace pavi::gateway
