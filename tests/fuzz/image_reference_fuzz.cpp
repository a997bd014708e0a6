// Image references as users and registries write them; a parsed reference must print back to
// one that parses to the same value.
#include "fuzz_input.hpp"
#include "hoplite/oci/reference.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hoplite;
  auto ref = oci::Reference::parse(fuzz::text(data, size));
  if (!ref) return 0;
  (void)ref->ecr();
  (void)ref->is_loopback();
  (void)ref->api_host();
  fuzz::check(oci::is_valid_repository(ref->repository));
  fuzz::check(ref->tag.empty() || oci::is_valid_tag(ref->tag));
  auto again = oci::Reference::parse(ref->to_string());
  fuzz::check(again.ok() && *again == *ref);
  return 0;
}
