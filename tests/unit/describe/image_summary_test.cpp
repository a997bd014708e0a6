#include "hoplite/describe/image_summary.hpp"

#include <gtest/gtest.h>

#include "hoplite/oci/layer_writer.hpp"

namespace hoplite::describe {
namespace {

TEST(SummarizeImage, ListsLayersTheirLargestFilesAndTheConfig) {
  oci::LayerWriter runtime;
  runtime.add_file("etc/passwd", "root:x:0:0::/:/sbin/nologin\n", 0644);
  runtime.add_file("lib/libc.so.6", std::string(3000, 'c'), 0755);
  runtime.add_file("lib/libm.so.6", std::string(1000, 'm'), 0755);
  oci::LayerWriter app;
  app.add_file("app/service", std::string(5000, 's'), 0555);
  oci::ImageConfig config;
  config.config.entrypoint = {"/app/service"};
  config.config.cmd = {"fargateTask"};
  config.config.user = "65532:65532";
  config.config.labels = {{"org.opencontainers.image.revision", "abc"}};
  config.history = {{.created_by = "hoplite: runtime"}, {.created_by = "hoplite: binary"}};
  auto image = oci::Image::create(config, {runtime.finish(), app.finish()});

  auto s = summarize_image(image, "oci:image:abc");
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(s->reference, "oci:image:abc");
  EXPECT_EQ(s->digest, image.digest().str());
  EXPECT_EQ(s->platform, "linux/amd64");
  EXPECT_EQ(s->cmd, (std::vector<std::string>{"fargateTask"}));
  ASSERT_EQ(s->layers.size(), 2u);
  EXPECT_EQ(s->layers[0].files, 3u);
  EXPECT_EQ(s->layers[0].uncompressed_size, 4000 + 28);
  ASSERT_EQ(s->layers[0].largest.size(), 3u);
  EXPECT_EQ(s->layers[0].largest[0].first, "lib/libc.so.6");
  EXPECT_EQ(s->layers[0].created_by, "hoplite: runtime");
  EXPECT_EQ(s->layers[1].largest[0], (std::pair<std::string, std::int64_t>{"app/service", 5000}));
  EXPECT_EQ(s->layers[1].size, image.layers()[1].size());
}

}  // namespace
}  // namespace hoplite::describe
