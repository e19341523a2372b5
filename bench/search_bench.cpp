// search_bench — how fast is search as you type on a realistic database?
//
// Builds the demo dataset (src/core/demo) in a temporary database file at
// each scale asked (default: 1 and 10, i.e. 20,000 and 200,000 case notes),
// then types ~200 queries letter by letter (prefixes of French words and
// names, a few of several words) into search::Search over every kind, and
// prints the latency percentiles. Natively, under node and in Chromium
// (search_bench_web, run by bench/search_browser.mjs), so the numbers of the
// browser build can be read too. In wasm the database
// lives where the web client keeps it: in wasm memory, in the client's own
// VFS with its 1 KB pages (src/platform/storage/vfs.h), not in files reached
// through node's fs calls, which the browser never makes.
//
//   search_bench [--outbox] [--keep] [scale ...]
//     --outbox  write the outbox and field versions too (a device's database;
//               by default rows only, like a server seed: search is the same)
//     --keep    leave the database files in the temporary folder
// RELAIS_ASSETS_DIR (environment) overrides the assets folder compiled in.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/demo/demo.h"
#include "core/search/search.h"
#ifdef __EMSCRIPTEN__
#include <sqlite3.h>

#include "platform/storage/vfs.h"
#endif

using namespace relais;

namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

std::string TempDir() {
  for (const char* var : {"TMPDIR", "TEMP", "TMP"})
    if (const char* v = std::getenv(var); v && *v) return v;
  return "/tmp";
}

void RemoveDb(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
}


// What advisors type: words of the notes, skills, towns, company names,
// people's names, with and without accents, and a few multi-word queries.
const char* const kTyped[] = {"innovation",    "export",         "propriété",      "financement",
                              "numérique",     "recrutement",    "mécanique",      "Orléans",
                              "tours",         "brevet",         "cybersécurité",  "transmission",
                              "boulangerie",   "Martin",         "Lefèvre",        "oeuvre",
                              "CHARTRES",      "levée de fonds", "prêt d'honneur", "chateauroux",
                              "développement", "apprentissage",  "bourges",        "industrie du futur",
                              "statut SAS",    "allemand",       "blois export",   "Diagnostic numérique"};

// The query after each keystroke, from two characters on (UTF-8 aware).
std::vector<std::string> Keystrokes(const std::string& word) {
  std::vector<std::string> out;
  size_t chars = 0;
  for (size_t i = 0; i < word.size(); i++) {
    if ((static_cast<unsigned char>(word[i]) & 0xC0) == 0x80) continue;  // inside a character
    size_t end = i + 1;
    while (end < word.size() && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80) end++;
    if (++chars >= 2) out.push_back(word.substr(0, end));
  }
  return out;
}

struct Percentiles {
  double p50, p95, max;
};
Percentiles Summarize(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) {
    return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))];
  };
  return {at(0.50), at(0.95), ms.back()};
}

// A fresh, empty database for one scale: a file natively; the client's
// persisted file under Emscripten, emptied and given the client's page size
// and journal mode (platform/storage/local_db.cpp does the same at start).
Store OpenBenchStore(const std::string& path) {
  RemoveDb(path);
#ifdef __EMSCRIPTEN__
  (void)path;
  if (!storage::RegisterVfs() || !storage::LoadBegin(0)) throw std::runtime_error("relais-mem VFS unavailable");
  storage::LoadEnd(0, 0);
  sqlite3* raw = nullptr;
  const std::string sql = "PRAGMA page_size = " + std::to_string(storage::kPageSize) +
                          "; PRAGMA journal_mode = memory; PRAGMA user_version = 0;";
  const bool ok = sqlite3_open_v2(storage::kDbPath, &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) ==
                      SQLITE_OK &&
                  sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_close_v2(raw);
  if (!ok) throw std::runtime_error("cannot create the database in the relais-mem VFS");
  StoreOptions opts;
  opts.db.journal_mode = "memory";
  return OpenStore(storage::kDbPath, std::move(opts));
#else
  return OpenStore(path);
#endif
}

long long DbSize(const std::string& path) {
#ifdef __EMSCRIPTEN__
  (void)path;
  return static_cast<long long>(storage::FileSize());
#else
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return -1;
  std::fseek(f, 0, SEEK_END);
  long long n = std::ftell(f);
  std::fclose(f);
  return n;
#endif
}

}  // namespace

int main(int argc, char** argv) {
  bool outbox = false, keep = false;
  std::vector<double> scales;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--outbox")
      outbox = true;
    else if (a == "--keep")
      keep = true;
    else
      scales.push_back(std::atof(a.c_str()));
  }
  if (scales.empty()) scales = {1, 10};
  const char* assets = std::getenv("RELAIS_ASSETS_DIR");
  const std::string questionnaire = std::string(assets && *assets ? assets : RELAIS_ASSETS_DIR) +
                                    "/questionnaires/diagnostic-innovation-croissance.v1.json";

  std::vector<std::string> queries;
  for (const char* w : kTyped)
    for (std::string& q : Keystrokes(w)) queries.push_back(std::move(q));

  for (double scale : scales) {
    const std::string path =
        TempDir() + "/relais_search_bench_" + std::to_string(static_cast<int>(scale * 100)) + ".sqlite";
    try {
      Store st = OpenBenchStore(path);
      demo::DemoOptions o;
      o.seed = 42;
      o.scale = scale;
      o.write_outbox = outbox;
      o.questionnaire_path = questionnaire;
      Clock::time_point t0 = Clock::now();
      demo::DemoStats stats = demo::GenerateDemo(st, o);
      const double gen_ms = MsSince(t0);
      st.db.ExecScript("PRAGMA wal_checkpoint(TRUNCATE)");
      std::printf("scale %g: %d rows (%d notes, %d companies) generated in %.1f s%s, database %.1f MB (%s)\n", scale,
                  stats.rows(), stats.interactions, stats.companies, gen_ms / 1000, outbox ? " with outbox" : "",
                  static_cast<double>(DbSize(path)) / (1024 * 1024), st.db.journal_mode().c_str());
      // Equal on every platform for the same seed and scale (native and wasm).
      std::printf("  content hash %016llx\n", static_cast<unsigned long long>(demo::ContentHash(st.db)));

      // Warm up the page cache the way a session would (the first query reads the index).
      search::Search(st.db, "warm", search::SearchScope::All(), 20);

      struct Run {
        const char* name;
        search::SearchScope scope;
      };
      const Run runs[] = {{"all kinds", search::SearchScope::All()},
                          {"notes only", search::SearchScope::Only(search::SearchKind::Note)},
                          {"companies only", search::SearchScope::Only(search::SearchKind::Company)}};
      // Each scope is typed twice. The first pass is printed as "first" and
      // shows cold code: under node, wasm starts in the baseline compiler
      // (Liftoff) and is optimised once hot. The second pass is the steady
      // state of a session, which the budgets are about.
      for (const Run& run : runs) {
        for (const char* pass : {"first", "steady"}) {
          std::vector<double> ms;
          size_t hits = 0;
          for (const std::string& q : queries) {
            Clock::time_point t = Clock::now();
            hits += search::Search(st.db, q, run.scope, 20).size();
            ms.push_back(MsSince(t));
          }
          Percentiles p = Summarize(ms);
          std::printf("  %-15s %-6s %zu queries: p50 %.2f ms, p95 %.2f ms, max %.2f ms (%.1f hits on average)\n",
                      run.name, pass, queries.size(), p.p50, p.p95, p.max,
                      static_cast<double>(hits) / static_cast<double>(queries.size()));
        }
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "scale %g: %s\n", scale, e.what());
      if (!keep) RemoveDb(path);
      return 1;
    }
    if (!keep) RemoveDb(path);
  }
  return 0;
}
