// The `fctn` of a request: the event that caused it (service-protocol.md §4). Keys pressed by the user, session
// events, direct calls and background calls. BGCALL-WM-<event> is open-ended, so requests carry fctn as a string.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "videotex/keys.hpp"

namespace pavi::service {

enum class Fctn {
  envoi,
  retour,
  repetition,
  guide,
  annulation,
  sommaire,
  correction,
  suite,
  fin,                 // Connexion/Fin, libCnx, or the end of the session
  cnx,                 // a new connection, or the return to the default service
  direct,              // directcall "yes"
  directcnx,           // directcall "yes-cnx"
  directcallfailed,    // a bridge command could not connect
  directcallended,     // a bridge command ended, or was refused
  datas,               // after getScreen / getScreenList
  bgcall,              // a background call (simulate = false)
  bgcall_simu,         // a simulated input (simulate = true)
  bgcall_wm_start,     // the WebMedia page reported START
  bgcall_wm_stop,      // the WebMedia page reported STOP
};

inline constexpr Fctn kAllFctns[] = {
    Fctn::envoi,  Fctn::retour,           Fctn::repetition,      Fctn::guide,  Fctn::annulation,
    Fctn::sommaire, Fctn::correction,     Fctn::suite,           Fctn::fin,    Fctn::cnx,
    Fctn::direct, Fctn::directcnx,        Fctn::directcallfailed, Fctn::directcallended, Fctn::datas,
    Fctn::bgcall, Fctn::bgcall_simu,      Fctn::bgcall_wm_start, Fctn::bgcall_wm_stop};

// The wire name: "ENVOI", "CNX", "DIRECTCALLENDED", "BGCALL-SIMU", "BGCALL-WM-START"...
std::string_view fctn_name(Fctn fctn);
// Exact (case-sensitive) wire name -> Fctn; BGCALL-WM-<other> gives nullopt (use is_bgcall_wm).
std::optional<Fctn> parse_fctn(std::string_view name);

// The fctn a function key sends when it is sent at all (Connexion/Fin gives FIN).
Fctn fctn_for_key(videotex::FunctionKey key);
// The key behind a key fctn (ENVOI ... SUITE, FIN -> Connexion/Fin); nullopt for events.
std::optional<videotex::FunctionKey> key_for_fctn(Fctn fctn);

// "BGCALL-WM-" + the poll's lastevent: any string is accepted by the original (§6).
std::string bgcall_wm_fctn(std::string_view last_event);
bool is_bgcall_wm(std::string_view fctn);

}  // namespace pavi::service
