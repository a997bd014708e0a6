#pragma once
/// \file
/// The order CloudFormation creates, updates and deletes a template's resources in: an edge
/// A -> B when A names B through Ref, Fn::GetAtt, a Fn::Sub variable or DependsOn.
///
/// **Example** (an engine creating resources as soon as what they need is done):
///
///     auto graph = cfn::build_dependency_graph(doc, &evaluator);   // active resources only
///     if (!graph) return graph.failure();      // "Circular dependency between resources: [A, B]"
///     cfn::Schedule schedule(*graph, cfn::Schedule::Direction::create);
///     for (const auto& id : schedule.ready()) start_creating(id);     // in parallel
///     ... on completion: for (const auto& id : schedule.complete(done_id)) start_creating(id);
///
/// Deletion runs the same graph backwards (Direction::remove): a resource is deleted once nothing
/// that needs it is left. Orders are deterministic: ties go in template order.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/cfn/template_reader.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::cfn {

class Evaluator;

/// Resources and what each needs, in template order.
struct DependencyGraph {
  std::vector<std::string> nodes;                   ///< logical IDs, template order
  std::vector<std::vector<std::size_t>> needs;      ///< needs[i]: nodes i must come after (template order)
  std::vector<std::vector<std::size_t>> needed_by;  ///< the reverse edges

  [[nodiscard]] std::size_t index_of(std::string_view logical_id) const;  ///< nodes.size() when absent
  /// Creation waves: wave k holds the resources whose needs are all in earlier waves (each wave
  /// can run in parallel). Every node appears once.
  [[nodiscard]] std::vector<std::vector<std::string>> creation_waves() const;
  /// Deletion waves: the reverse (a resource goes once everything that needs it is gone).
  [[nodiscard]] std::vector<std::vector<std::string>> deletion_waves() const;
};

/// Builds the graph of `doc`'s resources. With an evaluator whose conditions are evaluated, only
/// active resources are nodes and only the taken branch of each Fn::If counts; without one, every
/// resource and every branch. Edges to names that are no resource of the graph are ignored
/// (check_template and check_active_references report those). A cycle fails with AWS's
/// `Template format error: Circular dependency between resources: [A, B]`.
[[nodiscard]] core::Result<DependencyGraph> build_dependency_graph(const TemplateDocument& doc,
                                                                   const Evaluator* evaluator = nullptr);

/// Hands out resources as they become ready, for maximal parallelism: in Direction::create a node
/// is ready when all its needs are complete; in Direction::remove when every node that needs it
/// is complete.
class Schedule {
 public:
  /// Creation (dependencies first) or deletion (dependents first).
  enum class Direction { create, remove };
  /// A schedule over `graph`, which must outlive it.
  Schedule(const DependencyGraph& graph, Direction direction);

  /// The nodes ready at the start (template order; reverse template order for remove).
  [[nodiscard]] std::vector<std::string> ready() const;
  /// Marks a handed-out node complete; returns the nodes that became ready. Unknown or repeated
  /// IDs are ignored.
  std::vector<std::string> complete(std::string_view logical_id);
  /// True when every node has completed.
  [[nodiscard]] bool done() const { return completed_ == graph_.nodes.size(); }

 private:
  const DependencyGraph& graph_;
  Direction direction_;
  std::vector<std::size_t> waiting_;  // unfinished prerequisites per node
  std::vector<bool> finished_;
  std::size_t completed_ = 0;
};

}  // namespace hoplite::cfn
