// gate.h — at most n callers inside at once; the others wait their turn.
#pragma once
#include <condition_variable>
#include <mutex>

class Gate {
 public:
  explicit Gate(int n) : free_(n) {}
  void Enter() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return free_ > 0; });
    free_--;
  }
  void Leave() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      free_++;
    }
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int free_;
};

// Inside the gate for the holder's lifetime.
class GateHold {
 public:
  explicit GateHold(Gate& g) : gate_(g) { gate_.Enter(); }
  ~GateHold() { gate_.Leave(); }
  GateHold(const GateHold&) = delete;
  GateHold& operator=(const GateHold&) = delete;

 private:
  Gate& gate_;
};
