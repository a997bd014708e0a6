// bench/local_api, part 2: the registry. One 5 MB one-layer image, pushed
//   A  by hoplite's own pusher (oci::push) into the local ECR (a server on loopback, ECR token),
//   B  by `skopeo copy oci:… docker://…` into `docker-registry` (distribution 2.8) on loopback,
// in the same run, each into a fresh repository per round; medians and the ratio A/B (goal ≤ 1.0).
// Also DescribeRepositories p50/p99 from hoplite's ECR client. Skipped (with a note) when skopeo
// or docker-registry is not installed.
#include "local_api/push.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

#include "hoplite/aws/ecr.hpp"
#include "hoplite/core/sha256.hpp"
#include "hoplite/http/curl_client.hpp"
#include "hoplite/oci/push.hpp"

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

std::string digest_of(std::string_view s) { return "sha256:" + hoplite::core::sha256_hex(s); }

/// The image: incompressible 5 MB layer, a config, an OCI manifest; also written as an OCI layout.
struct Image {
  std::string layer, config, manifest;
};

Image make_image(const fs::path& layout) {
  Image im;
  std::mt19937_64 rng(42);
  im.layer.resize(5 << 20);
  for (std::size_t i = 0; i + 8 <= im.layer.size(); i += 8) {
    std::uint64_t v = rng();
    std::memcpy(im.layer.data() + i, &v, 8);
  }
  im.config = R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}})";
  im.manifest =
      R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
      digest_of(im.config) + R"(","size":)" + std::to_string(im.config.size()) +
      R"(},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" + digest_of(im.layer) +
      R"(","size":)" + std::to_string(im.layer.size()) + "}]}";
  fs::create_directories(layout / "blobs/sha256");
  for (const std::string* b : {&im.layer, &im.config, &im.manifest})
    std::ofstream(layout / "blobs/sha256" / hoplite::core::sha256_hex(*b), std::ios::binary) << *b;
  std::ofstream(layout / "oci-layout") << R"({"imageLayoutVersion":"1.0.0"})";
  std::ofstream(layout / "index.json")
      << R"({"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")"
      << digest_of(im.manifest) << R"(","size":)" << im.manifest.size()
      << R"(,"annotations":{"org.opencontainers.image.ref.name":"v1"}}]})";
  return im;
}

/// A port the kernel picks (bound, read, closed): docker-registry wants one up front.
int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (fd >= 0) ::close(fd);
    return 0;
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool installed(const char* tool) {
  std::string cmd = std::string("command -v ") + tool + " >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

int run_quiet(const std::vector<std::string>& argv) {
  std::fflush(nullptr);  // else the child's freopen writes our buffered output a second time
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::freopen("/dev/null", "w", stdout) == nullptr || ::freopen("/dev/null", "w", stderr) == nullptr) _exit(126);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

}  // namespace

void registry_bench(const std::string& endpoint, const fs::path& work, int rounds) {
  hoplite::http::CurlClient curl;
  hoplite::aws::StaticCredentialsProvider creds({.access_key_id = "test", .secret_access_key = "test"});
  hoplite::core::RetryStrategy once(hoplite::core::RetryOptions{.max_attempts = 1});
  hoplite::aws::ecr::Client ecr({.region = "us-east-1",
                                 .credentials = creds,
                                 .http = curl,
                                 .clock = hoplite::core::system_clock(),
                                 .endpoint_url = endpoint,
                                 .retry = &once});
  for (int i = 0; i < 20; ++i) (void)ecr.create_repository({.repository_name = "repo" + std::to_string(i)});
  std::vector<double> describe;
  for (int i = 0; i < 500; ++i) {
    auto t = Clock::now();
    auto r = ecr.describe_repositories({});
    describe.push_back(ms_since(t));
    if (!r) {
      std::fprintf(stderr, "local_api_bench: %s\n", r.error().to_string().c_str());
      return;
    }
  }
  std::sort(describe.begin(), describe.end());
  std::printf(
      "DescribeRepositories (20 repositories), 500 calls, hoplite ECR client over loopback: p50 %.3f ms  p99 %.3f ms\n",
      describe[describe.size() / 2], describe[describe.size() * 99 / 100]);

  if (!installed("skopeo") || !installed("docker-registry")) {
    std::printf("5 MB image push: skipped (skopeo or docker-registry is not installed)\n");
    return;
  }
  Image image = make_image(work / "layout");
  auto token = ecr.get_authorization_token();
  if (!token) return;
  const std::string host = endpoint.substr(endpoint.find("//") + 2);

  // B's registry: docker-registry on a free port, its storage in `work`.
  const int port = free_port();
  std::ofstream(work / "config.yml") << "version: 0.1\nlog: { level: error }\nstorage: { filesystem: { rootdirectory: "
                                     << (work / "registry").string() << " } }\nhttp: { addr: 127.0.0.1:" << port
                                     << " }\n";
  std::ofstream(work / "policy.json") << R"({"default":[{"type":"insecureAcceptAnything"}]})";
  std::fflush(nullptr);
  pid_t registry = ::fork();
  if (registry == 0) {
    if (::freopen("/dev/null", "w", stderr) == nullptr || ::freopen("/dev/null", "w", stdout) == nullptr) _exit(126);
    ::execlp("docker-registry", "docker-registry", "serve", (work / "config.yml").c_str(), nullptr);
    _exit(127);
  }
  for (int i = 0; i < 500; ++i) {
    auto r = curl.send({"GET", "http://127.0.0.1:" + std::to_string(port) + "/v2/", {}, {}, {}});
    if (r && r->status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }

  std::vector<double> a, b;
  for (int round = 0; round < rounds; ++round) {
    const std::string repo = "push" + std::to_string(round);
    (void)ecr.create_repository({.repository_name = repo});
    hoplite::oci::PushContent content;
    content.blobs = {{digest_of(image.config), "application/vnd.oci.image.config.v1+json", image.config, {}},
                     {digest_of(image.layer), "application/vnd.oci.image.layer.v1.tar+gzip", image.layer, {}}};
    content.manifest = image.manifest;
    hoplite::oci::PushOptions options;
    options.credentials = hoplite::oci::Credentials{token->username, token->password};
    options.docker_config = fs::path();
    auto t = Clock::now();
    auto pushed = hoplite::oci::push(
        hoplite::oci::Reference::parse(host + "/" + repo + ":v1").value(), content,
        [] { return std::make_unique<hoplite::http::CurlClient>(); }, options);
    a.push_back(ms_since(t));
    if (!pushed) {
      std::fprintf(stderr, "local_api_bench: push: %s\n", pushed.error().to_string().c_str());
      break;
    }
    t = Clock::now();
    int rc = run_quiet({"skopeo", "--policy", (work / "policy.json").string(), "copy", "--quiet",
                        "--dest-tls-verify=false", "oci:" + (work / "layout").string() + ":v1",
                        "docker://127.0.0.1:" + std::to_string(port) + "/" + repo + ":v1"});
    b.push_back(ms_since(t));
    if (rc != 0) {
      std::fprintf(stderr, "local_api_bench: skopeo copy failed (exit %d)\n", rc);
      break;
    }
  }
  ::kill(registry, SIGTERM);
  ::waitpid(registry, nullptr, 0);
  if (a.empty() || b.empty()) return;
  std::printf("5 MB one-layer image, %d rounds, a fresh repository each:\n", rounds);
  std::printf("  A hoplite push into the local ECR:          median %.1f ms\n", median(a));
  std::printf("  B skopeo copy into docker-registry 2.8:     median %.1f ms\n", median(b));
  std::printf("  A/B: %.2fx  (goal <= 1.0)\n", median(a) / median(b));
}

}  // namespace bench
