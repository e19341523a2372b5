// rank.cpp — see rank.h.
#include "core/search/rank.h"

#include <sqlite3.h>

#include <cstring>

namespace relais::search {

namespace {

constexpr const char* kClientDataKey = "relais.search.rank";
constexpr double kK1 = 1.2, kB = 0.75;
constexpr double kWeights[] = {0.0, 10.0, 4.0, 1.0};  // kind, title, tags, body
constexpr int kColumns = 4;
constexpr int kMaxPhrases = 64;  // query terms plus scope filters, with room to spare

// Average number of tokens of each column, computed once per query.
struct Averages {
  double tokens[kColumns] = {};
};

void RankFunction(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int, sqlite3_value**) {
  const int columns = api->xColumnCount(fts) < kColumns ? api->xColumnCount(fts) : kColumns;
  auto* avg = static_cast<Averages*>(api->xGetAuxdata(fts, 0));
  if (!avg) {
    avg = static_cast<Averages*>(sqlite3_malloc(sizeof(Averages)));
    if (!avg) return sqlite3_result_error_nomem(ctx);
    *avg = Averages();
    sqlite3_int64 rows = 0;
    int rc = api->xRowCount(fts, &rows);
    for (int c = 0; rc == SQLITE_OK && c < columns; c++) {
      sqlite3_int64 total = 0;
      rc = api->xColumnTotalSize(fts, c, &total);
      avg->tokens[c] = rows > 0 ? static_cast<double>(total) / static_cast<double>(rows) : 0;
    }
    if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, avg, sqlite3_free);  // frees avg itself on failure
    if (rc != SQLITE_OK) return sqlite3_result_error_code(ctx, rc);
  }

  // Term frequencies per phrase and column, from the row's instances. Only
  // the query's phrases are cleared, not all 64 (1 KB for every candidate).
  const int phrases = api->xPhraseCount(fts) < kMaxPhrases ? api->xPhraseCount(fts) : kMaxPhrases;
  int tf[kMaxPhrases][kColumns];
  std::memset(tf, 0, sizeof tf[0] * static_cast<size_t>(phrases));
  int instances = 0;
  int rc = api->xInstCount(fts, &instances);
  for (int i = 0; rc == SQLITE_OK && i < instances; i++) {
    int phrase = 0, column = 0, offset = 0;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK && phrase < phrases && column < columns) tf[phrase][column]++;
  }
  if (rc != SQLITE_OK) return sqlite3_result_error_code(ctx, rc);

  double score = 0;
  for (int c = 0; c < columns; c++) {
    if (kWeights[c] == 0) continue;
    int length = 0;
    if ((rc = api->xColumnSize(fts, c, &length)) != SQLITE_OK) return sqlite3_result_error_code(ctx, rc);
    const double norm = kK1 * (1 - kB + kB * (avg->tokens[c] > 0 ? length / avg->tokens[c] : 1));
    for (int p = 0; p < phrases; p++)
      if (tf[p][c] > 0) score += kWeights[c] * tf[p][c] * (kK1 + 1) / (tf[p][c] + norm);
  }
  sqlite3_result_double(ctx, score);
}

}  // namespace

void EnsureRankFunction(Db& db) {
  sqlite3* h = db.handle();
  if (sqlite3_get_clientdata(h, kClientDataKey)) return;
  // The documented way to reach FTS5's API: SELECT fts5(?) with a pointer.
  fts5_api* api = nullptr;
  {
    Stmt s = db.Prepare("SELECT fts5(?1)");
    int rc = sqlite3_bind_pointer(s.handle(), 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    if (rc != SQLITE_OK) throw DbError(rc, "search: binding the fts5_api pointer failed");
    s.Step();
  }
  if (!api) throw DbError(SQLITE_ERROR, "search: FTS5 is not available in this SQLite");
  int rc = api->xCreateFunction(api, "relais_rank", nullptr, &RankFunction, nullptr);
  if (rc != SQLITE_OK) throw DbError(rc, "search: registering relais_rank with FTS5 failed");
  static char marker;  // any non-null pointer: "registered"
  sqlite3_set_clientdata(h, kClientDataKey, &marker, nullptr);
}

}  // namespace relais::search
