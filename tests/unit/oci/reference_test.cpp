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
