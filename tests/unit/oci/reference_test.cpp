#include "hoplite/oci/reference.hpp"

#include <gtest/gtest.h>

namespace hoplite::oci {
namespace {

const std::string kDigest = "sha256:" + std::string(64, 'a');

TEST(Reference, LoopbackRegistryWithPortAndTag) {
  auto ref = Reference::parse("127.0.0.1:5000/svc:v1").value();
  EXPECT_EQ(ref.registry, "127.0.0.1:5000");
  EXPECT_EQ(ref.repository, "svc");
  EXPECT_EQ(ref.tag, "v1");
  EXPECT_EQ(ref.digest, "");
  EXPECT_TRUE(ref.is_loopback());
  EXPECT_EQ(ref.to_string(), "127.0.0.1:5000/svc:v1");
  EXPECT_EQ(ref.manifest_reference(), "v1");
}

TEST(Reference, TagAndDigest) {
  auto ref = Reference::parse("registry.example.com/team/svc:v1@" + kDigest).value();
  EXPECT_EQ(ref.registry, "registry.example.com");
  EXPECT_EQ(ref.repository, "team/svc");
  EXPECT_EQ(ref.tag, "v1");
  EXPECT_EQ(ref.digest, kDigest);
  EXPECT_EQ(ref.manifest_reference(), kDigest);
  EXPECT_FALSE(ref.is_loopback());
  EXPECT_EQ(ref.with_digest(kDigest).to_string(), "registry.example.com/team/svc@" + kDigest);
}

TEST(Reference, DockerHubDefaults) {
  auto ref = Reference::parse("alpine").value();
  EXPECT_EQ(ref.registry, "docker.io");
  EXPECT_EQ(ref.repository, "library/alpine");
  EXPECT_EQ(ref.manifest_reference(), "latest");
  EXPECT_EQ(ref.api_host(), "registry-1.docker.io");
  EXPECT_EQ(Reference::parse("user/app:1").value().repository, "user/app");
  EXPECT_EQ(Reference::parse("index.docker.io/user/app").value().registry, "docker.io");
}

TEST(Reference, LocalhostAndIpv6AreLoopback) {
  EXPECT_TRUE(Reference::parse("localhost/svc").value().is_loopback());
  EXPECT_TRUE(Reference::parse("localhost:5000/svc").value().is_loopback());
  EXPECT_TRUE(Reference::parse("[::1]:5000/svc").value().is_loopback());
  EXPECT_FALSE(Reference::parse("128.0.0.1:5000/svc").value().is_loopback());
}

TEST(Reference, LoopbackMeansAnAddressNotANameThatLooksLikeOne) {
  // Issue 12: any host starting with "127." got plain HTTP.
  EXPECT_TRUE(Reference::parse("127.0.0.2:5000/svc").value().is_loopback());
  EXPECT_TRUE(Reference::parse("127.255.255.254/svc").value().is_loopback());
  EXPECT_FALSE(Reference::parse("127.evil.example/svc").value().is_loopback());
  EXPECT_FALSE(Reference::parse("127.0.0.1.evil.example:5000/svc").value().is_loopback());
  EXPECT_FALSE(Reference::parse("127.1:5000/svc").value().is_loopback()) << "not a dotted-quad address";
  EXPECT_FALSE(Reference::parse("localhost.evil.example/svc").value().is_loopback());
}

TEST(Reference, HostileTextIsRefusedQuicklyAndNeverEchoedWhole) {
  // Issue 12: a 30,000-character name crashed std::regex (its recursion) before the length check.
  std::string huge(30'000, 'a');
  auto r = Reference::parse("127.0.0.1:5000/" + huge);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("longer than 512"), std::string::npos) << r.error().message;
  EXPECT_LT(r.error().message.size(), 400u);
  std::string many_components;
  for (int i = 0; i < 26; ++i) many_components += "a-b__c.d/";
  EXPECT_TRUE(Reference::parse("reg.example/" + many_components + "x").ok()) << "234 characters, 27 components";
  EXPECT_TRUE(is_valid_repository("a-b__c.d/e--f/g_h"));
  for (const char* bad : {"a___b", "a_.b", "-a", "a-", "a/", "/a", "a//b", "a.-b", "A", "a b"})
    EXPECT_FALSE(is_valid_repository(bad)) << bad;
  EXPECT_FALSE(is_valid_repository(std::string(256, 'a')));
  EXPECT_TRUE(is_valid_tag(std::string(128, 'a')));
  EXPECT_FALSE(is_valid_tag(std::string(129, 'a')));
  for (const char* bad : {"", ".a", "-a", "a/b", "v2?x", "v#1", "a:b", "ü"}) EXPECT_FALSE(is_valid_tag(bad)) << bad;
}

TEST(Reference, CredentialsInAReferenceAreRefusedAndNotEchoed) {
  auto r = Reference::parse("alice:s3cr3t@reg.example/svc");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("cannot carry credentials"), std::string::npos);
  EXPECT_EQ(r.error().message.find("s3cr3t"), std::string::npos) << r.error().message;
  EXPECT_FALSE(Reference::parse("127.0.0.1:/svc")) << "an empty port";
}

TEST(Reference, RecognisesEcrHosts) {
  auto ref = Reference::parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/svc:latest").value();
  ASSERT_TRUE(ref.ecr().has_value());
  EXPECT_EQ(ref.ecr()->account, "123456789012");
  EXPECT_EQ(ref.ecr()->region, "eu-west-1");
  auto cn = Reference::parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/svc").value();
  ASSERT_TRUE(cn.ecr().has_value());
  EXPECT_EQ(cn.ecr()->region, "cn-north-1");
  EXPECT_FALSE(Reference::parse("example.com/svc").value().ecr().has_value());
  EXPECT_FALSE(Reference::parse("12345.dkr.ecr.us-east-1.amazonaws.com/svc").value().ecr().has_value());
}

TEST(Reference, RejectsInvalidInput) {
  for (const char* bad :
       {"", "Upper/Case", "svc:", "svc@sha256:abc", "svc:bad!tag", "127.0.0.1:5000/", "a//b", "svc@md5:0123"}) {
    auto r = Reference::parse(bad);
    EXPECT_FALSE(r) << bad;
    if (!r) {
      EXPECT_EQ(r.error().code, "oci.reference") << bad;
    }
  }
  auto r = Reference::parse("svc:bad!tag");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("svc:bad!tag"), std::string::npos);
}

TEST(Reference, DigestSyntax) {
  EXPECT_TRUE(is_sha256_digest(kDigest));
  EXPECT_FALSE(is_sha256_digest("sha256:" + std::string(64, 'A')));
  EXPECT_FALSE(is_sha256_digest("sha256:" + std::string(63, 'a')));
}

}  // namespace
}  // namespace hoplite::oci
