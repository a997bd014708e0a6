// Image manifests, indexes and configs as registries and layouts hold them.
#include "fuzz_input.hpp"
#include "hoplite/oci/image_config.hpp"
#include "hoplite/oci/manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hoplite;
  std::string_view json = fuzz::text(data, size);
  (void)oci::Manifest::parse(json);
  (void)oci::ImageIndex::parse(json);
  (void)oci::ImageConfig::parse(json);
  return 0;
}
