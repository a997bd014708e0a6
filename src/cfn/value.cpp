#include "hoplite/cfn/value.hpp"

#include <stdexcept>

namespace hoplite::cfn {

Intrinsic::Intrinsic(Json json) : json_(std::move(json)) {
  if (!json_.is_intrinsic()) throw std::invalid_argument("cfn::Intrinsic needs an intrinsic, got " + json_.dump());
}

}  // namespace hoplite::cfn
