#pragma once
/// \file
/// The task sizes (cpu units / memory MiB) AWS Fargate accepts — 74 pairs, from 256/512 to
/// 16384/122880. Other pairs fail RegisterTaskDefinition at deploy time ("Invalid 'cpu' setting
/// for task"); hoplite checks them when the service is defined instead.
/// Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html

#include <utility>
#include <vector>

namespace hoplite::fargate {

/// 256, 512, 1024, 2048, 4096, 8192, 16384.
[[nodiscard]] std::vector<int> valid_cpus();
/// The memory sizes (MiB, ascending) valid with `cpu`; empty when `cpu` is not a Fargate size.
[[nodiscard]] std::vector<int> valid_memory_mib(int cpu);
/// True when `memory_mib` is valid with `cpu` on Fargate.
[[nodiscard]] bool is_valid_task_size(int cpu, int memory_mib);
/// Every valid (cpu, memory) pair, ordered by cpu then memory.
[[nodiscard]] std::vector<std::pair<int, int>> valid_task_sizes();

}  // namespace hoplite::fargate
