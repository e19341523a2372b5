// sim_device.h — a device for the sync simulation (test_sync_simulation.cpp):
// the real client engine (core/sync/engine.h) on a local Store kept in a
// file, so it can crash (close without pushing) and reopen, and a network
// between it and the real server that drops, duplicates, delays and
// reorders deliveries. The server's port is read at each request: the
// simulation kill -9s and restarts the server under the devices.
#pragma once
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/model/store.h"
#include "core/sync/engine.h"
#include "test_sync_support.h"

namespace synctest {

enum class Fault {
  None,
  DropRequest,   // never reaches the server
  DropResponse,  // applied, the answer is lost
  Duplicate,     // delivered twice; the device sees the second answer
  Delay,         // the device times out; the request arrives later (reordered)
  Crash,         // delivered, then the device crashes before reading the answer
  KillBefore,    // the server is killed (-9) and restarted before the request
  KillAfter,     // ... right after the device got its answer: what was
                 // acknowledged must survive (the device will not resend it)
};

// A request held back by the network, delivered later to whoever listens.
struct LateDelivery {
  std::string path, body, content_type, token;
};

struct SimNet {
  Network& net;
  std::mt19937_64& rng;
  std::vector<LateDelivery> late;
  int restarts = 0, duplicates = 0, delayed = 0, dropped = 0, crashes = 0;

  SimNet(Network& n, std::mt19937_64& r) : net(n), rng(r) {}

  size_t Pick(size_t n) { return static_cast<size_t>(rng() % n); }

  void RestartServer() {
    net.Start();  // kill -9, then the same binary on the same data folder
    restarts++;
  }

  HttpReply Deliver(const std::string& path, const std::string& body, const std::string& ct,
                    const std::string& token) {
    return Post(net.port(), path, body, ct, token);
  }

  // One held-back request, chosen at random, reaches the server now.
  void DeliverOneLate() {
    if (late.empty()) return;
    size_t i = Pick(late.size());
    LateDelivery d = late[i];
    late.erase(late.begin() + static_cast<long>(i));
    Deliver(d.path, d.body, d.content_type, d.token);  // nobody reads the answer
  }
};

struct SimDevice {
  SimNet& sim;
  std::string login;
  std::string member_id, organisation_id;
  std::string path;  // the local database file
  uint64_t seed;
  bool prefetching;  // odd devices (by their first seed): see Open()
  Session session;
  relais::sync::Tokens tokens;
  std::unique_ptr<Store> st;
  std::unique_ptr<SyncEngine> eng;
  int64_t vnow = 0;  // the engine's time: backoffs are skipped, never slept
  int requests = 0, crashes = 0;

  SimDevice(SimNet& s, const std::string& login_, const std::string& member, const std::string& org,
            const std::string& file, uint64_t seed_)
      : sim(s), login(login_), member_id(member), organisation_id(org), path(file), seed(seed_), prefetching(seed_ % 2 == 1) {
    Login(sim.net.port(), login, kPassword, &session);
    tokens = relais::sync::Tokens{session.access, 0, session.refresh, 0};
    Open();
  }

  void Open() {
    StoreOptions so;
    auto r = std::make_shared<std::mt19937_64>(seed);
    so.random = [r] { return (*r)(); };  // device id and row ids follow the seed
    st = std::make_unique<Store>(OpenStore(path, so));
    st->author_id = session.user.id;
    SyncEngineOptions o;
    o.auto_sync_interval_ms = 0;
    o.backoff.seed = seed * 2 + 1;
    // Odd devices fetch the next page while writing one, on small pages (the
    // web client's way, with more pages): a write can land between the pages.
    if (prefetching) {
      o.prefetch_pages = true;
      o.pull_limit = 7;
    }
    eng = std::make_unique<SyncEngine>(*st, o);
    eng->SetTokens(tokens);
  }

  // The app dies: what was committed to the local database survives, the
  // engine's memory (the request in flight) does not.
  void Crash() {
    tokens = eng->tokens();
    eng.reset();
    st.reset();
    seed = seed * 6364136223846793005ULL + 1;  // a new process, new random state
    Open();
    crashes++;
    sim.crashes++;
  }

  int64_t Now() { return vnow = std::max(vnow, NowMs()); }

  // One request/answer exchange under `fault`. false when the engine has
  // nothing to send.
  bool Step(Fault f) {
    std::optional<OutgoingRequest> req = eng->Next(Now());
    if (!req) {
      if (eng->Status().state != SyncState::BackingOff) return false;
      vnow = std::max(vnow, eng->Status().retry_at_ms);
      req = eng->Next(vnow);
      if (!req) return false;
    }
    requests++;
    const std::string token = req->needs_auth ? eng->AccessToken() : "";
    if (prefetching && sim.Pick(2)) eng->ApplyKept(Now());  // else the answer's arrival writes it
    switch (f) {
      case Fault::DropRequest:
        sim.dropped++;
        eng->OnNetworkError(Now());
        return true;
      case Fault::Delay:
        sim.delayed++;
        sim.late.push_back({req->path, req->body, req->content_type, token});
        eng->OnNetworkError(Now());
        return true;
      case Fault::KillBefore:
        sim.RestartServer();
        break;
      default:
        break;
    }
    HttpReply r = sim.Deliver(req->path, req->body, req->content_type, token);
    if (f == Fault::Duplicate) {
      sim.duplicates++;
      HttpReply again = sim.Deliver(req->path, req->body, req->content_type, token);
      if (again.status != 0) r = again;
    }
    if (f == Fault::Crash) {
      Crash();
    } else if (f == Fault::DropResponse || r.status == 0) {
      eng->OnNetworkError(Now());
    } else {
      eng->OnResponse(r.status, r.body, Now());
    }
    if (f == Fault::KillAfter) sim.RestartServer();
    return true;
  }

  // A sync cycle with faults from `fault`; false if it did not end idle in
  // max_steps (it resumes at the next one).
  bool Sync(const std::function<Fault()>& fault, int max_steps) {
    eng->RequestSync();
    for (int i = 0; i < max_steps; i++)
      if (!Step(fault ? fault() : Fault::None)) return eng->Status().state == SyncState::Idle;
    return false;
  }
};

}  // namespace synctest
