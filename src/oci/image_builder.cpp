#include "hoplite/oci/image_builder.hpp"

#include <future>
#include <system_error>

#include "hoplite/core/clock.hpp"
#include "hoplite/oci/elf.hpp"
#include "hoplite/oci/layer_cache.hpp"
#include "hoplite/oci/layer_writer.hpp"
#include "hoplite/oci/strip.hpp"

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

std::string file_name_of(const std::string& p) { return p.substr(p.rfind('/') + 1); }

core::Result<std::optional<std::int64_t>> epoch_from(const ServiceImageOptions& o) {
  if (o.source_date_epoch) return o.source_date_epoch;
  std::string error;
  auto env = core::source_date_epoch(&error);
  if (!error.empty()) return core::fail("oci.build", error);
  return env;
}

std::string origin_text(LayerOrigin o) {
  switch (o) {
    case LayerOrigin::kBuilt:
      return "built";
    case LayerOrigin::kSameFiles:
      return "cached (same files)";
    case LayerOrigin::kSameContent:
      return "cached (same content)";
  }
  return "built";
}

// The binary as it goes into the image, and (with a debug directory) its debug file. A binary
// with a build id is stripped at once and its debug file written on another thread while the
// layers compress; one without needs the debug file's CRC in its .gnu_debuglink first.
struct PreparedBinary {
  FileContent content;
  std::future<core::Result<DebugFile>> debug;
};

core::Result<PreparedBinary> prepare_binary(const std::shared_ptr<const HostFile>& binary,
                                            const ServiceImageOptions& options, ServiceImageReport& report) {
  PreparedBinary out;
  if (!options.strip) {
    out.content = FileContent::whole(binary);
    return out;
  }
  auto plan = strip_binary(binary);
  if (!plan) return plan.failure("stripping");
  report.build_id = plan->build_id;
  if (!plan->stripped) {
    out.content = std::move(plan->content);
    return out;
  }
  if (options.debug_dir.empty()) {
    out.content = std::move(plan->content);
    return out;
  }
  if (!plan->build_id.empty()) {
    out.content = std::move(plan->content);
    out.debug = std::async(std::launch::async, [binary, id = plan->build_id, dir = options.debug_dir] {
      return write_debug_file(*binary, id, dir);
    });
    return out;
  }
  auto debug = write_debug_file(*binary, "", options.debug_dir, file_name_of(options.binary_path));
  if (!debug) return debug.failure();
  auto linked = strip_binary(binary, debug->link);
  if (!linked) return linked.failure("stripping");
  out.content = std::move(linked->content);
  std::promise<core::Result<DebugFile>> done;
  done.set_value(std::move(*debug));
  out.debug = done.get_future();
  return out;
}

}  // namespace

core::Result<Image> build_service_image(const ServiceImageOptions& options, ServiceImageReport* report_out) {
  ServiceImageReport report;
  if (options.binary.empty()) return core::fail("oci.build", "no binary given for the service image");
  if (options.binary_path.empty() || options.binary_path.front() != '/' || options.binary_path.back() == '/') {
    return core::fail("oci.build", "binary_path must be an absolute file path, got '" + options.binary_path + "'");
  }
  auto epoch = epoch_from(options);
  if (!epoch) return epoch.failure();
  const std::int64_t mtime = epoch->value_or(0);

  auto binary = HostFile::open(options.binary);
  if (!binary) return binary.failure("reading the service binary");
  auto elf = read_elf_file(**binary);
  if (!elf) return elf.failure();
  auto arch = oci_architecture(elf->machine);
  if (!arch) return core::fail(arch.error().code, options.binary.string() + ": " + arch.error().message);
  report.binary_bytes = (*binary)->size();

  auto needed = resolve_dependencies(
      options.binary, {.image_origin = image_directory_of(options.binary_path), .sysroot = options.sysroot});
  if (!needed) return needed.failure("finding the libraries of " + options.binary.string());

  const LayerOptions layer_options{.mtime = mtime,
                                   .compression = options.compression,
                                   .level = options.compression_level,
                                   .threads = options.threads};
  // Layer 1: what the binary needs from the system. It changes only when the system does, so a
  // rebuild after a code change re-uploads just layer 2.
  LayerWriter runtime(layer_options);
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
  auto prepared = prepare_binary(*binary, options, report);
  if (!prepared) return prepared.failure(options.binary.string());
  report.image_binary_bytes = prepared->content.size();
  LayerWriter app(layer_options);
  app.add_file(options.binary_path, std::move(prepared->content), 0555);

  // One layer after the other, each on all cores; `on_layer` lets a push upload one while the
  // next compresses.
  std::optional<LayerCache> cache;
  if (!options.cache_dir.empty()) cache.emplace(options.cache_dir);
  std::vector<Layer> layers;
  for (const LayerWriter* w : {&runtime, &app}) {
    core::Result<CachedLayer> got = core::fail("oci.build", "unreachable");
    if (cache) {
      got = cache->get(*w);
    } else {
      auto built = w->build();
      if (built) {
        got = CachedLayer{std::move(*built), LayerOrigin::kBuilt};
      } else {
        got = built.failure();
      }
    }
    if (!got) {
      if (prepared->debug.valid()) prepared->debug.wait();
      return got.failure(w == &runtime ? "building the runtime layer" : "building the binary layer");
    }
    report.layer_origins.push_back(origin_text(got->origin));
    layers.push_back(std::move(got->layer));
    if (options.on_layer) options.on_layer(layers.size() - 1, layers.back());
  }
  if (prepared->debug.valid()) {
    auto debug = prepared->debug.get();
    if (!debug) return debug.failure("keeping the debug information of " + options.binary.string());
    report.debug_file = debug->path;
    report.debug_file_written = debug->written;
  }

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
  if (report_out != nullptr) *report_out = std::move(report);
  return Image::create(std::move(config), std::move(layers), options.format);
}

}  // namespace hoplite::oci
