#pragma once
/// \file
/// Every public header of the Fargate building blocks (hoplite::fargate). See docs/fargate.md.

#include "hoplite/fargate/cluster.hpp"
#include "hoplite/fargate/error.hpp"
#include "hoplite/fargate/network.hpp"
#include "hoplite/fargate/task.hpp"
#include "hoplite/fargate/task_sizes.hpp"
