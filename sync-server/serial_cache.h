// serial_cache.h — what the server derives from a row at a given change
// serial, kept for the next reader. A row's state at a serial is final (every
// write gives the row a new serial, and only committed states are read), so
// no entry is ever stale: when 50 devices pull the same new notes, the work
// is done once. Bounded by an estimate of the memory held, oldest out.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

template <class Ptr>  // a shared_ptr to const: readers keep what they found
class SerialCache {
 public:
  explicit SerialCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  Ptr Find(int64_t serial) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = items_.find(serial);
    return it == items_.end() ? nullptr : it->second.first;
  }
  // Many at once, under one lock (a pull page looks up thousands).
  std::vector<Ptr> Find(const std::vector<int64_t>& serials) {
    std::vector<Ptr> out;
    out.reserve(serials.size());
    std::lock_guard<std::mutex> lock(mu_);
    for (int64_t serial : serials) {
      auto it = items_.find(serial);
      out.push_back(it == items_.end() ? nullptr : it->second.first);
    }
    return out;
  }
  // `bytes`: about what the item holds in memory.
  void Add(int64_t serial, Ptr item, size_t bytes) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!items_.emplace(serial, std::make_pair(std::move(item), bytes)).second) return;
    order_.push_back(serial);
    bytes_ += bytes;
    while (bytes_ > max_bytes_ && !order_.empty()) {
      auto it = items_.find(order_.front());
      bytes_ -= it->second.second;
      items_.erase(it);
      order_.pop_front();
    }
  }

 private:
  const size_t max_bytes_;
  std::mutex mu_;
  std::unordered_map<int64_t, std::pair<Ptr, size_t>> items_;
  std::deque<int64_t> order_;
  size_t bytes_ = 0;
};
