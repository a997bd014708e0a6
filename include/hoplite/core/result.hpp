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
  Error error;
};

[[nodiscard]] inline Failure fail(Error e) { return Failure{std::move(e)}; }
[[nodiscard]] inline Failure fail(std::string code, std::string message) {
  return Failure{Error{std::move(code), std::move(message), std::nullopt, false, {}}};
}

/// Thrown by `Result::value()` when the result holds an error: reading a failed result is a bug.
class BadResultAccess : public std::logic_error {
 public:
  explicit BadResultAccess(const Error& e) : std::logic_error("value() of a failed Result: " + e.to_string()) {}
};

template <typename T>
class [[nodiscard]] Result {
 public:
  using value_type = T;

  Result(const T& v) : data_(v) {}        // NOLINT(google-explicit-constructor): returning T is the point
  Result(T&& v) : data_(std::move(v)) {}  // NOLINT(google-explicit-constructor)
  template <typename U>
  requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::remove_cvref_t<U>, T> &&
           !std::is_same_v<std::remove_cvref_t<U>, Failure> && !std::is_same_v<std::remove_cvref_t<U>, Result>)
      Result(U&& v)
      : data_(std::in_place_index<0>, std::forward<U>(v)) {}                // NOLINT(google-explicit-constructor)
  Result(Failure f) : data_(std::in_place_index<1>, std::move(f.error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

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

  template <typename U>
  T value_or(U&& fallback) const& {
    return ok() ? std::get<0>(data_) : static_cast<T>(std::forward<U>(fallback));
  }

  /// The error; calling it on a successful result is a bug (std::bad_variant_access).
  [[nodiscard]] const Error& error() const& { return std::get<1>(data_); }
  [[nodiscard]] Error&& error() && { return std::get<1>(std::move(data_)); }

  /// Converts a failed result to a Failure for returning from a function of another Result type.
  [[nodiscard]] Failure failure() const { return Failure{error()}; }
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
  Result(Failure f) : error_(std::move(f.error)), ok_(false) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  void value() const {
    if (!ok_) throw BadResultAccess(error_);
  }
  [[nodiscard]] const Error& error() const { return error_; }
  [[nodiscard]] Failure failure() const { return Failure{error_}; }
  [[nodiscard]] Failure failure(std::string_view context) const { return Failure{error_.context(context)}; }

 private:
  Error error_;
  bool ok_ = true;
};

/// `return core::ok();` from a function returning Result<void>.
[[nodiscard]] inline Result<void> ok() { return {}; }

}  // namespace hoplite::core
