#include "hoplite/core/time_format.hpp"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace hoplite::core {
namespace {

std::int64_t millis(std::string_view text, TimestampSyntax syntax = TimestampSyntax::lenient) {
  auto t = parse_iso8601(text, syntax);
  EXPECT_TRUE(t) << text;
  return t ? to_epoch_millis(*t) : -1;
}

TEST(TimeFormat, ParsesTheFormsAwsSends) {
  EXPECT_EQ(millis("2025-01-01T00:00:00Z"), 1735689600000);
  EXPECT_EQ(millis("2025-01-01T00:00:00.250Z"), 1735689600250);
  EXPECT_EQ(millis("2025-01-01T01:00:00+01:00"), 1735689600000);
  EXPECT_EQ(millis("2024-12-31T23:30:00-00:30"), 1735689600000);
  EXPECT_EQ(millis("2026-11-26T06:08:11.123456789Z"), 1795673291123);
  EXPECT_EQ(millis("2025-01-01 00:00:00"), 1735689600000) << "no zone: UTC";
  EXPECT_EQ(millis("2025-01-01t00:00:00z"), 1735689600000);
  EXPECT_EQ(millis("1969-12-31T23:59:59.500Z"), -500);
}

TEST(TimeFormat, Rfc3339ProfileIsTheStatesLanguages) {
  auto strict = TimestampSyntax::rfc3339;
  EXPECT_TRUE(parse_iso8601("2016-03-14T01:59:00Z", strict));
  EXPECT_TRUE(parse_iso8601("2016-03-14T01:59:00.5+05:30", strict));
  EXPECT_FALSE(parse_iso8601("2016-03-14t01:59:00Z", strict));
  EXPECT_FALSE(parse_iso8601("2016-03-14 01:59:00Z", strict));
  EXPECT_FALSE(parse_iso8601("2016-03-14T01:59:00", strict)) << "a zone is required";
  EXPECT_FALSE(parse_iso8601("2016-03-14T01:59:00z", strict));
  EXPECT_FALSE(parse_iso8601("2016-03-14T01:59:00.Z", strict)) << "an empty fraction";
}

TEST(TimeFormat, RefusesOutOfRangeFieldsAndJunk) {
  for (std::string_view bad :
       {"", "2025-01-01", "2025-01-01T00:00:00Zjunk", "2025-13-01T00:00:00Z", "2025-00-01T00:00:00Z",
        "2025-02-29T00:00:00Z", "2025-04-31T00:00:00Z", "2025-01-01T24:00:00Z", "2025-01-01T00:60:00Z",
        "2025-01-01T00:00:61Z", "2025-01-01T00:00:00+24:00", "2025-01-01T00:00:00+01", "2025-01-01T00:00:00+0100",
        "+025-01-01T00:00:00Z", "2025-1-01T00:00:00Z", "２０２５-01-01T00:00:00Z"})
    EXPECT_FALSE(parse_iso8601(bad)) << bad;
  EXPECT_TRUE(parse_iso8601("2024-02-29T00:00:00Z")) << "a leap day";
  EXPECT_EQ(millis("2016-12-31T23:59:60Z"), millis("2017-01-01T00:00:00Z")) << "a leap second";
}

TEST(TimeFormat, TimesTimePointCannotHoldAreRefusedNotWrapped) {
  EXPECT_FALSE(parse_iso8601("9999-12-31T23:59:59Z"));
  EXPECT_FALSE(parse_iso8601("0001-01-01T00:00:00Z"));
  EXPECT_TRUE(parse_iso8601("2200-01-01T00:00:00Z"));
}

TEST(TimeFormat, FormatsUtcWithSecondsOrMilliseconds) {
  TimePoint t = TimePoint{} + std::chrono::milliseconds(1700000000987);
  EXPECT_EQ(format_iso8601(t), "2023-11-14T22:13:20Z");
  EXPECT_EQ(format_iso8601_millis(t), "2023-11-14T22:13:20.987Z");
  EXPECT_EQ(format_iso8601(TimePoint{}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_iso8601_millis(TimePoint{} - std::chrono::milliseconds(1)), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_iso8601(TimePoint{} + std::chrono::seconds(951782400)), "2000-02-29T00:00:00Z");
}

TEST(TimeFormat, FormatThenParseIsIdentityAcrossCenturies) {
  for (std::int64_t s = -5'000'000'000; s < 9'000'000'000; s += 123'456'789) {
    TimePoint t = TimePoint{} + std::chrono::seconds(s);
    auto back = parse_iso8601(format_iso8601(t), TimestampSyntax::rfc3339);
    ASSERT_TRUE(back) << format_iso8601(t);
    EXPECT_EQ(to_epoch_seconds(*back), s);
  }
}

TEST(TimeFormat, DurationsAsPeopleWriteThem) {
  using std::chrono::milliseconds;
  EXPECT_EQ(parse_duration("90s"), milliseconds(90'000));
  EXPECT_EQ(parse_duration("90"), milliseconds(90'000));
  EXPECT_EQ(parse_duration("15m"), milliseconds(900'000));
  EXPECT_EQ(parse_duration("2h"), milliseconds(7'200'000));
  EXPECT_EQ(parse_duration("250ms"), milliseconds(250));
  EXPECT_EQ(parse_duration("0"), milliseconds(0));
  EXPECT_EQ(parse_duration("168h"), milliseconds(604'800'000));
  for (std::string_view bad : {"", "s", "-5s", "1.5s", "5 s", "5d", "169h", "99999999999999999999s", "5sec"})
    EXPECT_FALSE(parse_duration(bad)) << bad;
}

TEST(TimeFormat, HttpDatesAreImfFixdate) {
  EXPECT_EQ(to_epoch_seconds(*parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT")), 784111777);
  EXPECT_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT")) << "RFC 850 form";
  EXPECT_FALSE(parse_http_date("Sun Nov  6 08:49:37 1994")) << "asctime form";
  EXPECT_FALSE(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Xyz, 06 Nov 1994 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 UTC"));
}

TEST(TimeFormat, EpochNumbersAreCheckedBeforeConversion) {
  EXPECT_EQ(to_epoch_millis(*from_epoch_seconds(1764000000.5)), 1764000000500);
  EXPECT_EQ(to_epoch_millis(*from_epoch_millis(-1)), -1);
  EXPECT_EQ(to_epoch_seconds(TimePoint{} - std::chrono::milliseconds(1)), -1);
  EXPECT_FALSE(from_epoch_seconds(std::nan("")));
  EXPECT_FALSE(from_epoch_seconds(std::numeric_limits<double>::infinity()));
  EXPECT_FALSE(from_epoch_seconds(1e300));
  EXPECT_FALSE(from_epoch_seconds(-1e300));
  EXPECT_FALSE(from_epoch_millis(std::numeric_limits<std::int64_t>::max()));
  EXPECT_FALSE(from_epoch_millis(std::numeric_limits<std::int64_t>::min()));
}

}  // namespace
}  // namespace hoplite::core
