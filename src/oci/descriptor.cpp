#include "hoplite/oci/descriptor.hpp"

namespace hoplite::oci {

Descriptor Descriptor::of(std::string_view media_type, std::string_view bytes) {
  return Descriptor{
      std::string(media_type), Digest::of(bytes), static_cast<std::int64_t>(bytes.size()), {}, std::nullopt};
}

}  // namespace hoplite::oci
