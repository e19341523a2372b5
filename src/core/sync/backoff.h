// backoff.h — exponential backoff with jitter for sync retries, with an
// injectable random source so tests and simulations replay exactly.
#pragma once
#include <cstdint>
#include <functional>

namespace relais::sync {

struct Backoff {
  int64_t base_ms = 1000;       // first delay (before jitter)
  int64_t cap_ms = 5 * 60000;   // no delay beyond this
  std::function<uint64_t()> random;  // 64 random bits; a seeded xorshift when empty
  uint64_t seed = 0x9e3779b97f4a7c15ULL;
  int attempt = 0;              // failures since the last success

  // The delay before the next retry, and counts one more failure. "Equal
  // jitter": half the exponential delay, plus a random part of the other half,
  // so devices that failed together do not retry together.
  int64_t NextDelayMs();
  void Reset() { attempt = 0; }

 private:
  uint64_t Random();
};

}  // namespace relais::sync
