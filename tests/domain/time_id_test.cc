#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "domain/common/id.h"
#include "domain/common/time.h"

namespace daifa {
namespace {

TEST(Time, FormatsRfc3339InUtc) {
  EXPECT_EQ(format_rfc3339(Timestamp{0}), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_rfc3339(Timestamp{1'795'000'000'123}), "2026-11-18T11:06:40.123Z");
  EXPECT_EQ(format_rfc3339(Timestamp{-1}), "1969-12-31T23:59:59.999Z");
}

TEST(Time, ParsesOffsetsAndRoundTrips) {
  EXPECT_EQ(parse_rfc3339("2026-11-18T11:06:40.123Z")->unix_ms, 1'795'000'000'123);
  EXPECT_EQ(parse_rfc3339("2026-11-18T19:06:40.123+08:00")->unix_ms, 1'795'000'000'123);
  EXPECT_EQ(parse_rfc3339("2024-02-29T00:00:00Z")->unix_ms, 1'709'164'800'000);
  for (std::int64_t ms : std::initializer_list<std::int64_t>{0, 1'795'000'000'123, 951'782'400'000}) {
    EXPECT_EQ(parse_rfc3339(format_rfc3339(Timestamp{ms}))->unix_ms, ms);
  }
  for (const char* bad : {"", "2026-11-18", "2026-13-01T00:00:00Z", "2026-11-18T08:26:40", "2026-11-18T08:26:40.Z",
                          "2026-11-18T08:26:40+0800", "2026-11-18T08:26:40Zjunk"}) {
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
  }
}

TEST(Ids, IncreaseWithTimeAndWithinAMillisecond) {
  IdGenerator gen(3);
  Id a = gen.next(Timestamp{kIdEpochMs + 1000});
  Id b = gen.next(Timestamp{kIdEpochMs + 1000});
  Id c = gen.next(Timestamp{kIdEpochMs + 1001});
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  // A clock that steps back never produces a smaller id.
  Id d = gen.next(Timestamp{kIdEpochMs + 10});
  EXPECT_LT(c, d);
}

TEST(Ids, StayUniqueWhenTheSequenceOverflowsAndAcrossThreads) {
  IdGenerator gen(1);
  std::vector<std::vector<Id>> per_thread(4);
  std::vector<std::thread> threads;
  for (auto& out : per_thread) {
    threads.emplace_back([&gen, &out] {
      for (int i = 0; i < 10'000; ++i) out.push_back(gen.next(Timestamp{kIdEpochMs + 5}));  // one millisecond
    });
  }
  for (auto& t : threads) t.join();
  std::set<Id> all;
  for (const auto& v : per_thread) all.insert(v.begin(), v.end());
  EXPECT_EQ(all.size(), 40'000u);
}

TEST(Ids, DifferentNodesNeverCollide) {
  IdGenerator a(1), b(2);
  EXPECT_NE(a.next(Timestamp{kIdEpochMs + 7}), b.next(Timestamp{kIdEpochMs + 7}));
  EXPECT_THROW(IdGenerator(1024), std::invalid_argument);
}

TEST(Ids, ParseOnlyCanonicalPositiveDecimals) {
  EXPECT_EQ(parse_id("123"), 123);
  for (const char* bad : {"", "0", "-1", "012", "12a", "99999999999999999999", " 1"}) {
    EXPECT_FALSE(parse_id(bad)) << bad;
  }
}

}  // namespace
}  // namespace daifa
