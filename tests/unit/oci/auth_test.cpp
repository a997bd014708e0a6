#include "hoplite/oci/auth.hpp"

#include <gtest/gtest.h>

#include "fakes/fake_http_client.hpp"
#include "hoplite/core/base64.hpp"
#include "hoplite/core/file.hpp"
#include "support/golden.hpp"

namespace hoplite::oci {
namespace {

using ::hoplite::testing::FakeHttpClient;
using ::hoplite::testing::TempDir;

TEST(WwwAuthenticate, ParsesBearerParameters) {
  auto c = parse_www_authenticate(
      R"(Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push")");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].scheme, "bearer");
  EXPECT_EQ(c[0].params["realm"], "https://auth.example/token");
  EXPECT_EQ(c[0].params["service"], "registry.example");
  EXPECT_EQ(c[0].params["scope"], "repository:a/b:pull,push");
}

TEST(WwwAuthenticate, ParsesBasicAndSeveralChallenges) {
  auto c = parse_www_authenticate(R"(Basic realm="Registry Realm", Bearer realm=https://x/t)");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].scheme, "basic");
  EXPECT_EQ(c[0].params["realm"], "Registry Realm");
  EXPECT_EQ(c[1].params["realm"], "https://x/t");
}

TEST(DockerConfig, ReadsBase64AuthAndUsernamePassword) {
  TempDir dir;
  ASSERT_TRUE(core::write_file_atomic(dir.path() / "config.json", R"({"auths": {
      "127.0.0.1:5000": {"auth": ")" + core::base64_encode("alice:s3cret:with:colons") +
                                                                      R"("},
      "https://index.docker.io/v1/": {"username": "bob", "password": "pw"}}})"));
  auto local = credentials_from_docker_config("127.0.0.1:5000", dir.path()).value();
  ASSERT_TRUE(local.has_value());
  EXPECT_EQ(local->username, "alice");
  EXPECT_EQ(local->password, "s3cret:with:colons");
  auto hub = credentials_from_docker_config("docker.io", dir.path()).value();
  ASSERT_TRUE(hub.has_value());
  EXPECT_EQ(hub->username, "bob");
  EXPECT_FALSE(credentials_from_docker_config("other:5000", dir.path()).value().has_value());
}

TEST(DockerConfig, MissingFileMeansNoCredentials) {
  TempDir dir;
  auto r = credentials_from_docker_config("127.0.0.1:5000", dir.path());
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->has_value());
}

TEST(DockerConfig, MalformedFileIsAnErrorThatLeaksNothing) {
  TempDir dir;
  ASSERT_TRUE(core::write_file_atomic(dir.path() / "config.json", R"({"auths": {"r": {"auth": "!!secret!!"}}})"));
  auto r = credentials_from_docker_config("r", dir.path());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "oci.auth.config");
  EXPECT_EQ(r.error().message.find("secret"), std::string::npos);
}

TEST(DockerConfig, DirectoryFollowsDockerConfigVariable) {
  ::setenv("DOCKER_CONFIG", "/some/where", 1);
  EXPECT_EQ(docker_config_dir(), "/some/where");
  ::unsetenv("DOCKER_CONFIG");
}

constexpr std::string_view kUrl = "https://reg.example/v2/";

http::Response unauthorized(std::string challenge) {
  http::Response r{401, {}, {}};
  r.headers.set("WWW-Authenticate", std::move(challenge));
  return r;
}

TEST(Authenticator, BasicChallengeUsesCredentialsThenRejectsThemIfRefusedAgain) {
  FakeHttpClient client;
  Authenticator auth("127.0.0.1:5000", Credentials{"AWS", "tok3n"}, {});
  EXPECT_EQ(auth.header_for(kUrl), "");
  ASSERT_TRUE(auth.answer(kUrl, unauthorized("Basic realm=\"r\""), "", client));
  EXPECT_EQ(auth.header_for(kUrl), "Basic " + core::base64_encode("AWS:tok3n"));
  auto again = auth.answer(kUrl, unauthorized("Basic realm=\"r\""), auth.header_for(kUrl), client);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "registry.unauthorized");
  EXPECT_EQ(again.error().http_status, 401);
  EXPECT_NE(again.error().message.find("127.0.0.1:5000"), std::string::npos);
  EXPECT_NE(again.error().message.find("401"), std::string::npos);
  EXPECT_NE(again.error().message.find("AWS"), std::string::npos);
  EXPECT_EQ(again.error().message.find("tok3n"), std::string::npos);
  EXPECT_TRUE(client.requests.empty());
}

TEST(Authenticator, BasicChallengeWithoutCredentialsSaysSo) {
  FakeHttpClient client;
  Authenticator auth("reg.example", std::nullopt, {});
  auto r = auth.answer(kUrl, unauthorized("Basic realm=\"r\""), "", client);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("no credentials"), std::string::npos);
}

TEST(Authenticator, BearerFlowFetchesTokenWithScopes) {
  FakeHttpClient client;
  client.respond(200, R"({"token":"abc"})");
  Authenticator auth("reg.example", Credentials{"u", "p"}, {"repository:svc:pull,push"});
  ASSERT_TRUE(
      auth.answer(kUrl, unauthorized(R"(Bearer realm="https://auth.example/token",service="reg")"), "", client));
  EXPECT_EQ(auth.header_for(kUrl), "Bearer abc");
  ASSERT_EQ(client.requests.size(), 1u);
  EXPECT_EQ(client.requests[0].url, "https://auth.example/token?service=reg&scope=repository%3Asvc%3Apull%2Cpush");
  EXPECT_EQ(client.requests[0].headers.get("Authorization"), "Basic " + core::base64_encode("u:p"));
}

TEST(Authenticator, AnonymousBearerTokenAndAccessTokenField) {
  FakeHttpClient client;
  client.respond(200, R"({"access_token":"xyz"})");
  Authenticator auth("reg.example", std::nullopt, {});
  ASSERT_TRUE(auth.answer(kUrl, unauthorized(R"(Bearer realm="https://a/t",scope="repository:x:pull")"), "", client));
  EXPECT_EQ(auth.header_for(kUrl), "Bearer xyz");
  EXPECT_FALSE(client.requests[0].headers.has("Authorization"));
  EXPECT_NE(client.requests[0].url.find("scope=repository%3Ax%3Apull"), std::string::npos);
}

TEST(Authenticator, TokenServiceRefusalIsUnauthorized) {
  FakeHttpClient client;
  client.respond(401, "{}");
  Authenticator auth("reg.example", Credentials{"u", "wrong"}, {});
  auto r = auth.answer(kUrl, unauthorized(R"(Bearer realm="https://a/t")"), "", client);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "registry.unauthorized");
  EXPECT_EQ(r.error().message.find("wrong"), std::string::npos);
}

TEST(Authenticator, AnotherWorkerAlreadyAnsweredMeansNoNewRequest) {
  FakeHttpClient client;
  client.respond(200, R"({"token":"t1"})");
  Authenticator auth("reg.example", std::nullopt, {});
  ASSERT_TRUE(auth.answer(kUrl, unauthorized(R"(Bearer realm="https://a/t")"), "", client));
  // A second worker that had sent the old (empty) header: nothing to do.
  ASSERT_TRUE(auth.answer(kUrl, unauthorized(R"(Bearer realm="https://a/t")"), "", client));
  EXPECT_EQ(client.requests.size(), 1u);
  EXPECT_EQ(auth.header_for(kUrl), "Bearer t1");
}

TEST(Authenticator, CredentialsGoOnlyToTheOriginThatChallenged) {
  FakeHttpClient client;
  Authenticator auth("reg.example", Credentials{"u", "p"}, {});
  ASSERT_TRUE(auth.answer(kUrl, unauthorized("Basic realm=\"r\""), "", client));
  EXPECT_NE(auth.header_for("https://reg.example/v2/svc/blobs/uploads/1?state=x"), "");
  EXPECT_NE(auth.header_for("https://REG.example:443/v2/"), "") << "the same origin, spelled differently";
  EXPECT_EQ(auth.header_for("https://evil.example/v2/svc/blobs/uploads/1"), "") << "another host";
  EXPECT_EQ(auth.header_for("http://reg.example/v2/"), "") << "a downgrade to plain HTTP";
  EXPECT_EQ(auth.header_for("https://reg.example:8443/v2/"), "") << "another port";
  EXPECT_EQ(auth.header_for("https://reg.example.evil.example/v2/"), "");
  EXPECT_EQ(auth.header_for("not a url"), "");
}

TEST(Authenticator, AChallengeFromAnotherOriginIsRefused) {
  FakeHttpClient client;
  Authenticator auth("reg.example", Credentials{"u", "p"}, {});
  ASSERT_TRUE(auth.answer(kUrl, unauthorized("Basic realm=\"r\""), "", client));
  auto r = auth.answer("https://evil.example/upload", unauthorized("Basic realm=\"r\""), "", client);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "registry.unauthorized");
  EXPECT_NE(r.error().message.find("https://evil.example asked for credentials that belong to https://reg.example"),
            std::string::npos)
      << r.error().message;
}

TEST(Authenticator, EveryWwwAuthenticateHeaderIsRead) {
  FakeHttpClient client;
  client.respond(200, R"({"token":"t"})");
  http::Response r{401, {}, {}};
  r.headers.add("WWW-Authenticate", "Negotiate");
  r.headers.add("WWW-Authenticate", R"(Bearer realm="https://auth.example/token")");
  Authenticator auth("reg.example", std::nullopt, {});
  ASSERT_TRUE(auth.answer(kUrl, r, "", client));
  EXPECT_EQ(auth.header_for(kUrl), "Bearer t");
}

TEST(Authenticator, CredentialsNeverGoToAPlainHttpRealmOfAnHttpsRegistry) {
  FakeHttpClient client;
  Authenticator auth("reg.example", Credentials{"u", "p"}, {});
  auto r = auth.answer(kUrl, unauthorized(R"(Bearer realm="http://auth.example/token")"), "", client);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("over plain HTTP"), std::string::npos) << r.error().message;
  EXPECT_TRUE(client.requests.empty()) << "nothing was sent";
  // A loopback registry spoken to over plain HTTP may use a plain HTTP realm.
  FakeHttpClient local;
  local.respond(200, R"({"token":"t"})");
  Authenticator loop("127.0.0.1:5000", Credentials{"u", "p"}, {});
  EXPECT_TRUE(
      loop.answer("http://127.0.0.1:5000/v2/", unauthorized(R"(Bearer realm="http://127.0.0.1:5001/t")"), "", local));
}

TEST(WwwAuthenticate, HostileHeadersAreBounded) {
  std::string many;
  for (int i = 0; i < 1000; ++i) many += "Basic realm=\"r\", ";
  EXPECT_EQ(parse_www_authenticate(many).size(), 16u);
  std::string params = "Bearer ";
  for (int i = 0; i < 1000; ++i) params += "k" + std::to_string(i) + "=v,";
  EXPECT_EQ(parse_www_authenticate(params)[0].params.size(), 32u);
  EXPECT_TRUE(parse_www_authenticate("Bearer realm=\"" + std::string(10000, 'x') + "\"")[0].params.empty());
  EXPECT_EQ(parse_www_authenticate("Bearer realm=\"unterminated").size(), 1u);
}

}  // namespace
}  // namespace hoplite::oci
