// rng.h — the demo generator's random numbers: xoshiro256** seeded with
// splitmix64 (Blackman & Vigna). Written out rather than taken from <random>
// because the standard distributions differ between standard libraries, and
// the same seed must give the same database natively and in the browser.
//
// For the same reason, draw at most once per expression, outside && || ?:
// and initializer lists: C++ leaves unspecified the order in which it
// evaluates the operands of + or the arguments of a call, and GCC and Clang
// (Emscripten) do not choose the same.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace relais::demo {

inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& w : s_) w = SplitMix64(seed);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n), without modulo bias (Lemire's method, with rejection).
  uint64_t Below(uint64_t n) {
    if (n <= 1) return 0;
    const uint64_t threshold = (0 - n) % n;
    for (;;) {
      uint64_t x = Next();
      // 64x64 -> 128-bit product, portably.
      uint64_t hi, lo;
      MulWide(x, n, &hi, &lo);
      if (lo >= threshold) return hi;
    }
  }
  // Uniform in [lo, hi].
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo) + 1)); }
  // Uniform in [0, 1), 53 bits.
  double Unit() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
  bool Chance(double p) { return Unit() < p; }

  template <class T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }
  template <class T, size_t N>
  const T& Pick(const T (&a)[N]) {
    return a[Below(N)];
  }
  // k distinct indexes of [0, n), in increasing order (k <= n).
  std::vector<size_t> Sample(size_t n, size_t k) {
    std::vector<size_t> idx(n);
    for (size_t i = 0; i < n; i++) idx[i] = i;
    for (size_t i = 0; i < k && i < n; i++) {
      size_t j = i + static_cast<size_t>(Below(n - i));
      std::swap(idx[i], idx[j]);
    }
    idx.resize(k < n ? k : n);
    std::sort(idx.begin(), idx.end());
    return idx;
  }
  template <class T>
  void Shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; i--) std::swap(v[i - 1], v[Below(i)]);
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static void MulWide(uint64_t a, uint64_t b, uint64_t* hi, uint64_t* lo) {
    const uint64_t a_lo = a & 0xFFFFFFFFu, a_hi = a >> 32, b_lo = b & 0xFFFFFFFFu, b_hi = b >> 32;
    const uint64_t p0 = a_lo * b_lo, p1 = a_lo * b_hi, p2 = a_hi * b_lo, p3 = a_hi * b_hi;
    const uint64_t mid = (p0 >> 32) + (p1 & 0xFFFFFFFFu) + (p2 & 0xFFFFFFFFu);
    *lo = (mid << 32) | (p0 & 0xFFFFFFFFu);
    *hi = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
  }
  uint64_t s_[4];
};

// Draws indexes with fixed weights in O(log n).
class WeightedIndex {
 public:
  explicit WeightedIndex(const std::vector<double>& weights) {
    double total = 0;
    for (double w : weights) cumulative_.push_back(total += w);
  }
  size_t Draw(Rng& rng) const {
    double x = rng.Unit() * cumulative_.back();
    size_t i = static_cast<size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), x) - cumulative_.begin());
    return std::min(i, cumulative_.size() - 1);
  }

 private:
  std::vector<double> cumulative_;
};

}  // namespace relais::demo
