#include "integration/tools.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "hoplite/core/base64.hpp"
#include "hoplite/core/file.hpp"
#include "hoplite/http/curl_client.hpp"
#include "hoplite/oci/auth.hpp"

namespace hoplite::integration {

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("bind failed");
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

core::ProcessResult run(std::vector<std::string> argv, std::map<std::string, std::string> env,
                        std::filesystem::path cwd) {
  core::PosixProcessRunner runner;
  // Never the user's own layer cache (~/.cache/hoplite): a test that wants one names its own.
  env.try_emplace("HOPLITE_CACHE_DIR", "");
  core::ProcessSpec spec{.argv = std::move(argv), .cwd = std::move(cwd), .env_overrides = std::move(env)};
  spec.timeout = std::chrono::minutes(2);
  auto r = runner.run(spec);
  if (!r) return core::ProcessResult{127, "", r.error().to_string(), false};
  return *r;
}

std::string servicefull() {
#ifdef HOPLITE_SERVICEFULL
  return HOPLITE_SERVICEFULL;
#else
  return "";
#endif
}

std::filesystem::path skopeo_policy(const std::filesystem::path& dir) {
  auto path = dir / "policy.json";
  std::ofstream(path) << R"({"default":[{"type":"insecureAcceptAnything"}]})";
  return path;
}

RegistryServer::RegistryServer(std::filesystem::path dir, std::optional<std::pair<std::string, std::string>> user)
    : dir_(std::move(dir)) {
  std::filesystem::create_directories(dir_ / "data");
  port_ = free_port();
  std::string auth;
  if (user) {
    auto r = run({"htpasswd", "-Bbc", (dir_ / "htpasswd").string(), user->first, user->second});
    if (r.exit_code != 0) throw std::runtime_error("htpasswd failed: " + r.err);
    auth = "auth: { htpasswd: { realm: test, path: " + (dir_ / "htpasswd").string() + " } }\n";
  }
  std::ofstream(dir_ / "config.yml") << "version: 0.1\n"
                                     << "log: { level: info, accesslog: { disabled: false } }\n"
                                     << "storage: { filesystem: { rootdirectory: " << (dir_ / "data").string()
                                     << " }, delete: { enabled: true } }\n"
                                     << "http: { addr: 127.0.0.1:" << port_ << " }\n"
                                     << auth;
  start();
}

RegistryServer::~RegistryServer() { stop(); }

void RegistryServer::start() {
  pid_ = ::fork();
  if (pid_ == 0) {
    int fd = ::open((dir_ / "registry.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    ::execlp("docker-registry", "docker-registry", "serve", (dir_ / "config.yml").c_str(), nullptr);
    ::_exit(127);
  }
  http::CurlClient client;
  for (int i = 0; i < 200; ++i) {  // up to 10 s; it is usually up in ~0.1 s
    auto r = client.send({.method = "GET", .url = "http://" + host() + "/v2/"});
    if (r && (r->status == 200 || r->status == 401)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stop();
  throw std::runtime_error("docker-registry did not start; log: " + log());
}

void RegistryServer::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  for (int i = 0; i < 100; ++i) {  // it takes 1–2 s to exit on SIGTERM
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void RegistryServer::wipe() {
  stop();
  std::filesystem::remove_all(dir_ / "data");
  std::filesystem::create_directories(dir_ / "data");
  start();
}

std::string RegistryServer::log() const { return core::read_file(dir_ / "registry.log").value_or(""); }

int manifest_status(const std::string& host, const std::string& repo, const std::string& ref,
                    const std::string& user_colon_password) {
  http::CurlClient client;
  http::Request req{.method = "GET", .url = "http://" + host + "/v2/" + repo + "/manifests/" + ref};
  req.headers.set("Accept", "application/vnd.oci.image.manifest.v1+json");
  if (!user_colon_password.empty())
    req.headers.set("Authorization", "Basic " + core::base64_encode(user_colon_password));
  auto r = client.send(req);
  return r ? r->status : -1;
}

}  // namespace hoplite::integration
