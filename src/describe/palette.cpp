#include "describe/palette.hpp"

#include <array>
#include <cstdint>
#include <utility>

namespace hoplite::describe {

std::size_t palette_index(std::string_view service) {
  static constexpr std::array<std::pair<std::string_view, std::size_t>, 14> kKnown{{
      {"EC2", 0},
      {"ECS", 1},
      {"IAM", 2},
      {"SNS", 3},
      {"SQS", 4},
      {"StepFunctions", 5},
      {"Logs", 6},
      {"Lambda", 7},
      {"S3", 8},
      {"Events", 9},
      {"ECR", 10},
      {"DynamoDB", 11},
      {"CloudWatch", 6},
      {"KMS", 2},
  }};
  for (const auto& [name, index] : kKnown)
    if (name == service) return index;
  std::uint32_t h = 2166136261u;  // FNV-1a: stable across runs and machines
  for (char c : service) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h % kPaletteSize;
}

}  // namespace hoplite::describe
