#include "hoplite/oci/layer_listing.hpp"

#include <gtest/gtest.h>

#include "hoplite/oci/layer_writer.hpp"

namespace hoplite::oci {
namespace {

TEST(ListLayer, ListsEntriesWithKindsSizesModesAndLinks) {
  LayerWriter w;
  w.add_file("/app/service", "binary bytes", 0555);
  w.add_symlink("/usr/bin/service", "/app/service");
  w.add_directory("/tmp", 01777);
  auto entries = list_layer(w.finish());
  ASSERT_TRUE(entries.ok()) << entries.error().to_string();
  std::vector<std::string> paths;
  for (const auto& e : *entries) paths.push_back(e.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"app/", "app/service", "tmp/", "usr/", "usr/bin/", "usr/bin/service"}));
  const LayerEntry& binary = (*entries)[1];
  EXPECT_EQ(binary.kind, LayerEntry::Kind::file);
  EXPECT_EQ(binary.size, 12);
  EXPECT_EQ(binary.mode, 0555u);
  EXPECT_EQ((*entries)[2].kind, LayerEntry::Kind::directory);
  EXPECT_EQ((*entries)[2].mode, 01777u & 07777u);
  EXPECT_EQ((*entries)[5].kind, LayerEntry::Kind::symlink);
  EXPECT_EQ((*entries)[5].link, "/app/service");
}

TEST(ListLayer, StopsAtTheEntryLimitAndRejectsWhatIsNotATar) {
  LayerWriter w;
  for (int i = 0; i < 5; ++i) w.add_file("/f" + std::to_string(i), "x");
  auto limited = list_layer(w.finish(), 3);
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().code, "oci.layer");
  EXPECT_NE(limited.error().message.find("more than 3 entries"), std::string::npos);

  auto garbage = Layer::from_blob(std::string(600, 'x'), kOciLayer);
  ASSERT_TRUE(garbage.ok());
  auto bad = list_layer(*garbage);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "oci.layer");
}

}  // namespace
}  // namespace hoplite::oci
