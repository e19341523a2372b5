// test_sync_support.h — what the sync tests share: a real relais-server with
// a small network of accounts, and a device-like client over real HTTP
// (login, push, pull) speaking JSON or binary through core/sync/protocol.h.
// Free of Catch2 assertions except in the fixture, so a later fault-injection
// simulation can reuse the client half.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/sync/hlc.h"
#include "core/sync/protocol.h"
#include "server_process.h"

namespace synctest {

using namespace relais;
using namespace relais::sync;

inline int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Fixed ids of the test network (32 hex digits, like the devices make).
inline const std::string kOrgA = "a0000000000000000000000000000001";  // CCI
inline const std::string kOrgB = "a0000000000000000000000000000002";  // Dev'Up
inline const std::string kOffice = "a0000000000000000000000000000011";
inline const std::string kMemberClaire = "a0000000000000000000000000000021";  // advisor, org A
inline const std::string kMemberNina = "a0000000000000000000000000000022";    // advisor, org A
inline const std::string kMemberMarc = "a0000000000000000000000000000023";    // advisor, org B
inline const std::string kMemberLea = "a0000000000000000000000000000024";     // trainee, org A
inline const std::string kMemberSophie = "a0000000000000000000000000000025";  // office staff, org B
inline const std::string kCourse = "a0000000000000000000000000000031";
inline const std::string kSession = "a0000000000000000000000000000032";  // 3 seats
inline const std::string kPassword = "correct-horse-42";

inline std::vector<std::string> NetworkUsers() {
  return {"claire:" + kPassword + ":advisor:" + kMemberClaire,      "nina:" + kPassword + ":advisor:" + kMemberNina,
          "marc:" + kPassword + ":advisor:" + kMemberMarc,          "lea:" + kPassword + ":trainee:" + kMemberLea,
          "sophie:" + kPassword + ":office_staff:" + kMemberSophie, "admin:" + kPassword + ":admin"};
}

struct HttpReply {
  int status = 0;  // 0: no answer (connection refused, reset...)
  std::string body;
  std::string content_type;
  httplib::Headers headers;
};

inline HttpReply Post(int port, const std::string& path, const std::string& body, const std::string& content_type,
                      const std::string& token = "") {
  httplib::Client cli("127.0.0.1", port);
  cli.set_connection_timeout(5);
  cli.set_read_timeout(30);
  cli.set_tcp_nodelay(true);  // as browsers do
  httplib::Headers h;
  if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
  auto res = cli.Post(path.c_str(), h, body, content_type.c_str());
  HttpReply r;
  if (!res) return r;
  r.status = res->status;
  r.body = res->body;
  r.content_type = res->get_header_value("Content-Type");
  r.headers = res->headers;
  return r;
}

inline ApiError ErrorOf(const HttpReply& r) {
  ApiError e;
  DecodeApiError(r.body, &e);
  return e;
}

struct Session {
  std::string access;
  std::string refresh;
  UserInfo user;
};

// A device: its id, its outbox sequence, its clock and its pull cursor.
struct Device {
  int port = 0;
  Format format = Format::Json;
  Session session;
  std::string id;
  int64_t seq = 0;
  HlcClock clock;
  std::string cursor;
  // How requests travel: a new connection each (Post) unless set, e.g. to a
  // kept-alive client (bench/sync_bench.cpp).
  std::function<HttpReply(const std::string& path, const std::string& body, const std::string& content_type,
                          const std::string& token)>
      transport;

  HttpReply Send(const std::string& path, const std::string& body) {
    return transport ? transport(path, body, ContentType(format), session.access)
                     : Post(port, path, body, ContentType(format), session.access);
  }

  // Upsert/delete stamped with this device's clock and the next seq.
  Change Upsert(const std::string& table, const std::string& row_id, Fields fields) {
    Change c;
    c.table = table;
    c.row_id = row_id;
    c.op = ChangeOp::Upsert;
    c.fields = std::move(fields);
    c.hlc = clock.Now(NowMs()).packed;
    c.device_seq = ++seq;
    return c;
  }
  Change Delete(const std::string& table, const std::string& row_id) {
    Change c;
    c.table = table;
    c.row_id = row_id;
    c.op = ChangeOp::Delete;
    c.hlc = clock.Now(NowMs()).packed;
    c.device_seq = ++seq;
    return c;
  }

  struct PushReply {
    HttpReply http;
    PushResponse response;
    ApiError error;
  };
  PushReply Push(const std::vector<Change>& changes) {
    PushRequest req;
    req.device_id = id;
    req.cursor = cursor;
    req.changes = changes;
    return PushRaw(req);
  }
  PushReply PushRaw(const PushRequest& req) {
    PushReply r;
    r.http = Send("/api/push", Encode(req, format));
    DecodeError err;
    if (r.http.status == 200)
      Decode(r.http.body, format, &r.response, &err);
    else
      r.error = ErrorOf(r.http);
    return r;
  }

  struct PullReply {
    HttpReply http;
    PullResponse response;
    ApiError error;
  };
  PullReply PullPage(int limit = 0) {
    PullRequest req;
    req.cursor = cursor;
    req.limit = limit;
    PullReply r;
    r.http = Send("/api/pull", Encode(req, format));
    DecodeError err;
    if (r.http.status == 200) {
      Decode(r.http.body, format, &r.response, &err);
      // Like the real engine: every pulled HLC moves the clock forward.
      for (const RowState& row : r.response.changes)
        for (const VersionedField& f : row.fields) clock.Receive(Hlc{f.hlc}, NowMs());
    } else {
      r.error = ErrorOf(r.http);
    }
    return r;
  }
};

// What a device holds after pulling: rows by (table, id), removals, conflicts.
struct Replica {
  std::map<std::pair<std::string, std::string>, RowState> rows;
  std::set<std::pair<std::string, std::string>> removed;
  std::map<std::string, Conflict> conflicts;
  int pages = 0;
  int last_status = 0;

  const RowState* Find(const std::string& table, const std::string& id) const {
    auto it = rows.find({table, id});
    return it == rows.end() ? nullptr : &it->second;
  }
  // The value of a column, or nullptr when the row or column is absent.
  const Value* Get(const std::string& table, const std::string& id, const std::string& column) const {
    const RowState* r = Find(table, id);
    if (!r) return nullptr;
    for (const VersionedField& f : r->fields)
      if (f.name == column) return &f.value;
    return nullptr;
  }
  std::string Text(const std::string& table, const std::string& id, const std::string& column) const {
    const Value* v = Get(table, id, column);
    const std::string* s = v ? std::get_if<std::string>(v) : nullptr;
    return s ? *s : std::string();
  }
  size_t CountTable(const std::string& table) const {
    size_t n = 0;
    for (const auto& kv : rows) n += kv.first.first == table;
    return n;
  }
};

// Pulls until more == false, applying pages to replica (removals delete).
inline void PullAll(Device& d, Replica* replica, int limit = 0) {
  for (int guard = 0; guard < 10000; guard++) {
    Device::PullReply r = d.PullPage(limit);
    replica->last_status = r.http.status;
    if (r.http.status != 200) return;
    replica->pages++;
    for (const RowState& row : r.response.changes) {
      replica->rows[{row.table, row.row_id}] = row;
      replica->removed.erase({row.table, row.row_id});
    }
    for (const RowRef& ref : r.response.removals) {
      replica->rows.erase({ref.table, ref.row_id});
      replica->removed.insert({ref.table, ref.row_id});
    }
    for (const Conflict& c : r.response.conflicts) replica->conflicts[c.id] = c;
    d.cursor = r.response.cursor;
    if (!r.response.more) return;
  }
}

inline HttpReply LoginRaw(int port, const std::string& login, const std::string& password, Format f = Format::Json) {
  LoginRequest req;
  req.login = login;
  req.password = password;
  return Post(port, "/api/login", Encode(req, f), ContentType(f));
}

inline bool Login(int port, const std::string& login, const std::string& password, Session* out) {
  HttpReply r = LoginRaw(port, login, password);
  TokenResponse t;
  DecodeError err;
  if (r.status != 200 || !Decode(r.body, Format::Json, &t, &err)) return false;
  out->access = t.access_token;
  out->refresh = t.refresh_token;
  out->user = t.user;
  return true;
}

// 32 hex digits, unique per call in this process, from any thread (the
// concurrent-push test calls it from eight).
inline std::string NewRowId() {
  static std::atomic<int64_t> n{0};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(NowMs()),
                static_cast<unsigned long long>(++n));
  return buf;
}

// A running server with the test network's accounts (cheap password hashes)
// and, after SeedNetwork(), its directory and catalogue pushed by office staff.
struct Network {
  TempDir dist, data;
  ServerProcess server;
  std::vector<std::string> extra_args;

  explicit Network(std::vector<std::string> args = {}) : extra_args(std::move(args)) {
    std::ofstream(dist.path + "/index.html") << "<!doctype html><title>Relais</title>";
    Start();
  }

  bool Start() {
    // ServerProcess was made for one run: forget the previous one's output,
    // or its listening line would give the old port.
    server.kill_hard();
    server.stdout_text.clear();
    if (server.stdout_fd >= 0) close(server.stdout_fd);
    server.stdout_fd = -1;
    if (!server.stderr_path.empty()) unlink(server.stderr_path.c_str());
    server.stderr_path.clear();
    std::vector<std::string> args = {"--port", "0", "--dist", dist.path, "--data", data.path, "--password-cost", "min"};
    for (const std::string& u : NetworkUsers()) {
      args.push_back("--add-user");
      args.push_back(u);
    }
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    return server.start(args);
  }

  int port() const { return server.port(); }

  // A signed-in device for this login (a fresh device id each time).
  Device NewDevice(const std::string& login, Format f = Format::Json) {
    Device d;
    d.port = port();
    d.format = f;
    Login(port(), login, kPassword, &d.session);
    d.id = NewRowId();
    return d;
  }

  // Runs relais-server once more on the same data folder, without serving
  // (account management while the server runs). Returns its exit code.
  int RunCli(const std::vector<std::string>& args, std::string* err = nullptr) {
    std::vector<std::string> all = {"--data", data.path};
    all.insert(all.end(), args.begin(), args.end());
    ServerProcess cli;
    cli.start(all);
    cli.wait_exit(10000);
    if (err) *err = cli.stderr_text();
    return cli.exit_code;
  }

  // Organisations, office, members, a course and a 3-seat session, pushed by
  // office staff. Returns the staff device (its outbox seq moved on).
  Device SeedNetwork(int seats = 3) {
    Device staff = NewDevice("sophie");
    std::vector<Change> c;
    c.push_back(staff.Upsert("organisations", kOrgA, {{"name", std::string("CCI Centre-Val de Loire")}}));
    c.push_back(staff.Upsert("organisations", kOrgB, {{"name", std::string("Dev'Up")}}));
    c.push_back(staff.Upsert("offices", kOffice, {{"name", std::string("Antenne d'Orléans")}}));
    struct {
      const std::string& id;
      const char* first;
      const std::string& org;
    } members[] = {{kMemberClaire, "Claire", kOrgA},
                   {kMemberNina, "Nina", kOrgA},
                   {kMemberMarc, "Marc", kOrgB},
                   {kMemberLea, "Léa", kOrgA},
                   {kMemberSophie, "Sophie", kOrgB}};
    for (const auto& m : members)
      c.push_back(staff.Upsert(
          "members", m.id, {{"first_name", std::string(m.first)}, {"organisation_id", m.org}, {"office_id", kOffice}}));
    c.push_back(staff.Upsert("courses", kCourse,
                             {{"level", std::string("intro")},
                              {"title", std::string("Découvrir l'intelligence économique")},
                              {"duration_minutes", int64_t(210)}}));
    c.push_back(staff.Upsert("course_sessions", kSession,
                             {{"course_id", kCourse},
                              {"starts_at", int64_t(1767258000000)},
                              {"ends_at", int64_t(1767270600000)},
                              {"seats", int64_t(seats)}}));
    last_seed_status = staff.Push(c).http.status;
    return staff;
  }
  int last_seed_status = 0;
};

// Fields of an interaction written by an advisor of organisation `org`.
inline Fields InteractionFields(const std::string& company, const std::string& author, const std::string& org,
                                const std::string& visibility, const std::string& note) {
  return {{"company_id", company},
          {"kind", std::string("visit")},
          {"occurred_on", std::string("2025-03-14")},
          {"author_member_id", author},
          {"organisation_id", org},
          {"visibility", visibility},
          {"note", note}};
}

}  // namespace synctest
