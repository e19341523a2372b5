// sync_bench — the sync budgets of issue 4, over loopback with the real
// relais-server binary seeded with the demo dataset (--seed-demo-data):
//   (a) initial sync of one advisor's scope (claire) by the real client
//       engine into an empty device store: time and bytes on the wire, JSON
//       and the binary archive, both asking for zstd or gzip as Chromium does;
//   (b) incremental sync of 100 local changes: one engine cycle (push, then
//       pull), repeated, in the binary archive (the web client's format);
//   (c) 50 concurrent syncing clients (threads, each a device pushing batches
//       of new notes and company edits and pulling what the others wrote):
//       changes applied per second at saturation (closed loop), then request
//       latency percentiles under the budget's load offered on the devices'
//       own clocks (open loop, --rate changes per second in all).
// Prints a Markdown section for docs/benchmarks.md (script/bench sync).
//
//   sync_bench [--scale X] [--clients N] [--seconds S] [--batch B] [--rate R] [--port P]
// --rate: changes per second offered in all by the open-loop run (0: skip it).
// --port: use a server already running there, seeded with the demo dataset
// (to profile it, or to skip the seeding when comparing runs).
// TRACE=1 in the environment prints each engine request's time to stderr:
// building it, the server's answer, applying the answer.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/model/company.h"
#include "core/model/repo.h"
#include "core/model/schema.h"
#include "core/model/store.h"
#include "core/sync/engine.h"
#include "decompress.h"
#include "test_sync_support.h"

using namespace synctest;

namespace {

using Clock = std::chrono::steady_clock;
double MsSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

const std::string kDemoPassword = "relais-demo";

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}


// A device's connection: one keep-alive HTTP client, asking for compression
// like Chromium does (zstd, else gzip; not br, which it does not decode:
// httplib would answer JSON in br), counting the bytes that cross the wire
// (bodies).
struct Wire {
  httplib::Client cli;
  bool compress;  // ask for zstd or gzip
  int64_t up = 0, down = 0, requests = 0;
  double last_ms = 0;  // the last request, from sent to answered (no decoding)
  Wire(int port, bool compressed) : cli("127.0.0.1", port), compress(compressed) {
    cli.set_keep_alive(true);
    cli.set_tcp_nodelay(true);  // as browsers do
    cli.set_decompress(false);
    cli.set_read_timeout(120);
  }
  // (status, decoded body); status 0 when no answer.
  std::pair<int, std::string> Send(const OutgoingRequest& r, const std::string& token) {
    httplib::Headers h;
    if (r.needs_auth) h.emplace("Authorization", "Bearer " + token);
    if (compress) h.emplace("Accept-Encoding", "gzip, zstd");
    Clock::time_point t0 = Clock::now();
    auto res = cli.Post(r.path.c_str(), h, r.body, r.content_type.c_str());
    last_ms = MsSince(t0);
    requests++;
    up += static_cast<int64_t>(r.body.size());
    if (!res) return {0, ""};
    down += static_cast<int64_t>(res->body.size());
    return {res->status, Decompressed(res->body, res->get_header_value("Content-Encoding"))};
  }
};

// Runs engine cycles until idle; false on an error state.
bool RunCycle(SyncEngine& eng, Wire& wire) {
  eng.RequestSync();
  for (int guard = 0; guard < 100000; guard++) {
    auto now = NowMs();
    Clock::time_point a = Clock::now();
    std::optional<OutgoingRequest> req = eng.Next(now);
    if (!req) return eng.Status().state == SyncState::Idle && eng.Status().last_error.empty();
    Clock::time_point b = Clock::now();
    // As the browser's fetch does: the request runs while the engine writes
    // the page it kept back (prefetch_pages).
    std::future<std::pair<int, std::string>> answer =
        std::async(std::launch::async, [&wire, &req, token = eng.AccessToken()] { return wire.Send(*req, token); });
    eng.ApplyKept(NowMs());
    auto [status, body] = answer.get();
    Clock::time_point c = Clock::now();
    if (status == 0)
      eng.OnNetworkError(NowMs());
    else
      eng.OnResponse(status, body, NowMs());
    if (std::getenv("TRACE"))
      std::fprintf(stderr, "%s next %.1f send %.1f apply %.1f (%zu up, %zu down)\n", req->path.c_str(),
                   std::chrono::duration<double, std::milli>(b - a).count(),
                   std::chrono::duration<double, std::milli>(c - b).count(), MsSince(c), req->body.size(),
                   body.size());
  }
  return false;
}

// A device signed in as `login` (a fresh device id), speaking the binary
// archive as the web client does.
Device SignedIn(int port, const std::string& login) {
  Device d;
  d.port = port;
  d.format = Format::Binary;
  if (!Login(port, login, kDemoPassword, &d.session)) throw std::runtime_error("login " + login + " failed");
  d.id = NewRowId();
  return d;
}

struct EngineDevice {
  Store st;
  std::unique_ptr<SyncEngine> eng;
  EngineDevice(int port, const std::string& login, Format f) : st(OpenStore(":memory:")) {
    Session s;
    if (!Login(port, login, kDemoPassword, &s)) throw std::runtime_error("login " + login + " failed");
    st.author_id = s.user.id;
    SyncEngineOptions o;
    o.format = f;
    o.prefetch_pages = true;  // as the web client
    o.auto_sync_interval_ms = 0;
    eng = std::make_unique<SyncEngine>(st, o);
    eng->SetTokens(Tokens{s.access, 0, s.refresh, 0});
  }
};

struct Initial {
  double ms = 0;
  int64_t up = 0, down = 0, requests = 0, rows = 0;
};

Initial InitialSync(EngineDevice& d, int port, bool compress) {
  Wire w(port, compress);
  Clock::time_point t0 = Clock::now();
  if (!RunCycle(*d.eng, w)) throw std::runtime_error("initial sync failed: " + d.eng->Status().last_error);
  Initial r;
  r.ms = MsSince(t0);
  r.up = w.up;
  r.down = w.down;
  r.requests = w.requests;
  for (const char* t : SyncedTables()) r.rows += d.st.db.QueryInt(std::string("SELECT count(*) FROM ") + t).value_or(0);
  return r;
}

// (c): one client's loop. Pushes `batch` changes (half new notes, half
// company phone edits), then pulls until up to date, until the deadline.
//   pushes 0 (closed loop): the next push as soon as the last pull is
//     answered. This finds the server's capacity; its latency is only the
//     queue of 50 clients (Little's law: clients / request rate).
//   pushes > 0 (open loop): that many pushes, at random (Poisson) instants,
//     whether or not the server kept up, as devices syncing on their own
//     clocks do. The instants are drawn uniformly over the run: a Poisson
//     process given its count, so the load offered is the rate asked for,
//     not what the dice gave (drawing the gaps one by one gave 944 pushes of
//     the 1,000 asked for, with these seeds). A push's latency counts from
//     the instant it was due, not from when a late client got round to it,
//     so a server falling behind shows in the percentiles (no coordinated
//     omission).
struct LoadStats {
  std::vector<double> push_ms, pull_ms;
  std::vector<double> wire_ms;  // every request, from sent to answered
  int64_t applied = 0, errors = 0;
};

void ClientLoop(Device d, const std::vector<std::string>& companies, const std::string& member,
                const std::string& org, int batch, Clock::time_point start, Clock::time_point deadline, long pushes,
                uint64_t seed, LoadStats* out) {
  uint64_t x = seed * 2654435761ULL + 1;
  auto next = [&x] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  std::vector<Clock::time_point> due;  // open loop (pushes > 0): the push instants, in order
  if (pushes > 0) {
    const double span_ms = std::chrono::duration<double, std::milli>(deadline - start).count();
    for (long i = 0; i < pushes; i++) {
      const double u = static_cast<double>(next() >> 11) / 9007199254740992.0;  // in [0, 1)
      due.push_back(start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double, std::milli>(u * span_ms)));
    }
    std::sort(due.begin(), due.end());
  }
  // The devices of a real network run on their own machines; here they
  // share the server's cores. At nice 10 they only take what the server
  // leaves, as a separate machine would (their CPU is reported apart).
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
  Wire wire(d.port, /*compress=*/true);  // one kept-alive connection, as a browser
  d.transport = [&wire, out](const std::string& path, const std::string& body, const std::string& type,
                        const std::string& token) {
    auto [status, answer] = wire.Send(OutgoingRequest{path, type, body, true}, token);
    out->wire_ms.push_back(wire.last_ms);
    HttpReply r;
    r.status = status;
    r.body = std::move(answer);
    return r;
  };
  const bool open = pushes > 0;
  for (size_t n = 0; open ? n < due.size() : Clock::now() < deadline; n++) {
    if (open) std::this_thread::sleep_until(due[n]);
    std::vector<Change> changes;
    for (int i = 0; i < batch; i++) {
      const std::string& company = companies[next() % companies.size()];
      if (i % 2 == 0)
        changes.push_back(d.Upsert("interactions", NewRowId(),
                                   InteractionFields(company, member, org, "network",
                                                     "Point d'étape avec le dirigeant : suite du plan d'export.")));
      else
        changes.push_back(d.Upsert("companies", company, {{"phone", "02 38 " + std::to_string(next() % 1000000)}}));
    }
    const Clock::time_point t0 = open ? due[n] : Clock::now();
    Device::PushReply p = d.Push(changes);
    out->push_ms.push_back(MsSince(t0));
    if (p.http.status == 200) {
      out->applied += static_cast<int64_t>(changes.size());
    } else {
      out->errors++;
      std::fprintf(stderr, "sync_bench: push answered %d: %.200s\n", p.http.status, p.http.body.c_str());
    }
    for (int guard = 0; guard < 100; guard++) {
      Clock::time_point t1 = Clock::now();
      Device::PullReply r = d.PullPage(kMaxPullLimit);  // what the engine asks for
      out->pull_ms.push_back(MsSince(t1));
      if (r.http.status != 200) {
        out->errors++;
        std::fprintf(stderr, "sync_bench: pull answered %d: %.200s\n", r.http.status, r.http.body.c_str());
        break;
      }
      d.cursor = r.response.cursor;
      if (!r.response.more) break;
    }
  }
}

std::string ReadFile(const std::string& path) {
  std::ifstream f(path);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

// CPU time used so far by a process (user + system), in seconds: the server
// and the load clients share the machine's cores, and the report says how.
double CpuSeconds(int pid) {
  std::string s = ReadFile("/proc/" + std::to_string(pid) + "/stat");
  const size_t close = s.rfind(')');  // the command name may hold spaces
  if (close == std::string::npos) return 0;
  std::vector<std::string> f;
  size_t at = close + 2;
  while (at < s.size()) {
    size_t end = s.find(' ', at);
    if (end == std::string::npos) end = s.size();
    f.push_back(s.substr(at, end - at));
    at = end + 1;
  }
  // Fields 14 (utime) and 15 (stime), counted from field 3 (the state).
  if (f.size() < 13) return 0;
  return (std::atof(f[11].c_str()) + std::atof(f[12].c_str())) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// "3.12" (the 1-minute load average), for the report: the machine is shared.
std::string LoadAverage() {
  std::string s = ReadFile("/proc/loadavg");
  return s.substr(0, s.find(' '));
}

std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", std::gmtime(&t));
  return buf;
}

std::string Mb(int64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  double scale = 1.0;
  int clients = 50, seconds = 10, batch = 50, given_port = 0, rate = 5000;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--scale") scale = std::atof(argv[i + 1]);
    else if (a == "--clients") clients = std::atoi(argv[i + 1]);
    else if (a == "--seconds") seconds = std::atoi(argv[i + 1]);
    else if (a == "--batch") batch = std::atoi(argv[i + 1]);
    else if (a == "--port") given_port = std::atoi(argv[i + 1]);
    else if (a == "--rate") rate = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: sync_bench [--scale X] [--clients N] [--seconds S] [--batch B] [--rate R] [--port P]\n");
      return 2;
    }
  }
  try {
    const std::string started_at = UtcNow(), load_start = LoadAverage();
    TempDir dist, data;
    std::ofstream(dist.path + "/index.html") << "<!doctype html><title>Relais</title>";
    ServerProcess server;
    char scale_text[32];
    std::snprintf(scale_text, sizeof scale_text, "%g", scale);
    Clock::time_point t0 = Clock::now();
    if (given_port == 0 &&
        !server.start({"--port", "0", "--dist", dist.path, "--data", data.path, "--password-cost", "min",
                       "--seed-demo-data", "--demo-scale", scale_text},
                      {}, 600000))
      throw std::runtime_error("the server did not start: " + ReadFile(server.stderr_path));
    const double start_s = MsSince(t0) / 1000;
    std::string seed_line = given_port ? "a server already running" : "";
    if (given_port == 0) {
      std::string err = ReadFile(server.stderr_path);
      size_t at = err.find("demo dataset saved");
      if (at != std::string::npos) seed_line = err.substr(at, err.find('\n', at) - at);
    }
    const int port = given_port ? given_port : server.port();
    std::fprintf(stderr, "sync_bench: server seeded and listening in %.1f s (%s)\n", start_s, seed_line.c_str());

    // (a) initial sync, twice: the binary archive (what the web client
    // speaks) first, on a server that has just started (its row cache is
    // empty), then JSON, which finds the rows cached.
    EngineDevice claire_bin(port, "claire", Format::Binary);
    Initial bin = InitialSync(claire_bin, port, true);
    EngineDevice claire(port, "claire", Format::Json);
    Initial json = InitialSync(claire, port, true);
    std::fprintf(stderr, "sync_bench: initial sync binary %.0f ms %s, json %.0f ms %s\n", bin.ms,
                 Mb(bin.down).c_str(), json.ms, Mb(json.down).c_str());

    // (b) 100 changes, one cycle, 20 times.
    std::vector<double> inc_ms;
    {
      std::vector<Company> companies = List<Company>(claire_bin.st);
      if (companies.size() < 100) throw std::runtime_error("fewer than 100 companies pulled");
      Wire w(port, true);
      for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 100; i++) {
          Company c = companies[(static_cast<size_t>(round) * 100 + static_cast<size_t>(i)) % companies.size()];
          c = *Get<Company>(claire_bin.st, c.id);
          c.phone = "02 47 " + std::to_string(round * 1000 + i);
          Update(claire_bin.st, c);
        }
        Clock::time_point t1 = Clock::now();
        if (!RunCycle(*claire_bin.eng, w)) throw std::runtime_error("incremental sync failed");
        inc_ms.push_back(MsSince(t1));
      }
    }
    std::fprintf(stderr, "sync_bench: incremental median %.0f ms\n", Percentile(inc_ms, 0.5));

    // (c) concurrent clients. Each login pulls its scope once; its devices
    // start from that cursor (an up-to-date device), binary format.
    struct Who {
      std::string login, member, org, cursor;
    };
    std::vector<Who> who;
    std::vector<std::string> company_ids;
    for (const char* login : {"claire", "marc", "sophie"}) {
      Device d = SignedIn(port, login);
      Replica r;
      PullAll(d, &r, kMaxPullLimit);
      std::string org = r.Text("members", d.session.user.member_id, "organisation_id");
      who.push_back({login, d.session.user.member_id, org, d.cursor});
      if (company_ids.empty())
        for (const auto& kv : r.rows)
          if (kv.first.first == "companies") company_ids.push_back(kv.first.second);
    }
    // One load run: each device starts as soon as it has signed in (so the
    // closed loop starts staggered by the sign-ins, as in earlier runs).
    struct LoadResult {
      std::vector<double> push_ms, pull_ms, wire_ms;
      int64_t applied = 0, errors = 0;
      double elapsed_s = 0, per_s = 0;
      double server_cores = 0, client_cores = 0;  // CPU used, in cores
      double per_server_cpu_s() const { return server_cores > 0 ? per_s / server_cores : 0; }
      std::vector<double> all_ms() const {
        std::vector<double> all = push_ms;
        all.insert(all.end(), pull_ms.begin(), pull_ms.end());
        return all;
      }
    };
    // pushes: each device's in the open loop, 0 for the closed loop.
    auto run_load = [&](long pushes) {
      std::fprintf(stderr, "sync_bench: %d clients start (%s)\n", clients, pushes > 0 ? "open loop" : "closed loop");
      std::vector<LoadStats> stats(static_cast<size_t>(clients));
      std::vector<std::thread> threads;
      // Every device signs in first: the run starts when all are ready.
      std::vector<Device> devices;
      for (int i = 0; i < clients; i++) {
        devices.push_back(SignedIn(port, who[static_cast<size_t>(i) % who.size()].login));
        devices.back().cursor = who[static_cast<size_t>(i) % who.size()].cursor;
      }
      const double server_cpu0 = given_port ? 0 : CpuSeconds(server.pid), own_cpu0 = CpuSeconds(getpid());
      Clock::time_point start = Clock::now();
      Clock::time_point deadline = start + std::chrono::seconds(seconds);
      for (int i = 0; i < clients; i++) {
        const Who& w = who[static_cast<size_t>(i) % who.size()];
        threads.emplace_back(ClientLoop, devices[static_cast<size_t>(i)], std::cref(company_ids), w.member, w.org,
                             batch, start, deadline, pushes, static_cast<uint64_t>(i + 1),
                             &stats[static_cast<size_t>(i)]);
      }
      for (std::thread& t : threads) t.join();
      LoadResult r;
      r.elapsed_s = MsSince(start) / 1000;
      if (!given_port) r.server_cores = (CpuSeconds(server.pid) - server_cpu0) / r.elapsed_s;
      r.client_cores = (CpuSeconds(getpid()) - own_cpu0) / r.elapsed_s;
      for (const LoadStats& st : stats) {
        r.push_ms.insert(r.push_ms.end(), st.push_ms.begin(), st.push_ms.end());
        r.pull_ms.insert(r.pull_ms.end(), st.pull_ms.begin(), st.pull_ms.end());
        r.wire_ms.insert(r.wire_ms.end(), st.wire_ms.begin(), st.wire_ms.end());
        r.applied += st.applied;
        r.errors += st.errors;
      }
      r.per_s = static_cast<double>(r.applied) / r.elapsed_s;
      return r;
    };
    // Capacity first (closed loop), then the budget's load offered on the
    // devices' own clocks (open loop): `rate` changes per second in all.
    const LoadResult closed = run_load(0);
    LoadResult open;
    const double period_ms = rate > 0 ? 1000.0 * batch * clients / rate : 0;
    const long pushes = rate > 0 ? std::lround(seconds * 1000.0 / period_ms) : 0;  // per device
    if (rate > 0) {
      // Its devices start up to date, as the closed loop's ended.
      for (Who& w : who) {
        Device d = SignedIn(port, w.login);
        d.cursor = w.cursor;
        Replica ignored;
        PullAll(d, &ignored, kMaxPullLimit);
        w.cursor = d.cursor;
      }
      open = run_load(pushes);
    }

    std::printf("## Sync (server and client engine)\n\n");
    std::printf("Real `relais-server` on loopback, seeded with the demo dataset at scale %g (%s; the server was\n"
                "listening %.1f s after start). Client side: the real sync engine (`core/sync/engine`) into an\n"
                "empty in-memory device store. Bytes are HTTP bodies as sent (compressed as the server sent them: zstd for the binary archive, gzip for JSON).\n\n",
                scale, seed_line.empty() ? "seeded" : seed_line.c_str(), start_s);
    std::printf("Measured %s, load average %s at the start and %s at the end (%u cores; other builds may share\n"
                "them: compare runs made one after the other).\n\n",
                started_at.c_str(), load_start.c_str(), LoadAverage().c_str(), std::thread::hardware_concurrency());
    std::printf("| measure | result | budget |\n|---|---|---|\n");
    std::printf("| initial sync of claire's scope, binary archive + zstd, server just started (%lld rows, %lld requests) | %.2f s, %s down, %s up | ≤ 5 s, ≤ 10 MB |\n",
                (long long)bin.rows, (long long)bin.requests, bin.ms / 1000, Mb(bin.down).c_str(), Mb(bin.up).c_str());
    std::printf("| initial sync of claire's scope, JSON + gzip, rows already cached by the server (%lld rows, %lld requests) | %.2f s, %s down | ≤ 5 s, ≤ 10 MB |\n",
                (long long)json.rows, (long long)json.requests, json.ms / 1000, Mb(json.down).c_str());
    std::printf("| incremental sync of 100 changes, one cycle (push + pull), 20 runs | median %.0f ms, p95 %.0f ms, max %.0f ms | ≤ 150 ms |\n",
                Percentile(inc_ms, 0.5), Percentile(inc_ms, 0.95), Percentile(inc_ms, 1.0));
    std::printf("| %d concurrent clients (a kept-alive connection each, zstd), closed loop (each pushes %d changes, pulls, and at once again) for %d s: changes applied | %.0f per second (%lld in %.1f s, %lld errors) | ≥ 5,000 per second |\n",
                clients, batch, seconds, closed.per_s, (long long)closed.applied, closed.elapsed_s, (long long)closed.errors);
    std::printf("| ... its request latency, all requests (%zu): the queue of a saturated server | p50 %.0f ms, p99 %.0f ms | |\n",
                closed.all_ms().size(), Percentile(closed.all_ms(), 0.5), Percentile(closed.all_ms(), 0.99));
    if (closed.server_cores > 0)
      std::printf("| ... CPU used, of the machine's %u cores: the server / the 50 load clients (decoding every answer) | %.2f / %.2f cores: %.0f changes per second per server core | |\n",
                  std::thread::hardware_concurrency(), closed.server_cores, closed.client_cores, closed.per_server_cpu_s());
    if (rate > 0) {
      const long long offered = static_cast<long long>(clients) * pushes * batch;
      std::printf("| %d concurrent clients, open loop: %d changes per second offered for %d s (each client pushes %d changes at %ld random instants drawn over the run, one per %.0f ms, then pulls): changes applied | %lld of %lld offered, in %.1f s (%lld errors) | all of them |\n",
                  clients, rate, seconds, batch, pushes, period_ms,
                  (long long)open.applied, offered, open.elapsed_s, (long long)open.errors);
      std::printf("| ... request latency, all requests (%zu; a push from the instant it was due) | p50 %.0f ms, p99 %.0f ms | p99 ≤ 100 ms |\n",
                  open.all_ms().size(), Percentile(open.all_ms(), 0.5), Percentile(open.all_ms(), 0.99));
      std::printf("| ... push latency (%zu) / pull latency (%zu) | push p50 %.0f ms, p99 %.0f ms; pull p50 %.0f ms, p99 %.0f ms | |\n",
                  open.push_ms.size(), open.pull_ms.size(), Percentile(open.push_ms, 0.5), Percentile(open.push_ms, 0.99),
                  Percentile(open.pull_ms, 0.5), Percentile(open.pull_ms, 0.99));
      std::printf("| ... the same requests on the wire only (from sent to answered: no wait for the device, no decoding) | p50 %.0f ms, p99 %.0f ms | |\n",
                  Percentile(open.wire_ms, 0.5), Percentile(open.wire_ms, 0.99));
    }
    std::printf("\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sync_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
