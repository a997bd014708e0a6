#pragma once
// bench/local_api's registry part (push.cpp): DescribeRepositories latency and a 5 MB image push
// into the local ECR against skopeo copy into docker-registry.

#include <filesystem>
#include <string>

namespace bench {

/// Runs against the local cloud at `endpoint` (http://127.0.0.1:PORT), scratch files in `work`.
void registry_bench(const std::string& endpoint, const std::filesystem::path& work, int rounds);

}  // namespace bench
