#include "hoplite/oci/image_builder.hpp"

#include <future>
#include <system_error>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/file.hpp"
#include "hoplite/oci/elf.hpp"
#include "hoplite/oci/layer_writer.hpp"

namespace hoplite::oci {
namespace {

namespace fs = std::filesystem;

// Two users, so that a numeric User resolves to a name (ps, id, logs) and HOME exists.
constexpr std::string_view kPasswd =
    "root:x:0:0:root:/root:/sbin/nologin\n"
    "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n";
constexpr std::string_view kGroup =
    "root:x:0:\n"
    "nonroot:x:65532:\n";

std::string parent_of(const std::string& p) {
  auto s = p.rfind('/');
  return s == 0 || s == std::string::npos ? "/" : p.substr(0, s);
}

core::Result<std::optional<std::int64_t>> epoch_from(const ServiceImageOptions& o) {
  if (o.source_date_epoch) return o.source_date_epoch;
  std::string error;
  auto env = core::source_date_epoch(&error);
  if (!error.empty()) return core::fail("oci.build", error);
  return env;
}

}  // namespace

core::Result<Image> build_service_image(const ServiceImageOptions& options) {
  if (options.binary.empty()) return core::fail("oci.build", "no binary given for the service image");
  if (options.binary_path.empty() || options.binary_path.front() != '/' || options.binary_path.back() == '/') {
    return core::fail("oci.build", "binary_path must be an absolute file path, got '" + options.binary_path + "'");
  }
  auto epoch = epoch_from(options);
  if (!epoch) return epoch.failure();
  const std::int64_t mtime = epoch->value_or(0);

  auto binary = core::read_file(options.binary);
  if (!binary) return binary.failure("reading the service binary");
  auto elf = read_elf(*binary);
  if (!elf) return core::fail(elf.error().code, options.binary.string() + ": " + elf.error().message);
  auto arch = oci_architecture(elf->machine);
  if (!arch) return core::fail(arch.error().code, options.binary.string() + ": " + arch.error().message);

  auto needed = resolve_dependencies(options.binary,
                                     {.image_origin = parent_of(options.binary_path), .sysroot = options.sysroot});
  if (!needed) return needed.failure("finding the libraries of " + options.binary.string());

  // Layer 1: what the binary needs from the system. It changes only when the system does, so a
  // rebuild after a code change re-uploads just layer 2.
  LayerWriter runtime({.mtime = mtime});
  for (const auto& f : *needed) {
    // 0755 for every ELF object: the loader must be executable; fixed so hosts do not differ.
    if (auto r = runtime.add_file_from(f.image_path, f.host_path, 0755); !r) return r.failure();
  }
  bool with_ca = false;
  std::error_code ec;
  if (!options.ca_certificates.empty() && fs::is_regular_file(options.ca_certificates, ec)) {
    if (auto r = runtime.add_file_from(kImageCaBundlePath, options.ca_certificates, 0644); !r) return r.failure();
    with_ca = true;
  }
  if (options.add_passwd) {
    runtime.add_file("/etc/passwd", std::string(kPasswd), 0644);
    runtime.add_file("/etc/group", std::string(kGroup), 0644);
    runtime.add_directory("/home/nonroot", 0755);
  }
  runtime.add_directory("/tmp", 01777);

  // Layer 2: the binary itself.
  LayerWriter app({.mtime = mtime});
  app.add_file(options.binary_path, std::move(*binary), 0555);

  ImageConfig config;
  config.architecture = *arch;
  config.os = "linux";
  if (*arch == "arm64") config.variant = "v8";
  config.created = *epoch;
  config.config.user = options.user;
  config.config.env.push_back(std::string("PATH=") + kImagePath);
  if (with_ca) config.config.env.push_back(std::string("SSL_CERT_FILE=") + kImageCaBundlePath);
  for (const auto& e : options.env) config.config.env.push_back(e);
  config.config.entrypoint = {options.binary_path};
  if (!options.task.empty()) config.config.cmd = {options.task};
  config.config.working_dir = options.working_dir;
  if (!options.build_id.empty()) config.config.labels["org.opencontainers.image.revision"] = options.build_id;
  if (!options.service_name.empty()) config.config.labels["org.opencontainers.image.title"] = options.service_name;
  if (!options.version.empty()) config.config.labels["org.opencontainers.image.version"] = options.version;
  for (const auto& [k, v] : options.labels) config.config.labels[k] = v;
  config.history = {
      HistoryEntry{"hoplite: loader, shared libraries, CA certificates, passwd, /tmp", "", false, *epoch},
      HistoryEntry{"hoplite: service binary " + options.binary_path, "", false, *epoch},
  };
  // The two layers compress at the same time (zlib is single-threaded; the binary dominates).
  auto runtime_layer = std::async(std::launch::async, [&runtime] { return runtime.finish(); });
  Layer app_layer = app.finish();
  return Image::create(std::move(config), {runtime_layer.get(), std::move(app_layer)}, options.format);
}

}  // namespace hoplite::oci
