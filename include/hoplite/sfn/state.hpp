#pragma once
/// \file
/// The base of every state, the fields shared by several state types (paths, Retry, Catch) and the
/// handle semantics that let states be linked like the flow reads.
///
/// A state object is a *handle*: copies refer to the same state, so a state can be created once and
/// then linked from several places (a catch handler shared by two tasks, a loop back to a Wait).
///
/// **Example**:
/// \code
///   sfn::Pass prepare{"Prepare"};
///   sfn::Succeed done{"Done"};
///   prepare.next(done);                          // or sfn::chain(prepare, done)
/// \endcode

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hoplite::sfn {

namespace detail {
struct StateNode;
}

/// A JSONPath field (InputPath, OutputPath, ResultPath, ItemsPath, ...) that may also be JSON
/// `null`: for InputPath `null` means "empty input `{}`", for ResultPath "discard the result and
/// keep the input", for OutputPath "empty output".
class Path {
 public:
  ///@{
  /// A path such as `$.result` (implicit: paths are written as strings).
  Path(const char* path) : text_(path) {}             // NOLINT(google-explicit-constructor): paths are strings
  Path(std::string path) : text_(std::move(path)) {}  // NOLINT(google-explicit-constructor)
  ///@}
  /// JSON null (see discard()).
  static Path null() {
    Path p{std::string()};
    p.null_ = true;
    return p;
  }
  /// True for Path::null().
  [[nodiscard]] bool is_null() const { return null_; }
  /// The path text ("" for null()).
  [[nodiscard]] const std::string& text() const { return text_; }

 private:
  std::string text_;
  bool null_ = false;
};

/// `ResultPath: null`: keep the state's input as its output and drop the result.
[[nodiscard]] inline Path discard() { return Path::null(); }

/// Backoff jitter for a Retrier (`JitterStrategy`).
enum class Jitter { full, none };

/// One Retrier. Unset fields take the Step Functions defaults, which are noted per field.
/// See https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
struct Retry {
  std::vector<std::string> errors = {"States.ALL"};  ///< ErrorEquals; default States.ALL
  std::optional<int> interval_seconds;               ///< IntervalSeconds >= 1; default 1
  std::optional<int> max_attempts;                   ///< MaxAttempts >= 0; default 3 (0 = never retry)
  std::optional<double> backoff_rate;                ///< BackoffRate >= 1.0; default 2.0
  std::optional<int> max_delay_seconds;              ///< MaxDelaySeconds >= 1; default: no cap
  std::optional<Jitter> jitter;                      ///< JitterStrategy; default NONE
};

/// One Catcher (the handler state is passed beside it).
struct CatchProps {
  std::vector<std::string> errors = {"States.ALL"};  ///< ErrorEquals; default States.ALL
  /// Where the error output ({"Error", "Cause"}) goes in the handler's input; default: replaces
  /// the input ("$"). "$.error" keeps the input and adds the error.
  std::optional<Path> result_path;
};

/// The state types of the Amazon States Language.
enum class StateType { pass, task, choice, wait, succeed, fail, parallel, map };

/// A state of a state machine (a handle; see the file comment).
class State {
 public:
  /// The state's name (unique in the machine; the key under States).
  [[nodiscard]] const std::string& name() const;
  /// Pass, Task, Choice, Wait, Succeed, Fail, Parallel or Map.
  [[nodiscard]] StateType type() const;

  /// Continues with `next` after this state. Throws DefinitionError [204] for Succeed, Fail and
  /// Choice (which have no Next; a Choice continues through when()/otherwise()), and [205] if this
  /// state already continues with a different state.
  State& next(const State& next);

  /// Adds a Retrier. Only Task, Parallel and Map retry; others throw DefinitionError [301].
  State& add_retry(Retry retry);
  /// Adds a Catcher that continues with `handler`. Only Task, Parallel and Map catch; others
  /// throw DefinitionError [301]. Catchers are evaluated in the order they are added.
  State& add_catch(const State& handler, CatchProps props = {});
  /// `add_catch(handler, {.errors = {"States.ALL"}, .result_path = "$.error"})`: every error goes
  /// to `handler`, whose input is this state's input plus `error: {Error, Cause}`.
  State& catch_all(const State& handler);

  /// The internal node (for the renderer and the integrations).
  [[nodiscard]] const std::shared_ptr<detail::StateNode>& node() const { return node_; }

 protected:
  /// A new state of `type` named `name`; the concrete state classes call it.
  State(StateType type, std::string name);
  /// A handle to an existing node.
  explicit State(std::shared_ptr<detail::StateNode> node) : node_(std::move(node)) {}
  /// The shared node: copies of a State are handles to the same state.
  std::shared_ptr<detail::StateNode> node_;
};

/// A sequence under construction: its first state and the states whose continuation is still open.
/// Built by chain() or Chain::start(); passed wherever a flow is expected (machine body, Parallel
/// branch, Map processor, Choice target).
class Chain {
 public:
  /// A chain of one state (implicit, so a state can be passed where a chain is expected).
  Chain(const State& state);  // NOLINT(google-explicit-constructor)
  /// Same as the constructor, for code that reads better as `Chain::start(a).next(b)`.
  static Chain start(const State& state) { return Chain(state); }

  /// Continues every open end of this chain with `next` (a state or a chain). Throws
  /// DefinitionError [204] when the chain has no open end (it ends in Succeed, Fail or Choice).
  Chain& next(const Chain& next);

  /// The chain's first state.
  [[nodiscard]] const std::shared_ptr<detail::StateNode>& start_node() const { return start_; }
  /// The states whose continuation is still open (next() continues them all).
  [[nodiscard]] const std::vector<std::shared_ptr<detail::StateNode>>& ends() const { return ends_; }

 private:
  std::shared_ptr<detail::StateNode> start_;
  std::vector<std::shared_ptr<detail::StateNode>> ends_;
};

/// `chain(a, b, c)`: a, then b, then c. Each argument is a state or a chain. The links are made
/// on the states themselves, so the returned chain may be ignored.
template <class... Rest>
Chain chain(const Chain& first, const Rest&... rest) {
  Chain c = first;
  (c.next(Chain(rest)), ...);
  return c;
}

}  // namespace hoplite::sfn
