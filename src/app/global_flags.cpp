#include "app/global_flags.hpp"

#include <string>

#include "hoplite/app/build_id.hpp"
#include "hoplite/core/time_format.hpp"

namespace hoplite::app {

void add_global_flags(CLI::App& app, GlobalOptions& options) {
  // Bound through functions: CLI11 2.1.2 cannot store into an enum class directly.
  app.add_option_function<std::string>(
         "--level", [&options](const std::string& v) { options.level = core::log::parse_level(v).value(); },
         "Log level (default: info)")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
      ->type_name("LEVEL")
      ->group("Logging");
  app.add_option_function<std::string>(
         "--log-format", [&options](const std::string& v) { options.log_format = core::log::parse_format(v).value(); },
         "Log lines as text or one JSON object per line (default: text)")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT")
      ->group("Logging");
  app.add_flag("--no-color", options.no_color, "Never colour log lines (default: colour when stderr is a terminal)")
      ->group("Logging");

  app.add_flag("--noop", options.noop, "Do everything that does not change the cloud");
  app.add_option("--build-id", options.build_id,
                 "Build id (default: git commit of the current directory, else a hash of this binary)")
      ->type_name("ID")
      ->check([](const std::string& id) { return build_id_problem(id).value_or(std::string()); });

  app.add_option("--region", options.region, "AWS region (default: AWS_REGION, then the profile's)")
      ->type_name("REGION")
      ->group("AWS");
  app.add_option("--profile", options.profile, "AWS shared-config profile (default: AWS_PROFILE, then 'default')")
      ->type_name("NAME")
      ->group("AWS");
  app.add_option("--endpoint-url", options.endpoint_url, "Send every AWS call to this URL")
      ->type_name("URL")
      ->group("AWS");
  app.add_flag("--local", options.local, "Use the embedded local cloud instead of AWS")->group("AWS");
  app.add_option_function<std::string>(
         "--timeout", [&options](const std::string& v) { options.timeout = core::parse_duration(v).value(); },
         "Give up a network operation (an image push, one AWS call with its retries) after DURATION, e.g. 90s, "
         "15m, 1h; 0 = never (default: 30m)")
      ->check([](const std::string& v) {
        return core::parse_duration(v) ? std::string() : "'" + v + "' is not a duration such as 90s, 15m or 1h";
      })
      ->type_name("DURATION");
}

}  // namespace hoplite::app
