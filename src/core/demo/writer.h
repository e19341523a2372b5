// writer.h — internal to demo/: how the generator writes, and the simulated
// time it writes at.
#pragma once
#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/demo/calendar.h"
#include "core/demo/demo.h"
#include "core/demo/rng.h"
#include "core/model/repo.h"
#include "core/search/search.h"

namespace relais::demo {

// Puts rows in batches of one transaction: each row as repo.h's Insert
// writes it (BeforeWrite, the sync columns, then RecordChange for the outbox
// and field versions), or, for a server seed, the row alone. Unlike Insert, no
// savepoint per row: a failure rolls back the whole batch anyway, and they
// cost a tenth of the time (each page touched is copied to the savepoint
// journal). The search index catches up at the end of each batch.
class Writer {
 public:
  Writer(Store& store, const DemoOptions& o)
      : cal(CalendarEnding(o.today ? o.today : kDefaultToday)),
        st_(store),
        outbox_(o.write_outbox),
        batch_(std::max(1, o.batch_rows)) {
    tx_.emplace(st_.db);
  }

  const Calendar cal;

  template <class T>
  void Put(T& row) {
    BeforeWrite(row);
    Fields fields = repo_detail::FieldsOf(row);
    repo_detail::CheckUtf8(fields, T::kTable);
    const std::string id = row.id.empty() ? NewId(st_) : row.id;
    const Hlc h = NextHlc(st_);
    Stmt s = st_.db.Prepare(repo_detail::Sql<T>().insert);
    s.BindText(1, id).BindInt(2, h.packed).BindInt(3, h.packed).Bind(4, repo_detail::AuthorOrNull(st_));
    for (size_t i = 0; i < fields.size(); i++) BindValue(s, 5 + static_cast<int>(i), fields[i].value);
    s.Exec();
    if (outbox_) RecordChange(st_.db, T::kTable, id, ChangeOp::Upsert, fields, h);
    row.id = id;
    row.created_hlc = row.updated_hlc = h.packed;
    row.author_id = st_.author_id;
    if (++pending_ >= batch_) {
      search::UpdateSearchIndex(st_.db);
      tx_->Commit();
      tx_.reset();
      tx_.emplace(st_.db);
      pending_ = 0;
    }
  }

  void Finish() {
    if (!outbox_)  // what RecordChange would have kept: the clock never goes back
      st_.db.Exec(
          "INSERT INTO sync_state(key, value) VALUES ('hlc', ?) "
          "ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE excluded.value > sync_state.value",
          st_.clock.last.packed);
    search::UpdateSearchIndex(st_.db);
    tx_->Commit();
    tx_.reset();
  }

 private:
  Store& st_;
  bool outbox_;
  int batch_;
  int pending_ = 0;
  std::optional<Tx> tx_;
};

// For the length of a run, the store's clock reads simulated time and its
// ids come from a seeded generator; both are given back on destruction,
// whatever happens. Every read of the clock moves it 1 ms on, so
// timestamps stay distinct and increasing.
class SimulatedTime {
 public:
  SimulatedTime(Store& store, uint64_t seed, const Calendar& cal)
      : st_(store), saved_now_(store.now_ms), saved_ids_(store.ids), now_(std::make_shared<int64_t>(0)) {
    *now_ = DayMs(cal.setup) + 8 * 3600000;
    st_.now_ms = [now = now_] { return (*now)++; };
    // A fresh generator: the store's has already made the device id at
    // today's date, and ids never go back in time.
    auto rng = std::make_shared<Rng>(seed);
    st_.ids = IdGenerator();
    st_.ids.random = [rng] { return rng->Next(); };
  }
  ~SimulatedTime() {
    st_.now_ms = std::move(saved_now_);
    st_.ids = std::move(saved_ids_);
  }
  SimulatedTime(const SimulatedTime&) = delete;
  SimulatedTime& operator=(const SimulatedTime&) = delete;

  int64_t now() const { return *now_; }
  // To 08:00 UTC on the day (never back), plus up to a second: the day's
  // events are stamped one after the other in the morning.
  void AdvanceTo(int64_t day, Rng& rng) {
    *now_ = std::max(*now_, DayMs(day) + 8 * 3600000) + static_cast<int64_t>(rng.Below(1000));
  }

 private:
  Store& st_;
  std::function<int64_t()> saved_now_;
  IdGenerator saved_ids_;
  std::shared_ptr<int64_t> now_;
};

}  // namespace relais::demo
