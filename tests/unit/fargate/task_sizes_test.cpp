#include "hoplite/fargate/task_sizes.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/golden.hpp"

namespace hoplite::fargate {
namespace {

// The C++ table is generated from the copied data set; both must list the same 74 pairs.
TEST(TaskSizes, TableEqualsTheDataSet) {
  std::ifstream in(testing::testdata("fargate/fargate-task-sizes.json"));
  auto data = nlohmann::json::parse(in);
  std::vector<std::pair<int, int>> expected;
  for (const auto& pair : data["all_valid_pairs_cpu_memory"]) expected.emplace_back(pair[0], pair[1]);
  EXPECT_EQ(valid_task_sizes(), expected);
  EXPECT_EQ(valid_task_sizes().size(), data["count_valid_pairs"].get<std::size_t>());
}

TEST(TaskSizes, Lookups) {
  EXPECT_EQ(valid_cpus(), (std::vector<int>{256, 512, 1024, 2048, 4096, 8192, 16384}));
  EXPECT_EQ(valid_memory_mib(256), (std::vector<int>{512, 1024, 2048}));
  EXPECT_TRUE(valid_memory_mib(300).empty());
  EXPECT_TRUE(is_valid_task_size(256, 512));
  EXPECT_FALSE(is_valid_task_size(256, 4096));
  EXPECT_TRUE(is_valid_task_size(16384, 122880));
  EXPECT_FALSE(is_valid_task_size(8192, 18432));  // 8 vCPU goes in 4 GB steps
}

}  // namespace
}  // namespace hoplite::fargate
