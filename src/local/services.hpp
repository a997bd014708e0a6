#pragma once
/// \file The list of emulated services. Adding a service means one line in services.cpp (and the
/// service's own folder): see docs/local.md, "How to add a service".

#include <memory>
#include <vector>

#include "local/service.hpp"

namespace hoplite::local {

/// Every emulated service, built on the house's state.
[[nodiscard]] std::vector<std::unique_ptr<Service>> make_services(ServiceContext& house);

}  // namespace hoplite::local
