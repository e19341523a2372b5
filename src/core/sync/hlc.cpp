// hlc.cpp — see hlc.h.
#include "core/sync/hlc.h"

#include <algorithm>
#include <cstdio>

namespace relais {

namespace {

int64_t ClampMillis(int64_t ms) { return std::clamp<int64_t>(ms, 0, Hlc::kMaxMillis); }

// counter overflow (65536 events in one millisecond) borrows the next
// millisecond rather than wrapping: order is what matters, not exactness.
Hlc Advance(int64_t millis, int64_t counter) {
  if (counter > Hlc::kMaxCounter) {
    millis++;
    counter = 0;
  }
  return Hlc::Make(ClampMillis(millis), counter);
}

}  // namespace

std::string HlcToString(Hlc h) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%lld.%04lld", static_cast<long long>(h.millis()),
                static_cast<long long>(h.counter()));
  return buf;
}

Hlc HlcClock::Now(int64_t physical_ms) {
  int64_t pt = ClampMillis(physical_ms);
  if (pt > last.millis()) {
    last = Hlc::Make(pt, 0);
  } else {
    last = Advance(last.millis(), last.counter() + 1);
  }
  return last;
}

Hlc HlcClock::Receive(Hlc remote, int64_t physical_ms) {
  int64_t pt = ClampMillis(physical_ms);
  if (remote.millis() - pt > max_drift_ms)
    throw HlcDriftError("remote clock " + HlcToString(remote) + " is more than " + std::to_string(max_drift_ms) +
                        " ms ahead of local time " + std::to_string(pt));
  int64_t lm = last.millis(), rm = remote.millis();
  int64_t m = std::max({lm, rm, pt});
  int64_t c;
  if (m == lm && m == rm)
    c = std::max(last.counter(), remote.counter()) + 1;
  else if (m == lm)
    c = last.counter() + 1;
  else if (m == rm)
    c = remote.counter() + 1;
  else
    c = 0;
  last = Advance(m, c);
  return last;
}

}  // namespace relais
