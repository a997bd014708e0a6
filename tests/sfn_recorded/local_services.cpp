#include "sfn_recorded/local_services.hpp"

#include <fmt/format.h>
#include <stdlib.h>

#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>

#include "hoplite/core/time_format.hpp"
#include "hoplite/local/cloud.hpp"
#include "local/s3/s3_service.hpp"
#include "local/services.hpp"
#include "local/states/states_integration.hpp"
#include "local/states/states_service.hpp"

namespace hoplite::sfn::recorded {
namespace {

constexpr const char* kAccount = "111111111111";
constexpr const char* kRegion = "us-east-1";

local::CallContext setup_context(core::TimePoint now) {
  return local::CallContext{.request_id = "recorded-setup",
                            .region = kRegion,
                            .principal = local::auth::Principal{.account_id = kAccount,
                                                                .arn = fmt::format("arn:aws:iam::{}:root", kAccount),
                                                                .user_id = kAccount,
                                                                .access_key_id = {},
                                                                .temporary = false},
                            .now = now,
                            .host = {}};
}

// Replaces, in every string of `v`, a value the setup created (its recorded placeholder form)
// by the real one: `arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>`.
void put_back(Json& v, const std::string& marker, const std::string& value) {
  if (v.is_string()) {
    if (v.get<std::string>().find(marker) != std::string::npos) v = value;
  } else if (v.is_structured()) {
    for (auto& child : v) put_back(child, marker, value);
  }
}

}  // namespace

bool local_services_serve(const RecordedCase& c) {
  bool sdk = false;
  bool others = false;
  for (const auto& n : c.meta["needs"]) {
    std::string s = n.get<std::string>();
    if (s == "aws-sdk:s3" || s == "aws-sdk:sfn") {
      sdk = true;
    } else if (s != "states") {
      others = true;
    }
  }
  // `states` (a second state machine) only beside aws-sdk:sfn: the `states:startExecution` cases
  // are the optimised integration's, not run here yet (see docs/local.md).
  return sdk && !others;
}

struct LocalServices::Impl {
  std::filesystem::path dir;
  core::FixedClock clock{*core::parse_iso8601("2025-06-01T12:00:00Z")};
  local::ServiceContext* house = nullptr;
  local::s3::S3Service* s3 = nullptr;
  local::states::StatesService* states = nullptr;
  std::unique_ptr<local::LocalCloud> cloud;
  std::unique_ptr<local::states::Integrations> integrations;
  std::mutex mu;
  std::deque<std::function<void()>> posted;

  ~Impl() {
    integrations.reset();
    cloud.reset();
    std::error_code ec;
    if (!dir.empty()) std::filesystem::remove_all(dir, ec);
  }
};

LocalServices::LocalServices(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LocalServices::~LocalServices() = default;

std::unique_ptr<LocalServices> LocalServices::open(const RecordedCase& c, Json& input, std::string* why) {
  auto impl = std::make_unique<Impl>();
  std::string tmpl = (std::filesystem::temp_directory_path() / "hoplite-sfn-recorded-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) {
    *why = "cannot make a temporary directory";
    return nullptr;
  }
  impl->dir = tmpl;
  Impl* p = impl.get();
  auto cloud = local::LocalCloud::open({.data_dir = p->dir / "state",
                                        .clock = &p->clock,
                                        .credentials = {},
                                        .request_log = false,
                                        .services = [p](local::ServiceContext& house) {
                                          auto services = local::make_services(house);
                                          p->house = &house;
                                          for (auto& s : services) {
                                            if (auto* s3 = dynamic_cast<local::s3::S3Service*>(s.get())) p->s3 = s3;
                                            if (auto* st = dynamic_cast<local::states::StatesService*>(s.get()))
                                              p->states = st;
                                          }
                                          return services;
                                        }});
  if (!cloud) {
    *why = "local cloud: " + cloud.error().to_string();
    return nullptr;
  }
  p->cloud = std::move(*cloud);
  if (p->s3 == nullptr || p->states == nullptr || p->house == nullptr) {
    *why = "the local cloud has no S3 or Step Functions";
    return nullptr;
  }
  // No IAM here: the recorded role is the test's own (IAM is tested in tests/local).
  p->integrations =
      std::make_unique<local::states::Integrations>(*p->states, *p->house, local::states::StatesPeers{.s3 = p->s3});
  p->integrations->set_poster([p](std::function<void()> work) {
    std::lock_guard lock(p->mu);
    p->posted.push_back(std::move(work));
  });

  local::CallContext ctx = setup_context(p->clock.now());
  for (const auto& step : c.meta["setup"]) {
    std::string call = step.value("call", "");
    if (call == "s3_create_bucket") {
      std::string bucket = input.value("Bucket", "");
      if (auto ok = p->s3->create_bucket(ctx, {.bucket = bucket, .location_constraint = {}}); !ok) {
        *why = "setup s3_create_bucket: " + ok.error().to_string();
        return nullptr;
      }
    } else if (call == "put_object") {
      const Json& kw = step["kwargs"];
      std::string body = kw.value("Body", "");
      // `<call bytearray>`: a value the extraction could not compute; the object's bytes are the
      // Body getObject answered (the case's expected output).
      if (body.starts_with("<") && c.expected.contains("output") && c.expected["output"].contains("Body"))
        body = c.expected["output"]["Body"].get<std::string>();
      auto put = p->s3->put_object_bytes(ctx, input.value("Bucket", ""), kw.value("Key", ""), body, "");
      if (!put) {
        *why = "setup put_object: " + put.error().to_string();
        return nullptr;
      }
    } else if (step.contains("create_state_machine")) {
      aws::sfn::CreateStateMachineRequest req;
      req.name = "RecordedTarget";
      req.definition = step["create_state_machine"]["definition"].dump();
      req.role_arn = fmt::format("arn:aws:iam::{}:role/RecordedRole", kAccount);
      auto made = p->states->create_state_machine(ctx, req);
      if (!made) {
        *why = "setup create_state_machine: " + made.error().to_string();
        return nullptr;
      }
      put_back(input, ":stateMachine:<", made->state_machine_arn);
    } else {
      *why = "setup step not replayed: " + step.dump();
      return nullptr;
    }
  }
  return std::unique_ptr<LocalServices>(new LocalServices(std::move(impl)));
}

TaskIntegration& LocalServices::integration() { return *impl_->integrations; }

bool LocalServices::pump() {
  std::deque<std::function<void()>> work;
  {
    std::lock_guard lock(impl_->mu);
    work.swap(impl_->posted);
  }
  for (auto& w : work) w();
  return !work.empty();
}

}  // namespace hoplite::sfn::recorded
