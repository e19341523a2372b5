// Tests of the hybrid logical clock and of row id generation.
#include <catch2/catch.hpp>
#include <set>

#include "core/sync/hlc.h"
#include "core/sync/ids.h"

using namespace relais;

namespace {

const int64_t kT = 1718000000000;  // 2024-06-10, ms

// A reproducible random source (splitmix64).
RandomSource Seeded(uint64_t seed) {
  return [state = seed]() mutable {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
}

}  // namespace

TEST_CASE("Hlc packs milliseconds and counter into one sortable integer") {
  Hlc h = Hlc::Make(kT, 7);
  CHECK(h.millis() == kT);
  CHECK(h.counter() == 7);
  CHECK(h.packed == (kT << 16) + 7);
  CHECK(Hlc::Make(kT, 65535) < Hlc::Make(kT + 1, 0));
  CHECK(Hlc::Make(Hlc::kMaxMillis, Hlc::kMaxCounter).packed > 0);  // stays positive in SQLite
  CHECK(HlcToString(Hlc::Make(kT, 3)) == "1718000000000.0003");
}

TEST_CASE("Hlc Now follows the wall clock and is strictly increasing") {
  HlcClock c;
  Hlc a = c.Now(kT);
  CHECK(a == Hlc::Make(kT, 0));
  Hlc b = c.Now(kT);  // same millisecond
  CHECK(b == Hlc::Make(kT, 1));
  Hlc d = c.Now(kT + 5);
  CHECK(d == Hlc::Make(kT + 5, 0));
}

TEST_CASE("Hlc Now stays monotonic when the wall clock goes backwards") {
  HlcClock c;
  Hlc prev = c.Now(kT);
  for (int64_t t : {kT - 1000, kT - 1, kT - 50000, kT, kT + 1, kT - 3}) {
    Hlc h = c.Now(t);
    CHECK(h > prev);
    CHECK(h.millis() >= prev.millis());
    prev = h;
  }
  CHECK(prev == Hlc::Make(kT + 1, 1));
  CHECK(c.Now(-5) > prev);  // nonsense input still moves forward
}

TEST_CASE("Hlc counter overflow moves to the next millisecond") {
  HlcClock c;
  c.last = Hlc::Make(kT, Hlc::kMaxCounter);
  Hlc h = c.Now(kT);
  CHECK(h == Hlc::Make(kT + 1, 0));
}

TEST_CASE("Hlc Receive orders after both the remote and the local timestamps") {
  HlcClock c;
  c.Now(kT);
  SECTION("remote ahead of us") {
    Hlc r = Hlc::Make(kT + 100, 4);
    Hlc h = c.Receive(r, kT + 10);
    CHECK(h == Hlc::Make(kT + 100, 5));
    CHECK(c.Now(kT + 20) > h);  // later local events come after
  }
  SECTION("remote behind us") {
    Hlc h = c.Receive(Hlc::Make(kT - 100, 9), kT);
    CHECK(h == Hlc::Make(kT, 1));
  }
  SECTION("same millisecond: the greater counter wins, plus one") {
    c.last = Hlc::Make(kT, 2);
    CHECK(c.Receive(Hlc::Make(kT, 8), kT) == Hlc::Make(kT, 9));
  }
  SECTION("wall clock ahead of both") { CHECK(c.Receive(Hlc::Make(kT + 1, 3), kT + 50) == Hlc::Make(kT + 50, 0)); }
  SECTION("a remote clock far in the future is refused and changes nothing") {
    Hlc before = c.last;
    CHECK_THROWS_AS(c.Receive(Hlc::Make(kT + 2 * c.max_drift_ms, 0), kT), HlcDriftError);
    CHECK(c.last == before);
  }
}

TEST_CASE("Two devices exchanging timestamps keep causal order") {
  HlcClock a, b;
  // b's wall clock is 5 s behind a's.
  Hlc a1 = a.Now(kT);
  Hlc b1 = b.Receive(a1, kT - 5000);
  CHECK(b1 > a1);
  Hlc b2 = b.Now(kT - 4999);
  CHECK(b2 > b1);
  Hlc a2 = a.Receive(b2, kT + 1);
  CHECK(a2 > b2);
}

TEST_CASE("Ids are 32 lowercase hex digits with the UUIDv7 version and variant") {
  IdGenerator gen{Seeded(1)};
  std::string id = gen.Next(kT);
  CHECK(id.size() == 32);
  CHECK(IsValidId(id));
  CHECK(id[12] == '7');
  CHECK(std::string("89ab").find(id[16]) != std::string::npos);
  CHECK(IdMillis(id) == kT);

  CHECK_FALSE(IsValidId(""));
  CHECK_FALSE(IsValidId("0123456789ABCDEF0123456789abcdef"));  // upper case
  CHECK_FALSE(IsValidId("0123456789abcdef0123456789abcde"));   // 31
  CHECK_FALSE(IsValidId("0123456789abcdef0123456789abcdeg"));
  CHECK(IdMillis("not an id") == -1);
}

TEST_CASE("Ids are unique and sort by creation, even within a millisecond") {
  IdGenerator gen{Seeded(42)};
  std::set<std::string> seen;
  std::string prev;
  int64_t t = kT;
  for (int i = 0; i < 20000; i++) {
    if (i % 10000 == 0) t += 1;
    std::string id = gen.Next(t);
    CHECK(seen.insert(id).second);
    CHECK(id > prev);
    prev = id;
  }
  // 20000 ids in 2 ms overflowed the 12-bit counter: the time part moved on.
  CHECK(IdMillis(prev) > t);
}

TEST_CASE("Ids keep increasing when the clock goes back") {
  IdGenerator gen{Seeded(7)};
  std::string a = gen.Next(kT);
  std::string b = gen.Next(kT - 60000);
  CHECK(b > a);
  CHECK(IdMillis(b) == kT);
}

TEST_CASE("Ids from two devices at the same millisecond differ") {
  IdGenerator a{Seeded(1)}, b{Seeded(2)};
  CHECK(a.Next(kT) != b.Next(kT));
  IdGenerator sys{};  // SystemRandom
  IdGenerator sys2{};
  CHECK(sys.Next(kT) != sys2.Next(kT));
}
