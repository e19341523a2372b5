// hlc.h — hybrid logical clock (Kulkarni et al., 2014): timestamps that follow
// the wall clock when it behaves, never go backwards when it does not, and
// order every write after the writes it has seen from other devices.
//
// Packed in 64 bits so it sorts and stores as one SQLite INTEGER:
//   [ 48 bits: milliseconds since 1970-01-01 UTC ][ 16 bits: counter ]
// Milliseconds are kept below 2^47 (year 6429) so the packed value stays
// positive as a signed SQLite integer and compares the same everywhere.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

namespace relais {

struct Hlc {
  static constexpr int kCounterBits = 16;
  static constexpr int64_t kMaxCounter = (int64_t(1) << kCounterBits) - 1;
  static constexpr int64_t kMaxMillis = (int64_t(1) << 47) - 1;

  int64_t packed = 0;

  static constexpr Hlc Make(int64_t millis, int64_t counter) {
    return Hlc{(millis << kCounterBits) | (counter & kMaxCounter)};
  }
  constexpr int64_t millis() const { return packed >> kCounterBits; }
  constexpr int64_t counter() const { return packed & kMaxCounter; }

  friend constexpr bool operator==(Hlc a, Hlc b) { return a.packed == b.packed; }
  friend constexpr bool operator!=(Hlc a, Hlc b) { return a.packed != b.packed; }
  friend constexpr bool operator<(Hlc a, Hlc b) { return a.packed < b.packed; }
  friend constexpr bool operator>(Hlc a, Hlc b) { return a.packed > b.packed; }
  friend constexpr bool operator<=(Hlc a, Hlc b) { return a.packed <= b.packed; }
  friend constexpr bool operator>=(Hlc a, Hlc b) { return a.packed >= b.packed; }
};

// "1718000000000.0003": for logs and error messages.
std::string HlcToString(Hlc h);

// A remote timestamp too far ahead of our wall clock: accepting it would drag
// every later local timestamp into the future with it.
struct HlcDriftError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct HlcClock {
  Hlc last;                                 // the greatest timestamp issued or seen
  int64_t max_drift_ms = 24 * 3600 * 1000;  // Receive() refuses remotes further ahead

  // A timestamp for a local event, strictly greater than every earlier one.
  // physical_ms is the wall clock (ms since the epoch); it may go backwards.
  Hlc Now(int64_t physical_ms);
  // Merges a timestamp received from another device; returns a timestamp
  // greater than both it and every earlier local one.
  Hlc Receive(Hlc remote, int64_t physical_ms);
};

}  // namespace relais
