#include "hoplite/core/result.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace hoplite::core {
namespace {

Result<int> parse_positive(int v) {
  if (v <= 0) return fail("input.range", "value must be positive");
  return v;
}

TEST(Result, HoldsValue) {
  auto r = parse_positive(4);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(*r, 4);
  EXPECT_EQ(r.value_or(9), 4);
}

TEST(Result, HoldsErrorWithCodeMessageAndStatus) {
  Error e{"registry.unauthorized", "authentication required", 401, false, {}};
  Result<std::string> r = fail(e);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "registry.unauthorized");
  EXPECT_EQ(r.error().http_status, 401);
  EXPECT_FALSE(r.error().retryable);
  EXPECT_EQ(r.value_or("fallback"), "fallback");
  EXPECT_EQ(r.error().to_string(), "authentication required [registry.unauthorized, HTTP 401]");
}

TEST(Result, ReadingTheValueOfAFailureThrows) {
  auto r = parse_positive(-1);
  EXPECT_THROW((void)r.value(), BadResultAccess);
}

TEST(Result, ContextPrefixesTheMessageAndKeepsTheRest) {
  Result<int> r = fail(Error{"http.transport", "connection reset", std::nullopt, true, {}});
  Error e = r.error().context("PUT /v2/svc/blobs/uploads/").context("pushing layer sha256:ab12");
  EXPECT_EQ(e.message, "pushing layer sha256:ab12: PUT /v2/svc/blobs/uploads/: connection reset");
  EXPECT_TRUE(e.retryable);
  Result<std::string> passed_on = r.failure("reading");
  EXPECT_EQ(passed_on.error().message, "reading: connection reset");
}

TEST(Result, MoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 7);
}

TEST(Result, VoidResult) {
  Result<void> good = ok();
  EXPECT_TRUE(good.ok());
  Result<void> bad = fail("io.write", "disk full");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "disk full");
  EXPECT_THROW(bad.value(), BadResultAccess);
}

}  // namespace
}  // namespace hoplite::core
