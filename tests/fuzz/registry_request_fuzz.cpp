// libFuzzer target: a request to the OCI registry server (oci::RegistryServer over an in-memory
// storage, the same routes the local ECR serves). The input is the request line (`METHOD TARGET`),
// header lines up to an empty line, and the body; state carries over between inputs, so uploads
// started by one input can be patched by the next. Whatever it is, the answer must be a response
// below 500 in the spec's error shape: a hostile request is the client's error.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "hoplite/http/handler.hpp"
#include "hoplite/oci/memory_registry_storage.hpp"
#include "hoplite/oci/registry_server.hpp"

namespace {

std::string_view next_line(std::string_view& rest) {
  auto nl = rest.find('\n');
  std::string_view line = rest.substr(0, nl);
  rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static hoplite::oci::MemoryRegistryStorage storage(1 << 20);
  static hoplite::oci::RegistryServer server(storage, {});
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  hoplite::http::ServerRequest req;
  std::string_view first = next_line(rest);
  auto space = first.find(' ');
  req.method = std::string(first.substr(0, space));
  // Built by appending: GCC 12 warns falsely (-Wrestrict) about insert(0, "/") here.
  std::string_view target = space == std::string_view::npos ? std::string_view{} : first.substr(space + 1);
  if (target.empty() || target.front() != '/') req.target.push_back('/');
  req.target.append(target);
  for (std::string_view line = next_line(rest); !line.empty(); line = next_line(rest)) {
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    req.headers.add(std::string(line.substr(0, colon)), std::string(value));
  }
  req.body = hoplite::http::RequestBody(std::string(rest));
  hoplite::http::Response r = server.handle(req);
  if (r.status < 200 || r.status >= 500) std::abort();
  if (r.status >= 400 && r.body.find("\"errors\"") == std::string::npos) std::abort();
  return 0;
}
