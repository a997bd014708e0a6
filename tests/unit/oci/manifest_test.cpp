#include "hoplite/oci/manifest.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace hoplite::oci {
namespace {

using testing::read_testdata;
using testing::schema_errors;

Digest digest(const char* s) { return Digest::parse(s).value(); }

const char* kConfigDigest = "sha256:8c5343a0bcb1a8e930c263c035a2e0791c1472fc9768940224d0b63076f50d0f";
const char* kLayerDigest = "sha256:230fb2aa3f686a57833bb43d367bbe6a2ea3fd26257ce000466c990ab303eda8";
const char* kManifestDigest = "sha256:81fa0c8cabcf4d05b9df5265b2cfff191b17e169db75f38ec2ce2b7e50964c7b";

Manifest worked_example_manifest() {
  Manifest m;
  m.config = Descriptor{std::string(kOciConfig), digest(kConfigDigest), 407, {}, std::nullopt};
  m.layers = {Descriptor{std::string(kOciLayerGzip), digest(kLayerDigest), 115, {}, std::nullopt}};
  return m;
}

// The worked example was written independently of this code; our canonical JSON must give its
// exact bytes, hence its digest.
TEST(Manifest, SerialisesTheWorkedExampleByteForByte) {
  std::string json = worked_example_manifest().to_json();
  EXPECT_EQ(json,
            read_testdata(
                "oci/worked-example/blobs/sha256/81fa0c8cabcf4d05b9df5265b2cfff191b17e169db75f38ec2ce2b7e50964c7b"));
  EXPECT_EQ(Digest::of(json).str(), kManifestDigest);
  EXPECT_EQ(schema_errors(json, "image-manifest-schema.json"), "");
}

TEST(ImageIndex, SerialisesTheWorkedExampleByteForByte) {
  ImageIndex idx;
  Descriptor d{std::string(kOciManifest), digest(kManifestDigest), 401, {}, Platform{"amd64", "linux", ""}};
  idx.manifests = {d};
  EXPECT_EQ(idx.to_json(),
            read_testdata(
                "oci/worked-example/blobs/sha256/3c822edba016c77463e08d404c6cdce09ecb2d26b02faf4df6ef9d153c264109"));
  idx.manifests[0].annotations[std::string(kRefNameAnnotation)] = "latest";
  EXPECT_EQ(idx.to_json() + "\n", read_testdata("oci/worked-example/index.json") + "\n");
  EXPECT_EQ(schema_errors(idx.to_json(), "image-index-schema.json"), "");
}

TEST(Manifest, RoundTripsThroughParse) {
  Manifest m = worked_example_manifest();
  m.annotations["org.opencontainers.image.title"] = "svc";
  m.layers[0].annotations["a"] = "b";
  auto back = Manifest::parse(m.to_json());
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(*back, m);
  EXPECT_EQ(back->to_json(), m.to_json());
}

TEST(Manifest, ParsesTheSpecExample) {
  auto m = Manifest::parse(read_testdata("oci/spec-examples/manifest-1-manifest.json"));
  ASSERT_TRUE(m) << m.error().to_string();
  EXPECT_EQ(m->media_type, kOciManifest);
  EXPECT_EQ(m->config.media_type, kOciConfig);
  EXPECT_EQ(m->layers.size(), 3u);
  EXPECT_EQ(m->annotations.at("com.example.key1"), "value1");
}

TEST(Manifest, DockerSchema2IsAManifestToo) {
  Manifest m = worked_example_manifest();
  m.media_type = std::string(kDockerManifest);
  m.config.media_type = std::string(kDockerConfig);
  auto back = Manifest::parse(m.to_json());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->media_type, kDockerManifest);
}

TEST(Manifest, RejectsBrokenDocuments) {
  struct Case {
    const char* json;
    const char* says;
  };
  for (
      const auto& c : std::vector<Case>{
          {"not json", "not valid JSON"},
          {"[]", "JSON object"},
          {R"({"schemaVersion":1,"config":{},"layers":[]})", "schemaVersion must be 2"},
          {R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","config":{},"layers":[]})",
           "unexpected mediaType"},
          {R"({"schemaVersion":2,"layers":[]})", "config missing"},
          {R"({"schemaVersion":2,"config":{"mediaType":"a/b","digest":"sha256:xyz","size":1},"layers":[]})",
           "manifest.config.digest"},
          {R"({"schemaVersion":2,"config":{"mediaType":"a/b","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":-1},"layers":[]})",
           "size"},
      }) {
    auto m = Manifest::parse(c.json);
    ASSERT_FALSE(m) << c.json;
    EXPECT_EQ(m.error().code, "oci.manifest");
    EXPECT_NE(m.error().message.find(c.says), std::string::npos) << m.error().message;
  }
}

TEST(ImageIndex, ParsesTheSpecExamples) {
  auto idx = ImageIndex::parse(read_testdata("oci/spec-examples/image-index-1-image-index.json"));
  ASSERT_TRUE(idx) << idx.error().to_string();
  ASSERT_EQ(idx->manifests.size(), 2u);
  ASSERT_TRUE(idx->manifests[0].platform);
  EXPECT_EQ(idx->manifests[0].platform->architecture, "ppc64le");
  auto layout = ImageIndex::parse(read_testdata("oci/spec-examples/image-layout-2-image-index.json"));
  ASSERT_TRUE(layout) << layout.error().to_string();
}

TEST(JsonSchemaValidator, CatchesWhatTheSchemasForbid) {
  // The validator itself must be able to fail, or the schema checks above prove nothing.
  EXPECT_NE(schema_errors(R"({"schemaVersion":2,"layers":[]})", "image-manifest-schema.json"), "");
  EXPECT_NE(
      schema_errors(
          R"({"schemaVersion":3,"config":{"mediaType":"a/b","digest":"sha256:ab","size":1},"layers":[{"mediaType":"a/b","digest":"sha256:ab","size":1}]})",
          "image-manifest-schema.json"),
      "");
  EXPECT_NE(
      schema_errors(
          R"({"schemaVersion":2,"config":{"mediaType":"bad","digest":"sha256:ab","size":1},"layers":[{"mediaType":"a/b","digest":"sha256:ab","size":1}]})",
          "image-manifest-schema.json"),
      "");
  EXPECT_NE(schema_errors(R"({"imageLayoutVersion":"2.0.0"})", "image-layout-schema.json"), "");
  EXPECT_NE(
      schema_errors(
          R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"created":"yesterday"})",
          "config-schema.json"),
      "");
  EXPECT_EQ(schema_errors(read_testdata("oci/spec-examples/manifest-1-manifest.json"), "image-manifest-schema.json"),
            "");
  EXPECT_EQ(schema_errors(read_testdata("oci/spec-examples/config-1-image-json.json"), "config-schema.json"), "");
}

}  // namespace
}  // namespace hoplite::oci
