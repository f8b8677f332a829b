// A fast MiniPavi service in its own process, for the gateway's load run (gateway_load_run.sh): the gateway and
// `pavi stress` are measured apart from it, and it does as little as a service can, so that what the run sees
// is the gateway. One HTTP server thread (simulators/fake_service's HttpServer), keep-alive, no request log.
//
//   CNX          -> a page "ACCUEIL" with a one-line input field (InputTxt, validated by Envoi)
//   ENVOI        -> a page "PAGE <what was typed>" with the same field: each Envoi is one round trip
//   anything else (FIN, other keys) -> an empty page, next unchanged
//   GET /stats   -> "requests R cnx C envoi E other O connections N" (text/plain: counters, and the TCP
//                   connections accepted, which shows how well the client keeps its connections alive)
//
// Usage: bench_fake_service [--port N] [--page-bytes N]. --port 0 (the default): any free port. --page-bytes:
// every page is filled with rows of text below its title up to about N bytes of videotex (default 0: title
// only), e.g. 930, the mean size of the pages in ../shared/corpus/vdt, for pages of a realistic weight. Prints
// "listening http://127.0.0.1:PORT" on standard output once it accepts, then serves until SIGINT or SIGTERM,
// and prints its counters on the way out.
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <pthread.h>
#include <string>

#include "gateway/service_protocol/commands.hpp"
#include "gateway/service_protocol/reply_builder.hpp"
#include "gateway/service_protocol/request.hpp"
#include "simulators/fake_service/http_server.hpp"
#include "simulators/net/io_runner.hpp"

namespace {

using namespace pavi;

struct Counters {
  std::atomic<std::uint64_t> requests{0}, cnx{0}, envoi{0}, other{0};

  std::string text(std::size_t connections) const {
    return "requests " + std::to_string(requests.load()) + " cnx " + std::to_string(cnx.load()) + " envoi " +
           std::to_string(envoi.load()) + " other " + std::to_string(other.load()) + " connections " +
           std::to_string(connections) + "\n";
  }
};

// Rows of text from row 5 down, about `bytes` long in all, so that pages weigh what real ones do.
std::string filler(std::size_t bytes) {
  std::string rows;
  for (int row = 5; row <= 24 && rows.size() + 44 <= bytes; ++row) {
    rows += "\x1f";
    rows += static_cast<char>(0x40 + row);
    rows += "\x41";
    std::string text = "Ligne " + std::to_string(row) + " ";
    while (text.size() < 40) text += static_cast<char>('a' + text.size() % 26);
    rows += text;
  }
  return rows;
}

// A page titled `title` on row 1, with the input field on row 3 (Envoi sends what was typed as content[0]).
std::string page_with_field(const std::string& title, const std::string& rows) {
  service::ServiceReply reply;
  // Clear screen, cursor to row 1 column 1, the title, then the filler rows.
  reply.content = "\x0c\x1f\x41\x41" + title + rows;
  reply.echo = "on";
  service::InputTxt field;
  field.x = 1;
  field.y = 3;
  field.l = 10;
  field.validwith = service::validwith::envoi;
  reply.command = service::command_to_json(field);
  return service::reply_body(reply);
}

std::string empty_page() {
  service::ServiceReply reply;
  reply.content = std::string();
  reply.echo = "on";
  return service::reply_body(reply);
}

sim::HttpResponseData respond(std::string body, std::string content_type = "application/json") {
  sim::HttpResponseData response;
  response.headers.emplace_back("Content-Type", std::move(content_type));
  response.body = std::move(body);
  return response;
}

int usage(const char* error) {
  std::cerr << "bench_fake_service: " << error << "\nusage: bench_fake_service [--port N] [--page-bytes N]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint16_t port = 0;
  std::size_t page_bytes = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--port" && i + 1 < argc) {
      const long value = std::strtol(argv[++i], nullptr, 10);
      if (value < 0 || value > 65535) return usage("--port expects 0..65535");
      port = static_cast<std::uint16_t>(value);
    } else if (arg == "--page-bytes" && i + 1 < argc) {
      const long value = std::strtol(argv[++i], nullptr, 10);
      if (value < 0 || value > 100000) return usage("--page-bytes expects 0..100000");
      page_bytes = static_cast<std::size_t>(value);
    } else if (arg == "--help" || arg == "-h") {
      std::cout << "usage: bench_fake_service [--port N] [--page-bytes N]\n";
      return 0;
    } else {
      return usage(("unknown argument '" + arg + "'").c_str());
    }
  }

  // Blocked before any thread starts, so that only sigwait() below sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  Counters counters;
  std::atomic<sim::HttpServer*> listening{nullptr};  // set once the server is up, for /stats
  const std::string rows = filler(page_bytes);
  const std::string home = page_with_field("ACCUEIL", rows);
  const std::string empty = empty_page();
  const auto handler = [&](const sim::HttpRequestData& request) -> sim::HttpResponseData {
    if (request.method == "GET" && request.target == "/stats") {
      const auto* server = listening.load();
      return respond(counters.text(server != nullptr ? server->connections_accepted() : 0), "text/plain");
    }
    ++counters.requests;
    const auto parsed = service::parse_request(request.body);
    if (!parsed.request) {
      ++counters.other;
      return respond(empty);
    }
    const auto& fctn = parsed.request->fctn;
    if (fctn == "CNX") {
      ++counters.cnx;
      return respond(home);
    }
    if (fctn == "ENVOI") {
      ++counters.envoi;
      const auto& content = parsed.request->content;
      return respond(page_with_field("PAGE " + (content.empty() ? std::string() : content.front()), rows));
    }
    ++counters.other;
    return respond(empty);
  };

  sim::IoRunner runner;
  sim::HttpServer::Options options;
  options.address = "127.0.0.1";
  options.port = port;
  std::unique_ptr<sim::HttpServer> server;
  try {
    server = std::make_unique<sim::HttpServer>(runner, options, handler);
  } catch (const std::exception& e) {
    std::cerr << "bench_fake_service: cannot listen on 127.0.0.1:" << port << ": " << e.what() << '\n';
    return 1;
  }
  listening = server.get();
  std::cout << "listening http://127.0.0.1:" << server->port() << std::endl;

  int signal = 0;
  while (sigwait(&signals, &signal) != 0) {
  }
  std::cout << "bench_fake_service: " << counters.text(server->connections_accepted()) << std::flush;
  listening = nullptr;
  server->stop();
  return 0;
}
