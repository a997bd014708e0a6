// `hoplite local status`: is the local cloud running, where, and what does it hold.
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "hoplite/http/curl_client.hpp"
#include "local_state.hpp"

namespace hoplite::tool {

int run_status(const std::filesystem::path& dir, const StatusOptions& options) {
  auto info = running_server(dir);
  if (!info) {
    if (options.json) {
      std::cout << nlohmann::json{{"running", false}, {"data_dir", dir.string()}}.dump(2) << "\n";
    } else {
      std::cout << "local cloud is not running (state in " << dir.string() << ")\n";
    }
    return kExitFailure;
  }
  http::CurlClient client(
      {.connect_timeout = std::chrono::milliseconds(2000), .total_timeout = std::chrono::milliseconds(10000)});
  auto page = client.send(http::Request{"GET", endpoint_of(info->port) + "/_hoplite/", {}, {}, {}});
  nlohmann::json doc =
      page && page->status == 200 ? nlohmann::json::parse(page->body, nullptr, false) : nlohmann::json();
  if (options.json) {
    nlohmann::json out{{"running", true},
                       {"endpoint", endpoint_of(info->port)},
                       {"pid", info->pid},
                       {"data_dir", dir.string()},
                       {"inspect", doc.is_discarded() ? nlohmann::json() : doc}};
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "local cloud running on " << endpoint_of(info->port) << " (pid " << info->pid << ")\n"
            << "state: " << dir.string() << "\n";
  if (doc.is_object() && doc.contains("server"))
    std::cout << "requests served: " << doc["server"].value("requests", 0) << "\n";
  if (doc.is_object() && doc.contains("services")) {
    for (const auto& [service, accounts] : doc["services"].items()) {
      for (const auto& [account, resources] : accounts.items()) {
        std::cout << service << " (" << account << "):";
        for (const auto& [kind, value] : resources.items()) std::cout << " " << kind << "=" << value.dump();
        std::cout << "\n";
      }
    }
  }
  std::cout << "use: AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url " << endpoint_of(info->port)
            << " …\n";
  return kExitOk;
}

void add_status(CLI::App& local, const LocalOptions& shared, int* exit_code) {
  auto opt = std::make_shared<StatusOptions>();
  CLI::App* sub =
      local.add_subcommand("status", "Show whether the local cloud runs and what it holds (exit 1: not running)");
  sub->add_flag("--json", opt->json, "Print JSON");
  sub->callback([opt, &shared, exit_code] {
    std::filesystem::path dir;
    *exit_code = resolve_data_dir(shared, dir, std::cerr) ? run_status(dir, *opt) : kExitFailure;
  });
}

}  // namespace hoplite::tool
