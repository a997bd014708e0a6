#include "hoplite/oci/image_config.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace hoplite::oci {
namespace {

using testing::read_testdata;
using testing::schema_errors;

ImageConfig worked_example_config() {
  ImageConfig c;
  c.architecture = "amd64";
  c.os = "linux";
  c.created = 0;
  c.config.cmd = {"/bin/sh", "-c", "cat /hello.txt"};
  c.config.env = {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"};
  c.config.working_dir = "/";
  c.diff_ids = {Digest::parse("sha256:d34fdad1a217f14afc35073eefb22f19e39079af700458a3a6432723542955dc").value()};
  c.history = {HistoryEntry{"COPY hello.txt /", "", false, 0}};
  return c;
}

TEST(ImageConfig, SerialisesTheWorkedExampleByteForByte) {
  std::string json = worked_example_config().to_json();
  EXPECT_EQ(json,
            read_testdata(
                "oci/worked-example/blobs/sha256/8c5343a0bcb1a8e930c263c035a2e0791c1472fc9768940224d0b63076f50d0f"));
  EXPECT_EQ(Digest::of(json).str(), "sha256:8c5343a0bcb1a8e930c263c035a2e0791c1472fc9768940224d0b63076f50d0f");
}

TEST(ImageConfig, WithoutACreatedTimeThereIsNoTimeAtAll) {
  ImageConfig c = worked_example_config();
  c.created.reset();
  c.history[0].created.reset();
  std::string json = c.to_json();
  EXPECT_EQ(json.find("created\""), std::string::npos) << json;
  EXPECT_EQ(json.find("1970"), std::string::npos) << json;
  EXPECT_EQ(schema_errors(json, "config-schema.json"), "");
}

TEST(ImageConfig, RoundTripsEveryField) {
  ImageConfig c = worked_example_config();
  c.created = 1700000000;
  c.variant = "v8";
  c.author = "hoplite";
  c.config.user = "65532:65532";
  c.config.entrypoint = {"/app/service"};
  c.config.labels = {{"org.opencontainers.image.revision", "abc"}, {"org.opencontainers.image.title", "svc"}};
  c.config.exposed_ports = {"8080/tcp"};
  c.config.stop_signal = "SIGTERM";
  c.history.push_back(HistoryEntry{"x", "a comment", true, std::nullopt});
  std::string json = c.to_json();
  EXPECT_NE(json.find(R"("created":"2023-11-14T22:13:20Z")"), std::string::npos) << json;
  EXPECT_EQ(schema_errors(json, "config-schema.json"), "");
  auto back = ImageConfig::parse(json);
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(*back, c);
  EXPECT_EQ(back->to_json(), json);
}

TEST(ImageConfig, ParsesTheSpecExampleAndForeignTimes) {
  auto c = ImageConfig::parse(read_testdata("oci/spec-examples/config-1-image-json.json"));
  ASSERT_TRUE(c) << c.error().to_string();
  EXPECT_EQ(c->architecture, "amd64");
  EXPECT_EQ(c->config.user, "alice");
  EXPECT_EQ(c->config.exposed_ports, std::vector<std::string>{"8080/tcp"});
  EXPECT_EQ(c->diff_ids.size(), 2u);
  ASSERT_TRUE(c->created);
  EXPECT_EQ(*c->created, 1446330176);  // 2015-10-31T22:22:56.015925234Z (fraction dropped)
}

TEST(ImageConfig, RejectsDocumentsWithoutTheRequiredFields) {
  EXPECT_FALSE(ImageConfig::parse(R"({"os":"linux","rootfs":{"type":"layers","diff_ids":[]}})"));
  EXPECT_FALSE(ImageConfig::parse(R"({"architecture":"amd64","os":"linux"})"));
  EXPECT_FALSE(ImageConfig::parse(R"({"architecture":"amd64","os":"linux","rootfs":{"type":"x","diff_ids":[]}})"));
  auto bad =
      ImageConfig::parse(R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["nope"]}})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "oci.config");
}

}  // namespace
}  // namespace hoplite::oci
