#include "hoplite/oci/image.hpp"

#include <gtest/gtest.h>

#include "hoplite/oci/layer_writer.hpp"
#include "test_util.hpp"

namespace hoplite::oci {
namespace {

using testing::schema_errors;

Layer layer(const std::string& name, const std::string& contents) {
  LayerWriter w({.mtime = 0});
  w.add_file(name, contents, 0644);
  return w.finish();
}

Image sample(ManifestFormat f = ManifestFormat::kOci) {
  ImageConfig c;
  c.architecture = "arm64";
  c.variant = "v8";
  c.config.entrypoint = {"/app/service"};
  c.diff_ids = {Digest::of("stale: create() replaces these")};
  return Image::create(c, {layer("/a", "1"), layer("/b", "2")}, f);
}

TEST(Image, CreateWiresDigestsTogether) {
  Image img = sample();
  EXPECT_EQ(img.digest(), Digest::of(img.manifest_bytes()));
  EXPECT_EQ(img.manifest_media_type(), kOciManifest);
  EXPECT_EQ(img.config_descriptor(), Descriptor::of(kOciConfig, img.config_bytes()));
  ASSERT_EQ(img.config().diff_ids.size(), 2u);
  EXPECT_EQ(img.config().diff_ids[0], img.layers()[0].diff_id());
  EXPECT_EQ(img.manifest().layers[1], img.layers()[1].descriptor());
  EXPECT_EQ(img.platform(), (Platform{"arm64", "linux", "v8"}));
  EXPECT_EQ(img.descriptor().digest, img.digest());
  EXPECT_EQ(img.descriptor().size, static_cast<std::int64_t>(img.manifest_bytes().size()));
  EXPECT_TRUE(validate(img)) << validate(img).error().to_string();
  EXPECT_EQ(schema_errors(img.manifest_bytes(), "image-manifest-schema.json"), "");
  EXPECT_EQ(schema_errors(img.config_bytes(), "config-schema.json"), "");
}

TEST(Image, CreateIsDeterministic) { EXPECT_EQ(sample().manifest_bytes(), sample().manifest_bytes()); }

TEST(Image, DockerFormatUsesDockerMediaTypesThroughout) {
  Image img = sample(ManifestFormat::kDocker);
  EXPECT_EQ(img.manifest_media_type(), kDockerManifest);
  EXPECT_EQ(img.config_descriptor().media_type, kDockerConfig);
  EXPECT_EQ(img.layers()[0].media_type(), kDockerLayerGzip);
  EXPECT_EQ(img.manifest().layers[0].media_type, kDockerLayerGzip);
  EXPECT_EQ(img.layers()[0].digest(), sample().layers()[0].digest());  // same bytes
  EXPECT_NE(img.digest(), sample().digest());
  EXPECT_TRUE(validate(img)) << validate(img).error().to_string();
}

TEST(Image, AppendLayersReturnsANewImage) {
  Image base = sample();
  Image more = append_layers(base, {layer("/c", "3")});
  EXPECT_EQ(base.layers().size(), 2u);
  ASSERT_EQ(more.layers().size(), 3u);
  EXPECT_EQ(more.config().diff_ids.size(), 3u);
  EXPECT_NE(more.digest(), base.digest());
  EXPECT_TRUE(validate(more));
  ImageConfig c = base.config();
  c.config.cmd = {"fargateTask"};
  Image changed = with_config(base, c);
  EXPECT_EQ(changed.config().config.cmd, std::vector<std::string>{"fargateTask"});
  EXPECT_EQ(changed.layers()[0].digest(), base.layers()[0].digest());
}

TEST(Image, FromBytesRoundTripsAndChecksItsParts) {
  Image img = sample();
  auto back = Image::from_bytes(img.manifest_bytes(), img.config_bytes(), img.layers());
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(back->digest(), img.digest());
  EXPECT_FALSE(Image::from_bytes(img.manifest_bytes(), img.config_bytes() + " ", img.layers()));
  EXPECT_FALSE(Image::from_bytes(img.manifest_bytes(), img.config_bytes(), {img.layers()[1], img.layers()[0]}));
  EXPECT_FALSE(Image::from_bytes(img.manifest_bytes(), img.config_bytes(), {img.layers()[0]}));
}

TEST(Validate, FindsALayerWhoseBytesDoNotMatch) {
  Image img = sample();
  Layer good = img.layers()[0];
  std::string bytes(good.compressed());
  bytes[bytes.size() - 5] ^= 1;  // corrupt the gzip trailer area
  Layer bad = Layer::from_parts(bytes, good.digest(), good.diff_id(), good.media_type());
  auto forged = Image::from_bytes(img.manifest_bytes(), img.config_bytes(), {bad, img.layers()[1]});
  ASSERT_TRUE(forged);  // from_bytes trusts the Layer's claimed digest...
  auto v = validate(*forged);
  ASSERT_FALSE(v);  // ...validate recomputes it
  EXPECT_EQ(v.error().code, "oci.invalid");
  EXPECT_NE(v.error().message.find("layer 0"), std::string::npos) << v.error().message;
}

TEST(Validate, FindsAWrongDiffId) {
  Image img = sample();
  Layer l0 = img.layers()[0];
  Layer lying = Layer::from_parts(std::string(l0.compressed()), l0.digest(), Digest::of("other"), l0.media_type());
  auto forged = Image::from_bytes(img.manifest_bytes(), img.config_bytes(), {lying, img.layers()[1]});
  ASSERT_TRUE(forged);
  auto v = validate(*forged);
  ASSERT_FALSE(v);
  EXPECT_NE(v.error().message.find("diff_id"), std::string::npos) << v.error().message;
}

TEST(Validate, FindsAConfigThatListsOtherDiffIds) {
  Image img = sample();
  ImageConfig c = img.config();
  std::swap(c.diff_ids[0], c.diff_ids[1]);
  std::string cb = c.to_json();
  Manifest m = img.manifest();
  m.config = Descriptor::of(kOciConfig, cb);
  auto forged = Image::from_bytes(m.to_json(), cb, img.layers());
  ASSERT_TRUE(forged);
  auto v = validate(*forged);
  ASSERT_FALSE(v);
  EXPECT_NE(v.error().message.find("rootfs.diff_ids[0]"), std::string::npos) << v.error().message;
}

}  // namespace
}  // namespace hoplite::oci
