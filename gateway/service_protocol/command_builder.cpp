// command_to_json (declared in commands.hpp): the COMMAND object a service sends for a command value, with the
// parameter order MiniPaviCli uses (service-protocol.md §8 examples).
#include "gateway/service_protocol/commands.hpp"

namespace pavi::service {
namespace {

Json command(std::string_view name, Json param) {
  Json out = Json::object();
  out["name"] = std::string(name);
  out["param"] = std::move(param);
  return out;
}

struct Builder {
  Json operator()(const InputTxt& txt) const {
    Json p = Json::object();
    p["x"] = txt.x;
    p["y"] = txt.y;
    p["l"] = txt.l;
    p["char"] = txt.mask;
    p["spacechar"] = txt.spacechar;
    p["prefill"] = txt.prefill;
    p["cursor"] = txt.cursor ? "on" : "off";
    p["validwith"] = txt.validwith;
    return command("InputTxt", std::move(p));
  }
  Json operator()(const InputMsg& msg) const {
    Json p = Json::object();
    p["x"] = msg.x;
    p["y"] = msg.y;
    p["w"] = msg.w;
    p["h"] = msg.h;
    p["spacechar"] = msg.spacechar;
    p["prefill"] = Json::array();
    for (const auto& line : msg.prefill) p["prefill"].push_back(line);
    p["cursor"] = msg.cursor ? "on" : "off";
    p["validwith"] = msg.validwith;
    return command("InputMsg", std::move(p));
  }
  Json operator()(const InputForm& form) const {
    Json p = Json::object();
    Json xs = Json::array();
    Json ys = Json::array();
    Json ls = Json::array();
    Json prefill = Json::array();
    Json masks = Json::array();
    for (const auto& field : form.fields) {
      xs.push_back(field.x);
      ys.push_back(field.y);
      ls.push_back(field.l);
      prefill.push_back(field.prefill);
      masks.push_back(field.mask);
    }
    p["x"] = std::move(xs);
    p["y"] = std::move(ys);
    p["l"] = std::move(ls);
    p["char"] = std::move(masks);
    p["spacechar"] = form.spacechar;
    p["prefill"] = std::move(prefill);
    p["cursor"] = form.cursor ? "on" : "off";
    p["validwith"] = form.validwith;
    return command("InputForm", std::move(p));
  }
  Json operator()(const LibCnx&) const { return command("libCnx", Json::object()); }
  Json operator()(const PushServiceMsg& push) const {
    Json p = Json::object();
    p["uniqueids"] = push.uniqueids;
    p["message"] = push.messages;
    return command("PushServiceMsg", std::move(p));
  }
  Json operator()(const BackgroundCall& call) const {
    Json urls = Json::array();
    Json times = Json::array();
    Json ids = Json::array();
    Json simulate = Json::array();
    for (const auto& entry : call.entries) {
      urls.push_back(entry.url);
      times.push_back(entry.time);
      ids.push_back(entry.uniqueid);
      simulate.push_back(entry.simulate);
    }
    Json p = Json::object();
    p["url"] = std::move(urls);
    p["time"] = std::move(times);
    p["uniqueid"] = std::move(ids);
    p["simulate"] = std::move(simulate);
    return command("BackgroundCall", std::move(p));
  }
  Json operator()(const ConnectToWs& ws) const {
    Json p = Json::object();
    p["host"] = ws.host;
    p["key"] = ws.key;
    p["path"] = ws.path;
    p["echo"] = ws.echo ? "on" : "off";
    p["case"] = ws.lower_case ? "lower" : "upper";
    p["proto"] = ws.proto;
    return command("connectToWs", std::move(p));
  }
  Json operator()(const ConnectToTln& tln) const {
    Json p = Json::object();
    p["host"] = tln.host;
    p["key"] = tln.key;
    p["echo"] = tln.echo ? "on" : "off";
    p["case"] = tln.lower_case ? "lower" : "upper";
    p["startseq"] = escape_startseq(tln.startseq);
    return command("connectToTln", std::move(p));
  }
  Json operator()(const ConnectToExt& ext) const {
    Json p = Json::object();
    p["number"] = ext.number;
    p["RX"] = ext.rx;
    p["TX"] = ext.tx;
    p["key"] = ext.key;
    return command("connectToExt", std::move(p));
  }
  Json operator()(const DuplicateStream& dup) const {
    Json p = Json::object();
    p["uniqueid"] = dup.uniqueid;
    p["key"] = dup.key;
    return command("duplicateStream", std::move(p));
  }
  Json operator()(const SetParam& set) const {
    Json params = Json::object();
    switch (set.kind) {
      case SetParam::Kind::screensaver:
        params["type"] = set.screensaver_type;
        if (set.screensaver_type == 3) params["text"] = set.screensaver_text;
        break;
      case SetParam::Kind::timeout: params["minutes"] = set.timeout_minutes; break;
      case SetParam::Kind::other: break;
    }
    Json p = Json::object();
    p["paramName"] = set.name;
    p["params"] = std::move(params);
    return command("setParam", std::move(p));
  }
  Json operator()(const GetScreen& get) const {
    Json p = Json::object();
    p["seq"] = get.seq;
    p["color"] = get.color ? 1 : 0;
    p["minitel"] = get.minitel ? 1 : 0;
    return command("getScreen", std::move(p));
  }
  Json operator()(const GetScreenList&) const { return command("getScreenList", Json::object()); }
  Json operator()(const UnknownCommand& unknown) const { return unknown.command; }

  // startseq travels with C escapes (the gateway applies stripcslashes): control bytes as \xHH, '\' doubled.
  static std::string escape_startseq(std::string_view bytes) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : bytes) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '\\') {
        out += "\\\\";
      } else if (u < 0x20 || u >= 0x7F) {
        out += "\\x";
        out += kHex[u >> 4];
        out += kHex[u & 0xF];
      } else {
        out += c;
      }
    }
    return out;
  }
};

}  // namespace

Json command_to_json(const Command& value) { return std::visit(Builder{}, value); }

}  // namespace pavi::service
