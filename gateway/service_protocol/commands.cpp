// COMMAND parsing with the original gateway's coercions, ranges and defaults (see commands.hpp). Each reader
// mirrors how class.MiniPavi.php uses the parameter: (int) casts, trim(), loose comparisons, is_array tests.
#include "gateway/service_protocol/commands.hpp"

#include <algorithm>

#include "gateway/service_protocol/php_print_r.hpp"
#include "gateway/service_protocol/php_strings.hpp"
#include "gateway/service_protocol/php_url.hpp"
#include "gateway/service_protocol/php_values.hpp"

namespace pavi::service {
namespace {

// Thrown inside this file only, caught in parse_command: a PHP TypeError in the original.
struct Malformed {
  std::string message;
};

const Json& null_json() {
  static const Json kNull;
  return kNull;
}

// $param->$key, where reading a property of a non-object gives null.
const Json& member(const Json& object, std::string_view key) {
  if (!object.is_object()) return null_json();
  const auto it = object.find(std::string(key));
  return it == object.end() ? null_json() : *it;
}

// A value passed to a string parameter (mb_substr, mb_strlen, trim...): arrays and objects raise a TypeError.
std::string as_string(const Json& value, std::string_view what) {
  if (const auto text = php_string(value)) return *text;
  throw Malformed{std::string(what) + " must be a string, " + (value.is_array() ? "array" : "object") + " given"};
}

std::string trimmed(const Json& value, std::string_view what) {
  return std::string(php_trim(as_string(value, "trim(): Argument #1 ($string) (" + std::string(what) + ")")));
}

int as_int(const Json& value) {
  const std::int64_t v = php_int(value);
  if (v > 1000000) return 1000000;  // every range below is tiny; keep the arithmetic in int
  if (v < -1000000) return -1000000;
  return static_cast<int>(v);
}

// `cursor`: anything but "off" draws the cursor (a JSON true also means "on").
bool cursor_on(const Json& value) { return !(value.is_string() && value.get_ref<const std::string&>() == "off"); }

// `spacechar`: == '' -> default; then mb_substr(..., 0, 1).
std::string space_char(const Json& value, std::string_view fallback) {
  if (php_loose_equals(value, "")) return std::string(fallback);
  return utf8_substr(as_string(value, "mb_substr(): Argument #1 ($string) (spacechar)"), 0, 1);
}

InputTxt read_input_txt(const Json& param) {
  InputTxt txt;
  txt.x = as_int(member(param, "x"));
  txt.y = as_int(member(param, "y"));
  txt.l = as_int(member(param, "l"));
  if (txt.x < 1 || txt.x > 40) txt.x = 1;
  if (txt.y < 0 || txt.y > 24) txt.y = 1;
  if (txt.l < 1 || txt.l > 41 - txt.x) txt.l = 1;
  txt.cursor = cursor_on(member(param, "cursor"));
  txt.spacechar = space_char(member(param, "spacechar"), " ");
  const Json& prefill = member(param, "prefill");
  if (!prefill.is_null()) txt.prefill = as_string(prefill, "mb_strlen(): Argument #1 ($string) (prefill)");
  const Json& mask = member(param, "char");
  if (!php_loose_equals(mask, "")) txt.mask = as_string(mask, "char");
  txt.validwith = as_int(member(param, "validwith"));
  return txt;
}

InputMsg read_input_msg(const Json& param) {
  InputMsg msg;
  msg.x = as_int(member(param, "x"));
  msg.y = as_int(member(param, "y"));
  msg.w = as_int(member(param, "w"));
  msg.h = as_int(member(param, "h"));
  if (msg.x < 1 || msg.x > 40) msg.x = 1;
  if (msg.y < 1 || msg.y > 24) msg.y = 1;
  if (msg.w < 1 || msg.w > 41 - msg.x) msg.w = 41 - msg.x;
  if (msg.h < 1 || msg.h > 25 - msg.y) msg.h = 25 - msg.y;
  const Json& prefill = member(param, "prefill");
  if (prefill.is_array()) {
    for (const auto& line : prefill) {
      if (static_cast<int>(msg.prefill.size()) >= msg.h) break;
      msg.prefill.push_back(
          utf8_substr(as_string(line, "mb_substr(): Argument #1 ($string) (prefill line)"), 0,
                      static_cast<std::size_t>(msg.w)));
    }
  }
  msg.cursor = cursor_on(member(param, "cursor"));
  msg.spacechar = space_char(member(param, "spacechar"), " ");
  msg.validwith = as_int(member(param, "validwith"));
  if (msg.validwith <= 0) msg.validwith = validwith::envoi;
  return msg;
}

std::size_t count_of(const Json& value, std::string_view what) {
  if (!value.is_array()) {
    throw Malformed{"count(): Argument #1 ($value) must be of type Countable|array (param." + std::string(what) + ")"};
  }
  return value.size();
}

InputForm read_input_form(const Json& param) {
  InputForm form;
  const Json& xs = member(param, "x");
  const Json& ys = member(param, "y");
  const Json& ls = member(param, "l");
  const std::size_t count = count_of(xs, "x");
  const std::size_t count_y = count_of(ys, "y");
  const std::size_t count_l = count_of(ls, "l");
  if (count < 1 || count > 30 || count != count_y || count_y != count_l) {
    form.layout_fallback = true;
    form.declared_count = count;
    form.fields.push_back(InputFormField{1, 1, 10, {}, {}});
  } else {
    for (std::size_t i = 0; i < count; ++i) {
      InputFormField field;
      field.x = as_int(xs[i]);
      field.y = as_int(ys[i]);
      field.l = as_int(ls[i]);
      if (field.x < 1 || field.x > 40) field.x = 1;
      if (field.y < 1 || field.y > 24) field.y = 1;
      if (field.l < 1 || field.l > 41 - field.x) field.l = 41 - field.x;
      form.fields.push_back(field);
    }
  }
  const Json& prefill = member(param, "prefill");
  if (prefill.is_array()) {
    for (std::size_t i = 0; i < prefill.size() && i < form.fields.size(); ++i) {
      form.fields[i].prefill =
          utf8_substr(as_string(prefill[i], "mb_substr(): Argument #1 ($string) (prefill)"), 0,
                      static_cast<std::size_t>(form.fields[i].l));
    }
  }
  // `char`: a list gives one mask per field; a plain string is indexed as one ("*" masks field 0 only).
  const Json& masks = member(param, "char");
  for (std::size_t i = 0; i < form.fields.size(); ++i) {
    if (masks.is_array() && i < masks.size()) {
      if (!php_loose_equals(masks[i], "")) form.fields[i].mask = as_string(masks[i], "char");
    } else if (masks.is_string() && i < masks.get_ref<const std::string&>().size()) {
      form.fields[i].mask = masks.get_ref<const std::string&>().substr(i, 1);
    }
  }
  form.cursor = cursor_on(member(param, "cursor"));
  form.spacechar = space_char(member(param, "spacechar"), ".");
  form.validwith = as_int(member(param, "validwith"));
  if (form.validwith <= 0 || form.validwith == validwith::envoi || form.validwith == validwith::retour) {
    form.validwith = validwith::envoi;
  }
  return form;
}

PushServiceMsg read_push(const Json& param) {
  PushServiceMsg push;
  const Json& ids = member(param, "uniqueids");
  const Json& messages = member(param, "message");
  if (!ids.is_array()) return push;  // the original's main process cannot count it: nobody receives anything
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto id = php_string(ids[i]);
    if (!id) continue;
    std::string message;
    if (messages.is_array() && i < messages.size()) {
      message = php_string(messages[i]).value_or(messages[i].is_array() ? "Array" : "");
    } else if (messages.is_string() && i < messages.get_ref<const std::string&>().size()) {
      message = messages.get_ref<const std::string&>().substr(i, 1);  // a string is indexed byte by byte
    }
    push.uniqueids.push_back(*id);
    push.messages.push_back(std::move(message));
  }
  return push;
}

BackgroundCall read_background_call(const Json& param) {
  BackgroundCall call;
  const Json& urls = member(param, "url");
  const Json& times = member(param, "time");
  const Json& ids = member(param, "uniqueid");
  const Json& simulate = member(param, "simulate");
  std::size_t count = 0;
  for (const Json* list : {&urls, &times, &ids, &simulate}) {
    if (list->is_array()) count = std::max(count, list->size());
  }
  const auto at = [](const Json& list, std::size_t i) -> const Json& {
    return list.is_array() && i < list.size() ? list[i] : null_json();
  };
  for (std::size_t i = 0; i < count; ++i) {
    BackgroundCallEntry entry;
    entry.url = php_string(at(urls, i)).value_or("");
    entry.time = php_int(at(times, i));
    entry.uniqueid = php_string(at(ids, i)).value_or("");
    entry.simulate = php_truthy(at(simulate, i));
    call.entries.push_back(std::move(entry));
  }
  return call;
}

ConnectToWs read_connect_ws(const Json& param) {
  ConnectToWs ws;
  ws.host = trimmed(member(param, "host"), "host");
  ws.key = member(param, "key");
  ws.path = trimmed(member(param, "path"), "path");
  ws.echo = trimmed(member(param, "echo"), "echo") == "on";
  ws.lower_case = trimmed(member(param, "case"), "case") == "lower";
  ws.proto = trimmed(member(param, "proto"), "proto");
  return ws;
}

ConnectToTln read_connect_tln(const Json& param) {
  ConnectToTln tln;
  tln.host = trimmed(member(param, "host"), "host");
  tln.key = member(param, "key");
  tln.echo = trimmed(member(param, "echo"), "echo") == "on";
  tln.lower_case = trimmed(member(param, "case"), "case") == "lower";
  tln.startseq = php_stripcslashes(trimmed(member(param, "startseq"), "startseq"));
  return tln;
}

ConnectToExt read_connect_ext(const Json& param) {
  ConnectToExt ext;
  ext.key = member(param, "key");
  ext.number = as_string(member(param, "number"), "number");
  ext.rx = as_int(member(param, "RX"));
  ext.tx = as_int(member(param, "TX"));
  return ext;
}

DuplicateStream read_duplicate(const Json& param) {
  DuplicateStream dup;
  dup.key = member(param, "key");
  dup.uniqueid = trimmed(member(param, "uniqueid"), "uniqueid");
  return dup;
}

SetParam read_set_param(const Json& param) {
  SetParam set;
  const Json& name = member(param, "paramName");
  set.name = php_string(name).value_or("");
  const Json& params = member(param, "params");
  // switch() compares loosely: a JSON true selects the first case.
  if (php_loose_equals(name, "screensaver")) {
    set.kind = SetParam::Kind::screensaver;
    const std::int64_t type = php_int(member(params, "type"));
    set.screensaver_type = type < 0 || type > 3 ? 2 : static_cast<int>(type);
    if (set.screensaver_type == 3) {
      const Json& text = member(params, "text");
      set.screensaver_text = php_loose_equals(text, "")
                                 ? std::string("Not set")
                                 : utf8_substr(as_string(text, "mb_substr(): Argument #1 ($string) (text)"), 0, 30);
    }
  } else if (php_loose_equals(name, "timeout")) {
    set.kind = SetParam::Kind::timeout;
    const std::int64_t minutes = php_int(member(params, "minutes"));
    set.timeout_minutes = minutes < 0 || minutes > 30 ? 0 : static_cast<int>(minutes);
  }
  return set;
}

GetScreen read_get_screen(const Json& param) {
  GetScreen get;
  get.seq = member(param, "seq");
  get.color = php_int(member(param, "color")) == 1;
  get.minitel = php_int(member(param, "minitel")) == 1;
  return get;
}

}  // namespace

int validwith_bit(videotex::FunctionKey key) {
  using videotex::FunctionKey;
  switch (key) {
    case FunctionKey::sommaire: return validwith::sommaire;
    case FunctionKey::annulation: return validwith::annulation;
    case FunctionKey::retour: return validwith::retour;
    case FunctionKey::repetition: return validwith::repetition;
    case FunctionKey::guide: return validwith::guide;
    case FunctionKey::correction: return validwith::correction;
    case FunctionKey::suite: return validwith::suite;
    case FunctionKey::envoi: return validwith::envoi;
    case FunctionKey::connexion_fin: return 0;
  }
  return 0;
}

std::string InputTxt::prefill_as_original() const {
  if (utf8_length(prefill) > static_cast<std::size_t>(l)) return utf8_substr(prefill, static_cast<std::size_t>(l));
  return prefill;
}

std::string InputTxt::prefill_truncated() const { return utf8_substr(prefill, 0, static_cast<std::size_t>(l)); }

int InputMsg::cursor_line() const {
  int line = 0;
  for (std::size_t i = 0; i < prefill.size(); ++i) {
    if (!php_trim(prefill[i]).empty()) line = static_cast<int>(i);
  }
  return line;
}

std::vector<BackgroundCallEntry> BackgroundCall::scheduled_as_original() const {
  std::vector<BackgroundCallEntry> scheduled;
  std::vector<std::int64_t> times;
  for (const auto& entry : entries) times.push_back(entry.time);
  // Simulations first, paired by their own index; each then removes times[k] by that (stale) index.
  for (std::size_t k = 0; k < entries.size(); ++k) {
    if (!entries[k].simulate) continue;
    scheduled.push_back(entries[k]);
    if (k < times.size()) times.erase(times.begin() + static_cast<std::ptrdiff_t>(k));
  }
  for (std::size_t k = 0; k < times.size(); ++k) {
    BackgroundCallEntry call;
    call.time = times[k];
    call.url = k < entries.size() ? entries[k].url : "";
    call.uniqueid = k < entries.size() ? entries[k].uniqueid : "";
    call.simulate = false;
    scheduled.push_back(std::move(call));
  }
  return scheduled;
}

std::string UnknownCommand::dump() const { return php_print_r(command).substr(0, 500); }

std::string command_name(const Command& command) {
  struct Namer {
    std::string operator()(const InputTxt&) const { return "InputTxt"; }
    std::string operator()(const InputMsg&) const { return "InputMsg"; }
    std::string operator()(const InputForm&) const { return "InputForm"; }
    std::string operator()(const LibCnx&) const { return "libCnx"; }
    std::string operator()(const PushServiceMsg&) const { return "PushServiceMsg"; }
    std::string operator()(const BackgroundCall&) const { return "BackgroundCall"; }
    std::string operator()(const ConnectToWs&) const { return "connectToWs"; }
    std::string operator()(const ConnectToTln&) const { return "connectToTln"; }
    std::string operator()(const ConnectToExt&) const { return "connectToExt"; }
    std::string operator()(const DuplicateStream&) const { return "duplicateStream"; }
    std::string operator()(const SetParam&) const { return "setParam"; }
    std::string operator()(const GetScreen&) const { return "getScreen"; }
    std::string operator()(const GetScreenList&) const { return "getScreenList"; }
    std::string operator()(const UnknownCommand& unknown) const {
      return php_string(unknown.name).value_or(unknown.name.dump());
    }
  };
  return std::visit(Namer{}, command);
}

bool is_input_command(const Command& command) {
  return std::holds_alternative<InputTxt>(command) || std::holds_alternative<InputMsg>(command) ||
         std::holds_alternative<InputForm>(command);
}

bool is_bridge_command(const Command& command) {
  return std::holds_alternative<ConnectToWs>(command) || std::holds_alternative<ConnectToTln>(command) ||
         std::holds_alternative<ConnectToExt>(command) || std::holds_alternative<DuplicateStream>(command);
}

CommandParse parse_command(const Json& command) {
  CommandParse result;
  const Json& name = member(command, "name");
  // `COMMAND->name != ''`: null, false and "" mean no command.
  if (php_loose_equals(name, "")) return result;
  const Json& param = member(command, "param");
  // switch() compares loosely, so a JSON true matches the first case, InputTxt.
  const auto is = [&](std::string_view wanted) {
    return name.is_string() ? name.get_ref<const std::string&>() == wanted : php_loose_equals(name, wanted);
  };
  try {
    if (is("InputTxt")) {
      result.command = read_input_txt(param);
    } else if (is("InputMsg")) {
      result.command = read_input_msg(param);
    } else if (is("InputForm")) {
      result.command = read_input_form(param);
    } else if (is("PushServiceMsg")) {
      result.command = read_push(param);
    } else if (is("BackgroundCall")) {
      result.command = read_background_call(param);
    } else if (is("connectToExt")) {
      result.command = read_connect_ext(param);
    } else if (is("connectToTln")) {
      result.command = read_connect_tln(param);
    } else if (is("connectToWs")) {
      result.command = read_connect_ws(param);
    } else if (is("duplicateStream")) {
      result.command = read_duplicate(param);
    } else if (is("setParam")) {
      result.command = read_set_param(param);
    } else if (is("getScreen")) {
      result.command = read_get_screen(param);
    } else if (is("getScreenList")) {
      result.command = GetScreenList{};
    } else if (is("libCnx")) {
      result.command = LibCnx{};
    } else {
      result.command = UnknownCommand{name, command};
    }
  } catch (const Malformed& error) {
    result.command.reset();
    result.malformed = error.message;
  }
  return result;
}

bool bridge_key_accepted(const Json& key, const std::vector<std::string>& configured_keys) {
  for (const auto& configured : configured_keys) {
    if (php_loose_equals(key, configured)) return true;
  }
  return false;
}

bool bridge_key_exempt(std::string_view requesting_url, std::string_view bridge_host) {
  if (requesting_url.empty()) return false;
  const auto requesting = php_parse_url(requesting_url);
  const auto bridge = php_parse_url(php_trim(bridge_host));
  if (!requesting || !bridge) return false;
  if (!requesting->host || !bridge->host) return !requesting->host && !bridge->host;  // null == null
  return php_loose_equals(Json(*requesting->host), *bridge->host);
}

bool duplicate_key_accepted(const Json& key, std::string_view visukey) {
  return key.is_string() && key.get_ref<const std::string&>() == visukey;
}

bool unique_id_matches(std::string_view target, std::string_view live_id) {
  return php_loose_equals(Json(std::string(target)), live_id);
}

}  // namespace pavi::service
