// fctn names (see fctn.hpp).
#include "gateway/service_protocol/fctn.hpp"

namespace pavi::service {

std::string_view fctn_name(Fctn fctn) {
  switch (fctn) {
    case Fctn::envoi: return "ENVOI";
    case Fctn::retour: return "RETOUR";
    case Fctn::repetition: return "REPETITION";
    case Fctn::guide: return "GUIDE";
    case Fctn::annulation: return "ANNULATION";
    case Fctn::sommaire: return "SOMMAIRE";
    case Fctn::correction: return "CORRECTION";
    case Fctn::suite: return "SUITE";
    case Fctn::fin: return "FIN";
    case Fctn::cnx: return "CNX";
    case Fctn::direct: return "DIRECT";
    case Fctn::directcnx: return "DIRECTCNX";
    case Fctn::directcallfailed: return "DIRECTCALLFAILED";
    case Fctn::directcallended: return "DIRECTCALLENDED";
    case Fctn::datas: return "DATAS";
    case Fctn::bgcall: return "BGCALL";
    case Fctn::bgcall_simu: return "BGCALL-SIMU";
    case Fctn::bgcall_wm_start: return "BGCALL-WM-START";
    case Fctn::bgcall_wm_stop: return "BGCALL-WM-STOP";
  }
  return "";
}

std::optional<Fctn> parse_fctn(std::string_view name) {
  for (Fctn fctn : kAllFctns) {
    if (fctn_name(fctn) == name) return fctn;
  }
  return std::nullopt;
}

Fctn fctn_for_key(videotex::FunctionKey key) {
  using videotex::FunctionKey;
  switch (key) {
    case FunctionKey::envoi: return Fctn::envoi;
    case FunctionKey::retour: return Fctn::retour;
    case FunctionKey::repetition: return Fctn::repetition;
    case FunctionKey::guide: return Fctn::guide;
    case FunctionKey::annulation: return Fctn::annulation;
    case FunctionKey::sommaire: return Fctn::sommaire;
    case FunctionKey::correction: return Fctn::correction;
    case FunctionKey::suite: return Fctn::suite;
    case FunctionKey::connexion_fin: return Fctn::fin;
  }
  return Fctn::fin;
}

std::optional<videotex::FunctionKey> key_for_fctn(Fctn fctn) {
  for (videotex::FunctionKey key : videotex::kAllFunctionKeys) {
    if (fctn_for_key(key) == fctn) return key;
  }
  return std::nullopt;
}

std::string bgcall_wm_fctn(std::string_view last_event) { return "BGCALL-WM-" + std::string(last_event); }

bool is_bgcall_wm(std::string_view fctn) { return fctn.substr(0, 10) == "BGCALL-WM-"; }

}  // namespace pavi::service
