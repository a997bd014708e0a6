// The default credential chain with a temporary HOME and environment (restored afterwards), and
// the container endpoint, IMDSv2 and STS exercised over real HTTP against local test servers.

#include "hoplite/aws/credentials.hpp"

#include <atomic>
#include <ostream>

#include <gtest/gtest.h>

#include "fakes/fake_http_client.hpp"
#include "fakes/local_http_server.hpp"
#include "hoplite/core/file.hpp"
#include "unit/aws/env_guard.hpp"

namespace hoplite::aws {
namespace {

using ::hoplite::testing::EnvGuard;
using ::hoplite::testing::LocalHttpServer;

// Credentials must not be printable: nothing may stream the secret into a log by accident.
template <typename T>
concept Streamable = requires(std::ostream& os, const T& t) {
  os << t;
};
static_assert(!Streamable<Credentials>);

const core::TimePoint kNow = std::chrono::system_clock::from_time_t(1795000000);  // 2026-11-18T...

void write(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  ASSERT_TRUE(core::write_file_atomic(p, text).ok());
}

std::string iso(core::TimePoint t) { return core::format_iso8601(t); }

core::Result<Credentials> chain(const std::optional<std::string>& profile = std::nullopt,
                                core::Clock* clock = nullptr) {
  return default_credentials_chain({.profile = profile, .clock = clock})->credentials();
}

TEST(Credentials, RedactedKeyIdShowsOnlyTheEnds) {
  Credentials c{"AKIAIOSFODNN7EXAMPLE", "secret", "", std::nullopt, "x"};
  EXPECT_EQ(c.redacted_key_id(), "AKIA...MPLE");
}

TEST(CredentialChain, EnvironmentComesFirst) {
  EnvGuard env;
  write(env.home() / ".aws/credentials", "[default]\naws_access_key_id = FROMFILE\naws_secret_access_key = s\n");
  env.set("AWS_ACCESS_KEY_ID", "AKIDENV");
  env.set("AWS_SECRET_ACCESS_KEY", "envsecret");
  env.set("AWS_SESSION_TOKEN", "envtoken");
  auto c = chain();
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->access_key_id, "AKIDENV");
  EXPECT_EQ(c->secret_access_key, "envsecret");
  EXPECT_EQ(c->session_token, "envtoken");
  EXPECT_EQ(c->source, "environment");
}

TEST(CredentialChain, HalfSetEnvironmentIsAnError) {
  EnvGuard env;
  env.set("AWS_ACCESS_KEY_ID", "AKIDENV");
  auto c = chain();
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("AWS_SECRET_ACCESS_KEY is not"), std::string::npos) << c.error().message;
}

TEST(CredentialChain, ProfileFromCredentialsFileSelectedByEnvOrOption) {
  EnvGuard env;
  write(env.home() / ".aws/credentials",
        "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = d\n"
        "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devsecret\naws_session_token = devtoken\n");
  EXPECT_EQ(chain()->access_key_id, "AKIDDEFAULT");
  EXPECT_EQ(chain()->source, "profile default");
  env.set("AWS_PROFILE", "dev");
  auto dev = chain();
  ASSERT_TRUE(dev.ok()) << dev.error().to_string();
  EXPECT_EQ(dev->access_key_id, "AKIDDEV");
  EXPECT_EQ(dev->session_token, "devtoken");
  EXPECT_EQ(dev->source, "profile dev");
  EXPECT_EQ(chain("default")->access_key_id, "AKIDDEFAULT");
}

TEST(CredentialChain, FileLocationsFromEnvironmentAndConfigStyleProfiles) {
  EnvGuard env;
  write(env.home() / "elsewhere/config",
        "[profile ci]\nregion = eu-west-1\naws_access_key_id = AKIDCI\naws_secret_access_key = cisecret\n");
  env.set("AWS_CONFIG_FILE", (env.home() / "elsewhere/config").string());
  env.set("AWS_SHARED_CREDENTIALS_FILE", (env.home() / "elsewhere/none").string());
  auto c = chain("ci");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->access_key_id, "AKIDCI");
}

TEST(CredentialChain, AnExplicitProfileThatDoesNotExistIsAnError) {
  EnvGuard env;
  env.set("AWS_EC2_METADATA_DISABLED", "true");
  auto c = chain("nope");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "aws.credentials.profile");
  EXPECT_NE(c.error().message.find("'nope'"), std::string::npos);
}

TEST(CredentialChain, NothingFoundListsEverythingTried) {
  EnvGuard env;
  env.set("AWS_EC2_METADATA_DISABLED", "true");
  auto c = chain();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "aws.credentials.not_found");
  for (const char* tried : {"AWS_ACCESS_KEY_ID", "profile 'default'", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                            "instance metadata: disabled"})
    EXPECT_NE(c.error().message.find(tried), std::string::npos) << tried << " in:\n" << c.error().message;
}

TEST(CredentialChain, NothingFoundIncludesWhyInstanceMetadataFailed) {
  EnvGuard env;
  LocalHttpServer imds;  // an "instance" without a role: the token works, the role list is 404
  imds.router.on("PUT", "/latest/api/token",
                 [](http::ServerRequest&) { return http::make_response(200, "tok", "text/plain"); });
  imds.router.on("GET", "/latest/meta-data/iam/security-credentials/",
                 [](http::ServerRequest&) { return http::make_response(404); });
  imds.start();
  env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url());
  auto c = chain();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "aws.credentials.not_found");
  EXPECT_NE(c.error().message.find("no IAM role attached"), std::string::npos) << c.error().message;
}

TEST(CredentialChain, CredentialProcess) {
  EnvGuard env;
  std::string exp = iso(std::chrono::system_clock::now() + std::chrono::hours(1));
  write(env.home() / "creds.sh",
        "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", "
        "\"SecretAccessKey\": \"procsecret\", \"SessionToken\": \"proctoken\", "
        "\"Expiration\": \"" +
            exp + "\"}'\n");
  write(env.home() / "fail.sh", "#!/bin/sh\necho 'not logged in to the vault' >&2\nexit 3\n");
  write(env.home() / ".aws/config", "[profile proc]\ncredential_process = sh " + (env.home() / "creds.sh").string() +
                                        "\n[profile broken]\ncredential_process = sh " +
                                        (env.home() / "fail.sh").string() + "\n");
  auto c = chain("proc");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->access_key_id, "AKIDPROC");
  EXPECT_EQ(c->session_token, "proctoken");
  ASSERT_TRUE(c->expiration);
  EXPECT_EQ(iso(*c->expiration), exp);
  auto bad = chain("broken");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("exited with status 3: not logged in to the vault"), std::string::npos)
      << bad.error().message;
}

/// A local STS that answers AssumeRole (AWS query protocol) and records what it was sent.
struct FakeSts {
  LocalHttpServer srv;
  std::vector<std::string> bodies, authorizations;
  std::atomic<int> calls{0};
  std::string fail_code;  // when set: answer with this error
  core::TimePoint expiration = kNow + std::chrono::hours(1);

  FakeSts() {
    srv.router.on("POST", "/", [this](http::ServerRequest& req) {
      ++calls;
      bodies.push_back(::hoplite::testing::body_of(req));
      authorizations.push_back(::hoplite::testing::header(req, "Authorization"));
      if (!fail_code.empty()) {
        return http::make_response(
            403,
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>" +
                fail_code +
                "</Code><Message>User is not authorized to perform: sts:AssumeRole</Message>"
                "</Error><RequestId>rid-1</RequestId></ErrorResponse>",
            "text/xml");
      }
      return http::make_response(
          200,
          "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
          "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/deploy/hoplite</Arn></AssumedRoleUser>"
          "<Credentials><AccessKeyId>ASIAROLE" +
              std::to_string(calls.load()) +
              "</AccessKeyId><SecretAccessKey>rolesecret</SecretAccessKey><SessionToken>roletoken</SessionToken>"
              "<Expiration>" +
              iso(expiration) +
              "</Expiration></Credentials></AssumeRoleResult>"
              "<ResponseMetadata><RequestId>rid-2</RequestId></ResponseMetadata></AssumeRoleResponse>",
          "text/xml");
    });
    srv.start();
  }
};

TEST(CredentialChain, RoleArnWithSourceProfileCallsStsAssumeRole) {
  EnvGuard env;
  FakeSts sts;
  env.set("AWS_ENDPOINT_URL_STS", sts.srv.url());
  write(env.home() / ".aws/credentials", "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = basesecret\n");
  write(env.home() / ".aws/config",
        "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = base\n"
        "region = eu-west-1\n");
  core::FixedClock clock(kNow);
  auto provider = default_credentials_chain({.profile = "deploy", .clock = &clock});
  auto c = provider->credentials();
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->access_key_id, "ASIAROLE1");
  EXPECT_EQ(c->secret_access_key, "rolesecret");
  EXPECT_EQ(c->session_token, "roletoken");
  EXPECT_EQ(c->source, "profile deploy (role arn:aws:iam::123456789012:role/deploy)");
  ASSERT_EQ(sts.bodies.size(), 1u);
  EXPECT_EQ(sts.bodies[0],
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdeploy"
            "&RoleSessionName=hoplite");
  // Signed with the source profile's key, for STS in the profile's region, at the clock's time.
  EXPECT_EQ(
      sts.authorizations[0].rfind("AWS4-HMAC-SHA256 Credential=AKIDBASE/20261118/eu-west-1/sts/aws4_request, ", 0), 0u)
      << sts.authorizations[0];
  // Cached until close to expiry.
  EXPECT_EQ(provider->credentials()->access_key_id, "ASIAROLE1");
  EXPECT_EQ(sts.calls.load(), 1);
}

TEST(CredentialChain, AssumeRoleErrorsCarryTheStsCodeAndAreNotRetried) {
  EnvGuard env;
  FakeSts sts;
  sts.fail_code = "AccessDenied";
  env.set("AWS_ENDPOINT_URL_STS", sts.srv.url());
  write(env.home() / ".aws/credentials",
        "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = SECRETBASEKEY\n");
  write(env.home() / ".aws/config", "[profile deploy]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = base\n");
  auto c = chain("deploy");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "AccessDenied");
  EXPECT_EQ(c.error().http_status, 403);
  EXPECT_NE(c.error().message.find("not authorized"), std::string::npos) << c.error().message;
  EXPECT_EQ(c.error().to_string().find("SECRETBASEKEY"), std::string::npos);
  EXPECT_EQ(sts.calls.load(), 1);
}

TEST(CredentialChain, SourceProfileLoopsAndMissingSourcesAreReported) {
  EnvGuard env;
  write(env.home() / ".aws/config",
        "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n"
        "[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n"
        "[profile c]\nrole_arn = arn:aws:iam::1:role/c\nsource_profile = missing\n"
        "[profile d]\nrole_arn = arn:aws:iam::1:role/d\n");
  auto loop = chain("a");
  ASSERT_FALSE(loop.ok());
  EXPECT_NE(loop.error().message.find("a -> b -> a"), std::string::npos) << loop.error().message;
  auto missing = chain("c");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("'missing'"), std::string::npos) << missing.error().message;
  auto none = chain("d");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().message.find("source_profile or credential_source"), std::string::npos);
}

/// A local ECS credentials endpoint: checks the authorization token, counts calls, and hands out a
/// new key each time with the given expiry.
struct FakeContainerEndpoint {
  LocalHttpServer srv;
  std::atomic<int> calls{0};
  std::string expected_token;
  core::TimePoint expiration = kNow + std::chrono::minutes(10);
  int status = 200;

  FakeContainerEndpoint() {
    srv.router.on("GET", "/v2/credentials/task", [this](http::ServerRequest& req) {
      ++calls;
      if (::hoplite::testing::header(req, "Authorization") != expected_token) return http::make_response(401);
      return http::make_response(status,
                                 "{\"RoleArn\":\"arn:aws:iam::123456789012:role/task\",\"AccessKeyId\":\"ASIATASK" +
                                     std::to_string(calls.load()) +
                                     "\",\"SecretAccessKey\":\"tasksecret\",\"Token\":\"tasktoken\",\"Expiration\":\"" +
                                     iso(expiration) + "\"}",
                                 "application/json");
    });
    srv.start();
  }
};

TEST(CredentialChain, ContainerFullUriWithTokenFile) {
  EnvGuard env;
  FakeContainerEndpoint ecs;
  ecs.expected_token = "Bearer abc123";
  write(env.home() / "token", "Bearer abc123\n");
  env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", ecs.srv.url("/v2/credentials/task"));
  env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", (env.home() / "token").string());
  env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "ignored when the file is set");
  core::FixedClock clock(kNow);
  auto c = chain(std::nullopt, &clock);
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->access_key_id, "ASIATASK1");
  EXPECT_EQ(c->session_token, "tasktoken");
  EXPECT_EQ(c->source, "container");
  EXPECT_EQ(*c->expiration, kNow + std::chrono::minutes(10));
}

TEST(CredentialChain, ContainerTokenFromVariableAndRejectedToken) {
  EnvGuard env;
  FakeContainerEndpoint ecs;
  ecs.expected_token = "tok-env";
  env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", ecs.srv.url("/v2/credentials/task"));
  env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "tok-env");
  EXPECT_EQ(chain()->access_key_id, "ASIATASK1");
  env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong");
  auto bad = chain();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "aws.credentials.container");
  EXPECT_EQ(bad.error().http_status, 401);
  EXPECT_EQ(bad.error().message.find("wrong"), std::string::npos) << "token leaked: " << bad.error().message;
}

TEST(CredentialChain, ContainerFullUriOverPlainHttpOnlyToLoopback) {
  EnvGuard env;
  env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://credentials.example.com/creds");
  auto c = chain();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "aws.credentials.container");
}

TEST(CredentialChain, ContainerRelativeUriGoesToTheEcsAgentAddress) {
  EnvGuard env;
  ::hoplite::testing::FakeHttpClient http;
  http.respond(200, "{\"AccessKeyId\":\"ASIAREL\",\"SecretAccessKey\":\"s\",\"Token\":\"t\",\"Expiration\":\"" +
                        iso(kNow + std::chrono::hours(6)) + "\"}");
  env.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/0123-abcd");
  core::FixedClock clock(kNow);
  auto c = default_credentials_chain({.http = &http, .clock = &clock})->credentials();
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->access_key_id, "ASIAREL");
  ASSERT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(http.requests[0].url, "http://169.254.170.2/v2/credentials/0123-abcd");
}

TEST(CredentialChain, ExpiringCredentialsAreRefreshedBeforeTheyExpire) {
  EnvGuard env;
  FakeContainerEndpoint ecs;
  env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", ecs.srv.url("/v2/credentials/task"));
  core::FixedClock clock(kNow);
  auto provider = default_credentials_chain({.clock = &clock});
  EXPECT_EQ(provider->credentials()->access_key_id, "ASIATASK1");  // expires at kNow + 10 min
  clock.set(kNow + std::chrono::minutes(4));
  EXPECT_EQ(provider->credentials()->access_key_id, "ASIATASK1") << "6 minutes left: still fresh";
  EXPECT_EQ(ecs.calls.load(), 1);
  ecs.expiration = kNow + std::chrono::minutes(70);
  clock.set(kNow + std::chrono::minutes(6));
  EXPECT_EQ(provider->credentials()->access_key_id, "ASIATASK2") << "4 minutes left: refreshed";
  EXPECT_EQ(ecs.calls.load(), 2);
  // The endpoint breaks: the still-valid key keeps working; once expired, the error surfaces.
  ecs.status = 500;
  clock.set(kNow + std::chrono::minutes(66));
  EXPECT_EQ(provider->credentials()->access_key_id, "ASIATASK2");
  clock.set(kNow + std::chrono::minutes(71));
  auto expired = provider->credentials();
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().http_status, 500);
}

/// A local IMDSv2: a token must be fetched with PUT and presented on every GET.
struct FakeImds {
  LocalHttpServer srv;
  std::atomic<int> token_puts{0};
  std::string ttl_header;

  FakeImds() {
    srv.router.on("PUT", "/latest/api/token", [this](http::ServerRequest& req) {
      ++token_puts;
      ttl_header = ::hoplite::testing::header(req, "X-aws-ec2-metadata-token-ttl-seconds");
      return http::make_response(200, "imds-session-token", "text/plain");
    });
    auto has_token = [](const http::ServerRequest& req) {
      return ::hoplite::testing::header(req, "X-aws-ec2-metadata-token") == "imds-session-token";
    };
    srv.router.on("GET", "/latest/meta-data/iam/security-credentials/", [has_token](http::ServerRequest& req) {
      if (!has_token(req)) return http::make_response(401);
      return http::make_response(200, "hoplite-instance-role", "text/plain");
    });
    srv.router.on("GET", "/latest/meta-data/iam/security-credentials/hoplite-instance-role",
                  [has_token](http::ServerRequest& req) {
                    if (!has_token(req)) return http::make_response(401);
                    return http::make_response(
                        200,
                        "{\"Code\":\"Success\",\"Type\":\"AWS-HMAC\",\"AccessKeyId\":\"ASIAIMDS\","
                        "\"SecretAccessKey\":\"imdssecret\",\"Token\":\"imdstoken\",\"Expiration\":\"" +
                            iso(kNow + std::chrono::hours(6)) + "\"}",
                        "application/json");
                  });
    srv.start();
  }
};

TEST(CredentialChain, InstanceMetadataWithImdsV2Token) {
  EnvGuard env;
  FakeImds imds;
  env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.srv.url("/"));
  core::FixedClock clock(kNow);
  auto provider = default_credentials_chain({.clock = &clock});
  auto c = provider->credentials();
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->access_key_id, "ASIAIMDS");
  EXPECT_EQ(c->session_token, "imdstoken");
  EXPECT_EQ(c->source, "imds");
  EXPECT_EQ(imds.ttl_header, "21600");
  EXPECT_EQ(provider->credentials()->access_key_id, "ASIAIMDS");
  EXPECT_EQ(imds.token_puts.load(), 1) << "the probe's credentials are reused, not fetched twice";
}

TEST(CredentialChain, InstanceMetadataCanBeDisabled) {
  EnvGuard env;
  FakeImds imds;
  env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.srv.url());
  env.set("AWS_EC2_METADATA_DISABLED", "true");
  EXPECT_FALSE(chain().ok());
  EXPECT_EQ(imds.token_puts.load(), 0);
}

}  // namespace
}  // namespace hoplite::aws
