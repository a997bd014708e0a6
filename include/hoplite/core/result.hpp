#pragma once
/// \file
/// `Result<T>`: a value or an `Error`, for failures that are expected (GCC 12 in C++20 mode has no
/// std::expected). Programming errors in a service definition are exceptions instead (see
/// docs/design.md, "Errors").
///
/// **Example**:
/// \code
///   core::Result<std::string> read_config(const std::string& path) {
///     if (path.empty()) return core::fail("config.path", "no config file given");
///     return std::string{"…"};
///   }
///   auto r = read_config(p);
///   if (!r) return r.error().context("loading settings");
///   use(*r);
/// \endcode

#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "hoplite/core/error.hpp"

namespace hoplite::core {

/// Wraps an Error so that it converts to any `Result<T>`; made by `fail(...)`.
struct Failure {
  Error error;  ///< what went wrong
};

/// A Failure holding `e`: `return core::fail(e);` from a function returning any Result.
[[nodiscard]] inline Failure fail(Error e) { return Failure{std::move(e)}; }
/// A Failure with a new Error of `code` and `message` (not retryable, no HTTP status).
[[nodiscard]] inline Failure fail(std::string code, std::string message) {
  return Failure{Error{std::move(code), std::move(message), std::nullopt, false, {}}};
}

/// Thrown by `Result::value()` when the result holds an error: reading a failed result is a bug.
class BadResultAccess : public std::logic_error {
 public:
  /// The exception for reading the value of a result that holds `e`.
  explicit BadResultAccess(const Error& e) : std::logic_error("value() of a failed Result: " + e.to_string()) {}
};

/// A value of type `T` or an Error: what network, registry and AWS calls return (GCC 12 has no
/// `std::expected`). Construct it from a T or from `core::fail(…)`; check ok() before value().
template <typename T>
class [[nodiscard]] Result {
 public:
  /// The type of the value a successful result holds.
  using value_type = T;

  ///@{
  /// A successful result holding `v` (implicit, so a function can `return value;`).
  Result(const T& v) : data_(v) {}        // NOLINT(google-explicit-constructor): returning T is the point
  Result(T&& v) : data_(std::move(v)) {}  // NOLINT(google-explicit-constructor)
  template <typename U>
  requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::remove_cvref_t<U>, T> &&
           !std::is_same_v<std::remove_cvref_t<U>, Failure> && !std::is_same_v<std::remove_cvref_t<U>, Result>)
      Result(U&& v)
      : data_(std::in_place_index<0>, std::forward<U>(v)) {}  // NOLINT(google-explicit-constructor)
  ///@}
  /// A failed result holding `f`'s error (implicit, so a function can `return core::fail(…);`).
  Result(Failure f) : data_(std::in_place_index<1>, std::move(f.error)) {}  // NOLINT(google-explicit-constructor)

  /// True when the result holds a value.
  [[nodiscard]] bool ok() const { return data_.index() == 0; }
  /// Same as ok().
  explicit operator bool() const { return ok(); }

  ///@{
  /// The value; throws BadResultAccess when the result holds an error (reading it is a bug).
  T& value() & {
    check();
    return std::get<0>(data_);
  }
  const T& value() const& {
    check();
    return std::get<0>(data_);
  }
  T&& value() && {
    check();
    return std::get<0>(std::move(data_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  ///@}

  /// The value, or `fallback` converted to T when the result holds an error.
  template <typename U>
  T value_or(U&& fallback) const& {
    return ok() ? std::get<0>(data_) : static_cast<T>(std::forward<U>(fallback));
  }

  /// The error; calling it on a successful result is a bug (std::bad_variant_access).
  [[nodiscard]] const Error& error() const& { return std::get<1>(data_); }
  /// The error, moved out of an rvalue result.
  [[nodiscard]] Error&& error() && { return std::get<1>(std::move(data_)); }

  /// Converts a failed result to a Failure for returning from a function of another Result type.
  [[nodiscard]] Failure failure() const { return Failure{error()}; }
  /// The error as a Failure with `context` prepended (`"pushing layer …: " + message`).
  [[nodiscard]] Failure failure(std::string_view context) const { return Failure{error().context(context)}; }

 private:
  void check() const {
    if (!ok()) throw BadResultAccess(std::get<1>(data_));
  }
  std::variant<T, Error> data_;
};

/// A result without a value: success, or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  /// A failed result holding `f`'s error.
  Result(Failure f) : error_(std::move(f.error)), ok_(false) {}  // NOLINT(google-explicit-constructor)

  /// True when the operation succeeded.
  [[nodiscard]] bool ok() const { return ok_; }
  /// Same as ok().
  explicit operator bool() const { return ok_; }
  /// Throws BadResultAccess when the result is a failure; does nothing otherwise.
  void value() const {
    if (!ok_) throw BadResultAccess(error_);
  }
  /// The error; meaningless on success.
  [[nodiscard]] const Error& error() const { return error_; }
  /// The error as a Failure, for returning from a function of another Result type.
  [[nodiscard]] Failure failure() const { return Failure{error_}; }
  /// The error as a Failure with `context` prepended.
  [[nodiscard]] Failure failure(std::string_view context) const { return Failure{error_.context(context)}; }

 private:
  Error error_;
  bool ok_ = true;
};

/// `return core::ok();` from a function returning Result<void>.
[[nodiscard]] inline Result<void> ok() { return {}; }

}  // namespace hoplite::core
