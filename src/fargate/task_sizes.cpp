// Generated from tests/testdata/fargate/fargate-task-sizes.json (a copy of the team's reference data
// set, itself restated from the AWS documentation: ECS Developer Guide "task-cpu-memory-error.html"
// and ECS API Reference "API_RegisterTaskDefinition.html"; see that file's "sources"). The test
// tests/unit/fargate/task_sizes_test.cpp checks this table against the JSON pair by pair, so an
// update to the data set that is not carried over fails the build's tests.
#include "hoplite/fargate/task_sizes.hpp"

#include <algorithm>

namespace hoplite::fargate {
namespace {

struct Row {
  int cpu;
  std::vector<int> memory_mib;
};

const std::vector<Row>& table() {
  static const std::vector<Row> rows = {
      {256, {512, 1024, 2048}},
      {512, {1024, 2048, 3072, 4096}},
      {1024, {2048, 3072, 4096, 5120, 6144, 7168, 8192}},
      {2048, {4096, 5120, 6144, 7168, 8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384}},
      {4096, {8192,  9216,  10240, 11264, 12288, 13312, 14336, 15360, 16384, 17408, 18432, 19456,
              20480, 21504, 22528, 23552, 24576, 25600, 26624, 27648, 28672, 29696, 30720}},
      {8192, {16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440}},
      {16384, {32768, 40960, 49152, 57344, 65536, 73728, 81920, 90112, 98304, 106496, 114688, 122880}},
  };
  return rows;
}

}  // namespace

std::vector<int> valid_cpus() {
  std::vector<int> out;
  for (const auto& r : table()) out.push_back(r.cpu);
  return out;
}

std::vector<int> valid_memory_mib(int cpu) {
  for (const auto& r : table())
    if (r.cpu == cpu) return r.memory_mib;
  return {};
}

bool is_valid_task_size(int cpu, int memory_mib) {
  auto m = valid_memory_mib(cpu);
  return std::find(m.begin(), m.end(), memory_mib) != m.end();
}

std::vector<std::pair<int, int>> valid_task_sizes() {
  std::vector<std::pair<int, int>> out;
  for (const auto& r : table())
    for (int m : r.memory_mib) out.emplace_back(r.cpu, m);
  return out;
}

}  // namespace hoplite::fargate
