// The deterministic randomized simulation of issue 4: many devices (the real
// client engine on file-backed local stores) work offline and sync with the
// real server through a faulty network — dropped requests and answers,
// duplicated and delayed (reordered) deliveries, server kill -9 and restart,
// device crashes between a write and its push, or in the middle of an
// exchange. After quiescence:
//   - every device's synced tables equal the server's view of its scope;
//   - every write is on the server, or in a conflict record, or in the
//     device's rejected list, or was overwritten by a write made after it
//     was seen; every created row is on the server once, none is invented;
//   - no session has more confirmed registrations than seats, waiting lists
//     are 1..n, nobody holds two live registrations for one session.
//
// The seed is printed; any run replays with RELAIS_SIM_SEED=n (the same
// operations and faults in the same order; HLCs follow the real clock, so
// timings may differ). Sizes: RELAIS_SIM_CLIENTS, RELAIS_SIM_OPS, and
// RELAIS_SIM_SEEDS for the number of seeds of the "many seeds" case (300 of
// 4 devices x 25 operations by default; RELAIS_SIM_SMALL_CLIENTS/_OPS).
// CI (script/test) runs both cases: one full 20 x 200 run and the 300 seeds.
// script/soak runs the full size over many seeds.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <set>

#include "core/model/company.h"
#include "core/model/casework.h"
#include "core/model/repo.h"
#include "core/model/university.h"
#include "sim_device.h"

using namespace synctest;

namespace {

const std::string kSession2 = "a0000000000000000000000000000033";  // 2 seats
const std::string kSession3 = "a0000000000000000000000000000034";  // 1 seat
const std::vector<std::string> kSessions = {kSession, kSession2, kSession3};

// The tables every device compares with the server.
const char* const kCompared[] = {"offices", "organisations", "members",      "companies",
                                 "interactions", "courses",   "course_sessions", "registrations"};

int64_t EnvInt(const char* name, int64_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtoll(v, nullptr, 10) : fallback;
}

// One write a device made, with a value no other write has.
struct Write {
  size_t dev = 0;
  std::string table, row, field;
  std::string value;  // for deletes: "" (field "_deleted")
  std::string prev;   // the device's value of the field just before
  bool creation = false;
};

std::string ValueText(const Value& v) {
  if (const std::string* s = std::get_if<std::string>(&v)) return *s;
  if (const int64_t* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const double* d = std::get_if<double>(&v)) return std::to_string(*d);
  return "null";
}

int64_t ToInt(const std::optional<std::string>& s) {
  if (!s || s->empty()) return 0;
  char* end = nullptr;
  long long v = std::strtoll(s->c_str(), &end, 10);
  return *end == '\0' ? v : -1;
}

// A table as a device holds it: live rows, id -> column -> value.
using TableRows = std::map<std::string, std::map<std::string, Value>>;

Value LocalValue(const Stmt& s, int col) {
  switch (sqlite3_column_type(s.handle(), col)) {
    case SQLITE_INTEGER:
      return s.Int(col);
    case SQLITE_FLOAT:
      return s.Double(col);
    case SQLITE_NULL:
      return std::monostate{};
    default:
      return s.Text(col);
  }
}

TableRows LocalTable(Store& st, const std::string& table) {
  TableRows out;
  Stmt s = st.db.Prepare("SELECT * FROM " + table + " WHERE deleted_hlc IS NULL");
  while (s.Step()) {
    auto& row = out[s.Text(0)];
    for (int i = 0; i < s.ColumnCount(); i++)
      row[sqlite3_column_name(s.handle(), i)] = LocalValue(s, i);
  }
  return out;
}

struct Outcome {
  int64_t requests = 0, conflicts = 0, rejected = 0, writes = 0;
};

class Simulation {
 public:
  Simulation(uint64_t seed, int clients, int ops) : seed_(seed), clients_(clients), ops_(ops), rng_(seed) {}

  Outcome Run() {
    Setup();
    for (int step = 0; step < ops_; step++) {
      std::vector<size_t> order(devs_.size());
      for (size_t i = 0; i < order.size(); i++) order[i] = i;
      std::shuffle(order.begin(), order.end(), rng_);
      for (size_t i : order) Operate(i, step);
      if (Pick(20) == 0) sim_->DeliverOneLate();
    }
    Quiesce();
    return Check();
  }

 private:
  size_t Pick(size_t n) { return static_cast<size_t>(rng_() % n); }

  std::string Marker() { return "s" + std::to_string(seed_) + "-" + std::to_string(++markers_); }

  Fault RandomFault() {
    size_t r = Pick(100);
    if (r < 6) return Fault::DropRequest;
    if (r < 12) return Fault::DropResponse;
    if (r < 17) return Fault::Duplicate;
    if (r < 22) return Fault::Delay;
    if (r < 24) return Fault::Crash;
    if (r < 25) return Fault::KillBefore;
    if (r < 26) return Fault::KillAfter;
    return Fault::None;
  }

  void Setup() {
    Device staff = net_.SeedNetwork(3);
    REQUIRE(net_.last_seed_status == 200);
    Device::PushReply more = staff.Push({
        staff.Upsert("course_sessions", kSession2,
                     {{"course_id", kCourse}, {"starts_at", int64_t(1767862800000)},
                      {"ends_at", int64_t(1767875400000)}, {"seats", int64_t(2)}}),
        staff.Upsert("course_sessions", kSession3,
                     {{"course_id", kCourse}, {"starts_at", int64_t(1768467600000)},
                      {"ends_at", int64_t(1768480200000)}, {"seats", int64_t(1)}}),
    });
    REQUIRE(more.http.status == 200);
    sim_ = std::make_unique<SimNet>(net_, rng_);
    struct Who {
      const char* login;
      const std::string& member;
      const std::string& org;
    } const people[] = {{"claire", kMemberClaire, kOrgA}, {"nina", kMemberNina, kOrgA},
                        {"marc", kMemberMarc, kOrgB},     {"sophie", kMemberSophie, kOrgB},
                        {"lea", kMemberLea, kOrgA}};
    for (int i = 0; i < clients_; i++) {
      const Who& w = people[i % 5];
      devs_.push_back(std::make_unique<SimDevice>(*sim_, w.login, w.member, w.org,
                                                  dir_.path + "/device" + std::to_string(i) + ".db",
                                                  seed_ * 1000 + static_cast<uint64_t>(i)));
    }
    // Everyone starts from the server's directory and catalogue.
    for (auto& d : devs_) REQUIRE(d->Sync({}, 100));
  }

  void Record(size_t dev, const std::string& table, const std::string& row, const std::string& field,
              const std::string& value, const std::string& prev, bool creation) {
    writes_.push_back(Write{dev, table, row, field, value, prev, creation});
  }

  void Operate(size_t i, int step) {
    SimDevice& d = *devs_[i];
    Store& st = *d.st;
    const bool trainee = d.login == "lea", staff = d.login == "sophie";
    size_t op = Pick(100);
    if (op < 12) {
      d.Sync([this] { return RandomFault(); }, 40);  // may end backing off: resumes later
      return;
    }
    if (op < 14) {  // the app dies between a write and its push
      d.Crash();
      return;
    }
    if (trainee || op < 30) {
      Register(d, i);
      return;
    }
    std::vector<Company> companies = List<Company>(st);
    if (op < 42 || companies.empty()) {
      Company c;
      c.name = "Entreprise " + Marker();
      Insert(st, c);
      Record(i, "companies", c.id, "name", c.name, "", true);
      return;
    }
    if (op < 62) {
      Company c = companies[Pick(companies.size())];
      std::string field = Pick(2) ? "name" : "phone";
      std::string prev = field == "name" ? c.name : c.phone;
      std::string v = (field == "name" ? "Entreprise " : "tel ") + Marker();
      (field == "name" ? c.name : c.phone) = v;
      Update(st, c);
      Record(i, "companies", c.id, field, v, prev, false);
      return;
    }
    if (op < 66) {
      // Only office staff may delete a company: advisors get a rejection.
      const Company& c = companies[Pick(companies.size())];
      if (SoftDelete<Company>(st, c.id)) Record(i, "companies", c.id, "_deleted", "", "", false);
      return;
    }
    if (staff) {  // more seats now and then: the waiting list moves up
      if (op < 70) {
        std::string id = kSessions[Pick(kSessions.size())];
        std::optional<CourseSession> s = Get<CourseSession>(st, id);
        if (s && s->seats < 6) {
          s->seats += 1;
          Update(st, *s);
        }
      }
      return;
    }
    std::vector<Interaction> notes = List<Interaction>(st);
    if (op < 82 || notes.empty()) {
      Interaction n;
      n.company_id = companies[Pick(companies.size())].id;
      n.occurred_on = "2026-0" + std::to_string(1 + step % 9) + "-15";
      n.author_member_id = d.member_id;
      n.organisation_id = d.organisation_id;
      const char* vis[] = {"network", "organisation", "author"};
      n.visibility = vis[Pick(3)];
      n.note = "Note " + Marker();
      Insert(st, n);
      Record(i, "interactions", n.id, "note", n.note, "", true);
      return;
    }
    // Edit a note this device may edit: its own, or its organisation's.
    std::vector<Interaction> mine;
    for (const Interaction& n : notes)
      if (n.author_member_id == d.member_id || (n.organisation_id == d.organisation_id && n.visibility != "author"))
        mine.push_back(n);
    if (mine.empty()) return;
    Interaction n = mine[Pick(mine.size())];
    std::string prev = n.note;
    n.note = "Note " + Marker();
    Update(st, n);
    Record(i, "interactions", n.id, "note", n.note, prev, false);
  }

  // Register for a session, or cancel a registration of one's own.
  void Register(SimDevice& d, size_t i) {
    Store& st = *d.st;
    std::vector<Registration> regs = List<Registration>(st);
    std::vector<Registration> mine;
    for (const Registration& r : regs)
      if (r.member_id == d.member_id && r.status != "cancelled") mine.push_back(r);
    if (!mine.empty() && Pick(3) == 0) {
      Registration r = mine[Pick(mine.size())];
      r.status = "cancelled";
      Update(st, r);
      Record(i, "registrations", r.id, "status", "cancelled", "", false);
      return;
    }
    Registration r;
    r.session_id = kSessions[Pick(kSessions.size())];
    for (const Registration& m : mine)
      if (m.session_id == r.session_id) return;  // already registered here, as far as this device knows
    r.member_id = d.member_id;
    r.requested_at = NowMs();
    Insert(st, r);
    Record(i, "registrations", r.id, "session_id", r.session_id, "", true);
  }

  // A quiet network: held-back requests arrive, then everyone syncs until
  // nothing moves.
  void Quiesce() {
    while (!sim_->late.empty()) sim_->DeliverOneLate();
    for (int round = 0; round < 3; round++)
      for (auto& d : devs_) {
        INFO("device of " << d->login << ": " << d->eng->Status().last_error);
        REQUIRE(d->Sync({}, 400));
      }
  }

  // The server's view for one login, pulled from scratch by a new device.
  const Replica& ServerView(const std::string& login) {
    auto it = views_.find(login);
    if (it != views_.end()) return it->second;
    Device v = net_.NewDevice(login);
    Replica& r = views_[login];
    PullAll(v, &r);
    REQUIRE(r.last_status == 200);
    return r;
  }

  Outcome Check() {
    Outcome out;
    out.writes = static_cast<int64_t>(writes_.size());
    // 1. Every replica is the server's view of its scope.
    for (size_t i = 0; i < devs_.size(); i++) {
      SimDevice& d = *devs_[i];
      INFO("device " << i << " (" << d.login << ")");
      SyncStatus s = d.eng->Status();
      CHECK(s.pending == 0);
      CHECK(s.state == SyncState::Idle);
      out.requests += d.requests;
      out.rejected += s.rejected;
      out.conflicts += s.conflicts;
      const Replica& view = ServerView(d.login);
      for (const char* t : kCompared) {
        INFO("table " << t);
        TableRows local = LocalTable(*d.st, t);
        std::set<std::string> server_ids;
        for (const auto& kv : view.rows) {
          if (kv.first.first != t || kv.second.deleted_hlc != 0) continue;
          const std::string& id = kv.first.second;
          server_ids.insert(id);
          auto lr = local.find(id);
          if (lr == local.end()) {
            FAIL_CHECK("row " << id << " is on the server, not on the device");
            continue;
          }
          for (const VersionedField& f : kv.second.fields) {
            INFO("row " << id << " column " << f.name);
            CHECK(ValueText(lr->second[f.name]) == ValueText(f.value));
          }
        }
        for (const auto& kv : local)
          if (!server_ids.count(kv.first)) FAIL_CHECK("row " << kv.first << " is on the device, not on the server");
      }
    }

    // Everything on the server: each table from a login that sees all of it.
    std::map<std::pair<std::string, std::string>, const RowState*> server;
    std::vector<Conflict> conflicts;
    for (const char* login : {"sophie", "claire", "nina", "marc", "lea"}) {
      const Replica& v = ServerView(login);
      for (const auto& kv : v.rows) server.emplace(kv.first, &kv.second);
      for (const auto& kv : v.conflicts) conflicts.push_back(kv.second);
    }
    auto field = [&](const std::string& t, const std::string& id, const std::string& f) -> std::optional<std::string> {
      auto it = server.find({t, id});
      if (it == server.end()) return std::nullopt;
      for (const VersionedField& vf : it->second->fields)
        if (vf.name == f) return ValueText(vf.value);
      return std::string();
    };

    // 2. Every write is on the server, or visibly lost, refused or overwritten.
    std::map<std::string, size_t> writer_of;  // unique value -> device
    for (const Write& w : writes_)
      if (w.table != "registrations" && !w.value.empty()) writer_of[w.value] = w.dev;
    std::vector<std::vector<RejectedChange>> rejected(devs_.size());
    for (size_t i = 0; i < devs_.size(); i++) rejected[i] = devs_[i]->eng->Rejected();
    auto is_rejected = [&](const Write& w) {
      for (const RejectedChange& rc : rejected[w.dev])
        if (rc.table == w.table && rc.row_id == w.row &&
            (w.field == "_deleted" ? rc.op == "delete" : rc.fields_json.find(w.value) != std::string::npos))
          return true;
      return false;
    };
    auto in_conflict = [&](const Write& w) {
      for (const Conflict& k : conflicts) {
        if (k.table != w.table || k.row_id != w.row || k.field != w.field) continue;
        if (ValueText(k.loser_value).find(w.value) != std::string::npos) return true;
        if (ValueText(k.winner_value).find(w.value) != std::string::npos) return true;
      }
      return false;
    };
    std::set<std::pair<std::string, std::string>> created;
    for (const Write& w : writes_) {
      if (is_rejected(w)) continue;
      INFO("write by device " << w.dev << " (" << devs_[w.dev]->login << "): " << w.table << " " << w.row << " "
                              << w.field << " = " << w.value);
      if (w.creation) created.insert({w.table, w.row});
      if (!server.count({w.table, w.row})) {
        FAIL_CHECK("the row is not on the server");
        continue;
      }
      if (w.field == "_deleted") {
        bool deleted = server[{w.table, w.row}]->deleted_hlc != 0;
        bool lost = false;
        for (const Conflict& k : conflicts) lost = lost || (k.row_id == w.row && k.field == "_deleted");
        CHECK((deleted || lost));
        continue;
      }
      if (w.table == "registrations" && w.field == "status") {  // a cancellation always stands
        CHECK(field(w.table, w.row, "status") == std::optional<std::string>("cancelled"));
        continue;
      }
      std::string now = field(w.table, w.row, w.field).value_or("");
      bool present = w.table == "interactions" ? now.find(w.value) != std::string::npos : now == w.value;
      bool overwritten = false;
      for (const Write& later : writes_)
        if (&later != &w && later.table == w.table && later.row == w.row && later.field == w.field &&
            later.prev.find(w.value) != std::string::npos && !is_rejected(later))
          overwritten = true;
      CHECK((present || in_conflict(w) || overwritten));
    }
    // Created rows exist once (ids are keys), and nothing appeared that no
    // device created (a replayed push making a second row).
    for (const char* t : {"companies", "interactions", "registrations"}) {
      for (const auto& kv : server) {
        if (kv.first.first != t) continue;
        INFO(t << " " << kv.first.second);
        std::string refusals;
        for (size_t i = 0; i < devs_.size(); i++)
          for (const RejectedChange& rc : rejected[i])
            if (rc.row_id == kv.first.second)
              refusals += "device " + std::to_string(i) + " had " + rc.fields_json + " refused: " + rc.error + "\n";
        INFO(refusals);
        CHECK(created.count(kv.first));
      }
    }
    // A change applied twice shows as a conflict of a device with itself.
    for (const Conflict& k : conflicts) {
      auto a = writer_of.find(ValueText(k.winner_value)), b = writer_of.find(ValueText(k.loser_value));
      if (a != writer_of.end() && b != writer_of.end()) {
        INFO("conflict " << k.table << " " << k.row_id << " " << k.field);
        CHECK(a->second != b->second);
      }
    }

    // 3. Seats: never over-booked, waiting lists 1..n, one live registration per member.
    for (const std::string& session : kSessions) {
      INFO("session " << session);
      int64_t seats = ToInt(field("course_sessions", session, "seats"));
      int confirmed = 0;
      std::vector<int64_t> positions;
      std::map<std::string, int> live_per_member;
      for (const auto& kv : server) {
        if (kv.first.first != "registrations" || kv.second->deleted_hlc) continue;
        const std::string& id = kv.first.second;
        if (field("registrations", id, "session_id") != std::optional<std::string>(session)) continue;
        std::string status = field("registrations", id, "status").value_or("");
        if (status == "confirmed" || status == "attended") confirmed++;
        if (status == "waitlisted") positions.push_back(ToInt(field("registrations", id, "waitlist_position")));
        if (status != "cancelled") live_per_member[field("registrations", id, "member_id").value_or("")]++;
      }
      CHECK(confirmed <= seats);
      std::sort(positions.begin(), positions.end());
      for (size_t p = 0; p < positions.size(); p++) CHECK(positions[p] == int64_t(p + 1));
      if (!positions.empty()) CHECK(confirmed == seats);  // nobody waits while a seat is free
      for (const auto& kv : live_per_member) {
        INFO("member " << kv.first);
        CHECK(kv.second == 1);
      }
    }
    return out;
  }

  uint64_t seed_;
  int clients_, ops_;
  std::mt19937_64 rng_;
  Network net_;
  TempDir dir_;
  std::unique_ptr<SimNet> sim_;
  std::vector<std::unique_ptr<SimDevice>> devs_;
  std::vector<Write> writes_;
  std::map<std::string, Replica> views_;
  int markers_ = 0;
};

uint64_t RandomSeed() {
  if (const char* env = std::getenv("RELAIS_SIM_SEED")) return std::strtoull(env, nullptr, 10);
  return std::random_device{}() % 1000000000ULL;
}

// The server's data folder and the devices' files go to /dev/shm when there
// is one: kill -9 keeps the page cache (only a power cut needs the fsyncs the
// server makes), and without the disk a run is several times faster, which
// is what lets CI try hundreds of seeds. TMPDIR is given back afterwards.
struct ShmTemp {
  std::string saved;
  bool had = false, set = false;
  ShmTemp() {
    if (std::getenv("RELAIS_SIM_KEEP_TMPDIR") || access("/dev/shm", W_OK) != 0) return;
    if (const char* t = std::getenv("TMPDIR")) {
      had = true;
      saved = t;
    }
    set = setenv("TMPDIR", "/dev/shm", 1) == 0;
  }
  ~ShmTemp() {
    if (!set) return;
    if (had)
      setenv("TMPDIR", saved.c_str(), 1);
    else
      unsetenv("TMPDIR");
  }
};

void RunOne(uint64_t seed, int clients, int ops) {
  ShmTemp shm;
  std::printf("sync simulation seed %llu, %d clients x %d operations (replay: RELAIS_SIM_SEED=%llu "
              "RELAIS_SIM_CLIENTS=%d RELAIS_SIM_OPS=%d)\n",
              (unsigned long long)seed, clients, ops, (unsigned long long)seed, clients, ops);
  std::fflush(stdout);
  INFO("RELAIS_SIM_SEED=" << seed << " RELAIS_SIM_CLIENTS=" << clients << " RELAIS_SIM_OPS=" << ops);
  auto t0 = std::chrono::steady_clock::now();
  Simulation sim(seed, clients, ops);
  Outcome o = sim.Run();
  std::printf("  %lld writes, %lld requests, %lld conflicts, %lld rejected, %.1f s\n", (long long)o.writes,
              (long long)o.requests, (long long)o.conflicts, (long long)o.rejected,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
}

}  // namespace

TEST_CASE("simulation: 20 devices x 200 offline operations with faults converge and lose nothing",
          "[server][sync][simulation][full]") {
  const uint64_t seed = RandomSeed();
  const int clients = static_cast<int>(EnvInt("RELAIS_SIM_CLIENTS", 20));
  const int ops = static_cast<int>(EnvInt("RELAIS_SIM_OPS", 200));
  RunOne(seed, clients, ops);
}

TEST_CASE("simulation: many seeds of a smaller network", "[server][sync][simulation][seeds]") {
  // Seeds base, base+1, ...: a failure names its own seed to replay it.
  const uint64_t base = RandomSeed();
  // 300 seeds of 4 devices x 25 operations (claire, nina, marc, sophie: two
  // organisations, staff, concurrent edits, seats), with every fault.
  const int seeds = static_cast<int>(EnvInt("RELAIS_SIM_SEEDS", 300));
  const int clients = static_cast<int>(EnvInt("RELAIS_SIM_SMALL_CLIENTS", 4));
  const int ops = static_cast<int>(EnvInt("RELAIS_SIM_SMALL_OPS", 25));
  for (int i = 0; i < seeds; i++) RunOne(base + static_cast<uint64_t>(i), clients, ops);
}
