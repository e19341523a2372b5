// local_db.cpp — see local_db.h. The functions shell/storage.js calls are
// exported (relais_vfs_*, relais_storage_*); test-only ones are relais_test_*.
#include "platform/storage/local_db.h"

#include <emscripten.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "core/db/migrations.h"
#include "core/model/casework.h"
#include "core/model/company.h"
#include "core/model/directory.h"
#include "core/model/json.h"
#include "platform/storage/vfs.h"
#include "ui/platform.h"

// Hands one sealed commit to shell/storage.js. Each page is copied into its
// own ArrayBuffer: IndexedDB clones the whole buffer behind a view, and wasm
// memory changes after this call returns. Runs inside SQLite's xSync: a JS
// exception must not unwind through it (storage.js reports its own failures
// through the status, asynchronously).
EM_JS(void, js_storage_commit,
      (double seq, double file_size, int page_size, const uint32_t* pgnos, const uint8_t* const* pages, int count), {
        if (typeof RelaisStorage === 'undefined' || !RelaisStorage.onCommit) return;
        try {
          const list = new Array(count);
          for (let i = 0; i < count; i++) {
            const p = HEAPU32[(pages >> 2) + i];
            list[i] = [HEAPU32[(pgnos >> 2) + i], HEAPU8.slice(p, p + page_size).buffer];
          }
          RelaisStorage.onCommit(seq, file_size, page_size, list);
        } catch (e) {
          console.error('relais storage: commit ' + seq + ' not handed over', e);
        }
      });

namespace relais {

namespace {

using platform::StorageStatus;

enum Role { kWriter = 0, kFollower = 1, kMemoryOnly = 2 };
enum OpenResult { kOpenOk = 0, kOpenCorrupt = 1, kOpenError = 2 };

Store g_store;
bool g_open = false;
bool g_open_attempted = false;  // storage.js drove the opening
StorageStatus g_status;
std::string g_detail;        // technical detail for the message (error text, quick_check output)
std::string g_rescue_json;   // outbox rows read from a corrupt database, for storage.js
size_t g_rescue_count = 0;

std::string Plural(uint64_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n > 1 ? many : one); }

// The user-facing text for the current state, in one place (French, the
// working language; the UI may translate by state).
void ComposeMessage() {
  StorageStatus& s = g_status;
  const uint64_t unsaved = s.last_commit > s.last_durable_commit ? s.last_commit - s.last_durable_commit : 0;
  switch (s.state) {
    case StorageStatus::Loading:
      s.message = "Ouverture des données de l’appareil…";
      break;
    case StorageStatus::Ready:
      s.message.clear();
      break;
    case StorageStatus::ReadOnlyOtherTab:
      s.message =
          "Relais est ouvert dans un autre onglet : celui-ci est en lecture seule et suit ses modifications. "
          "Il prendra le relais quand l’autre onglet sera fermé.";
      break;
    case StorageStatus::QuotaExceeded:
      s.message = "Espace de stockage plein : ";
      s.message += unsaved > 0 ? Plural(unsaved, "modification n’est", "modifications ne sont") + " pas encore enregistrée" +
                                     (unsaved > 1 ? "s" : "") + " sur cet appareil."
                               : std::string("les modifications ne peuvent pas être enregistrées sur cet appareil.");
      s.message += " Libérez de l’espace ; Relais réessaie tout seul.";
      break;
    case StorageStatus::Recovered:
      s.message = "Les données de cet appareil étaient endommagées : la base a été recréée. ";
      s.message += s.rescued_rows > 0
                       ? Plural(s.rescued_rows, "modification non synchronisée a été mise", "modifications non synchronisées ont été mises") +
                             " de côté."
                       : std::string("Aucune modification non synchronisée n’a pu être relue.");
      if (!g_detail.empty()) s.message += " (" + g_detail + ")";
      break;
    case StorageStatus::Error:
      s.message = "Les modifications ne sont pas enregistrées sur cet appareil";
      if (!g_detail.empty()) s.message += " : " + g_detail;
      break;
  }
}

void Changed() {
  // The detail is technical (SQLite's or the browser's words): keep it short.
  if (g_detail.size() > 200) {
    size_t cut = 197;
    while (cut > 0 && (static_cast<unsigned char>(g_detail[cut]) & 0xC0) == 0x80) cut--;  // not inside a UTF-8 character
    g_detail = g_detail.substr(0, cut) + "...";
  }
  ComposeMessage();
  platform::RequestFrame();
}

void OnCommit(const storage::SealedCommit& c) {
  g_status.last_commit = c.seq;
  g_status.bytes_last_commit = static_cast<uint64_t>(c.count) * storage::kPageSize;
  js_storage_commit(static_cast<double>(c.seq), static_cast<double>(c.file_size), storage::kPageSize, c.pgnos,
                    c.pages, static_cast<int>(c.count));
  if (g_status.state == StorageStatus::QuotaExceeded) ComposeMessage();  // the count of unsaved commits grew
}

void CloseStore() {
  // Live statements (none expected between frames) keep the old connection
  // alive on their own; the store forgets it now.
  g_store = Store();
  g_open = false;
}

// PRAGMA quick_check on its own read-only connection, before anything writes
// to the file (migrations on a corrupt file could make it worse).
bool QuickCheck(std::string* why) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(storage::kDbPath, &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(5)", -1, &s, nullptr);
  std::vector<std::string> rows;
  if (rc == SQLITE_OK) {
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(s, 0);
      rows.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
    }
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
  }
  bool ok = rc == SQLITE_OK && rows.size() == 1 && rows[0] == "ok";
  if (!ok) {
    if (rc != SQLITE_OK) {
      *why = std::string("quick_check : ") + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    } else {
      *why = "quick_check : ";
      for (size_t i = 0; i < rows.size(); i++) *why += (i ? " ; " : "") + rows[i];
    }
  }
  sqlite3_finalize(s);
  sqlite3_close_v2(db);
  return ok;
}

std::string ColumnText(sqlite3_stmt* s, int col) {
  const unsigned char* t = sqlite3_column_text(s, col);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(s, col)))
           : std::string();
}

void AppendOutboxRow(std::string& json, sqlite3_stmt* s) {
  if (json.size() > 1) json += ',';
  // hlc as a string: a packed HLC does not fit in a JS number exactly.
  json += "{\"seq\":" + std::to_string(sqlite3_column_int64(s, 0));
  json += ",\"tbl\":" + JsonString(ColumnText(s, 1));
  json += ",\"row_id\":" + JsonString(ColumnText(s, 2));
  json += ",\"op\":" + JsonString(ColumnText(s, 3));
  json += ",\"fields\":" + JsonString(ColumnText(s, 4));
  json += ",\"hlc\":\"" + std::to_string(sqlite3_column_int64(s, 5)) + "\"";
  json += ",\"state\":" + JsonString(ColumnText(s, 6));
  json += ",\"error\":" + (sqlite3_column_type(s, 7) == SQLITE_NULL ? std::string("null") : JsonString(ColumnText(s, 7)));
  json += '}';
}

std::optional<int64_t> QueryMax(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  std::optional<int64_t> v;
  if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW &&
      sqlite3_column_type(s, 0) != SQLITE_NULL)
    v = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return v;
}

// Every outbox row that can still be read from the (corrupt) file, as a JSON
// array. A full scan first; if it breaks on a damaged page, the rows after
// the last good one are fetched one by one by seq (each lookup descends from
// the root, so only the rows on damaged pages are lost).
std::string RescueOutbox(size_t* count, std::string* note) {
  *count = 0;
  std::string json = "[";
  sqlite3* db = nullptr;
  const char* kCols = "SELECT seq, tbl, row_id, op, fields, hlc, state, error FROM outbox";
  int rc = sqlite3_open_v2(storage::kDbPath, &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(db, (std::string(kCols) + " ORDER BY seq").c_str(), -1, &s, nullptr);
  if (rc != SQLITE_OK) {
    *note = std::string("file d’envoi illisible : ") + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close_v2(db);
    return "[]";
  }
  int64_t last = 0;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    AppendOutboxRow(json, s);
    last = sqlite3_column_int64(s, 0);
    ++*count;
  }
  sqlite3_finalize(s);
  if (rc != SQLITE_DONE) {
    int64_t max_seq = std::max(QueryMax(db, "SELECT max(seq) FROM outbox").value_or(0),
                               QueryMax(db, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").value_or(0));
    const int64_t kMaxLookups = 2000000;  // bounds the time spent on a hopeless file
    size_t lost = 0;
    if (sqlite3_prepare_v2(db, (std::string(kCols) + " WHERE seq = ?").c_str(), -1, &s, nullptr) == SQLITE_OK) {
      for (int64_t seq = last + 1; seq <= max_seq && seq - last <= kMaxLookups; seq++) {
        sqlite3_bind_int64(s, 1, seq);
        int r = sqlite3_step(s);
        if (r == SQLITE_ROW) {
          AppendOutboxRow(json, s);
          ++*count;
        } else if (r != SQLITE_DONE) {
          lost++;
        }
        sqlite3_reset(s);
      }
      sqlite3_finalize(s);
    }
    *note = "file d’envoi en partie illisible" + (lost ? " (" + std::to_string(lost) + " lignes perdues)" : std::string());
  }
  sqlite3_close_v2(db);
  json += ']';
  return json;
}

bool IsCorruption(const DbError& e) {
  return e.primary_code() == SQLITE_CORRUPT || e.primary_code() == SQLITE_NOTADB;
}

// A new database gets the VFS's page size (SQLite would pick 4096): setting
// a header field makes SQLite write page 1, which fixes the page size.
void CreateEmpty() {
  sqlite3* db = nullptr;
  char* err = nullptr;
  std::string sql = "PRAGMA page_size = " + std::to_string(storage::kPageSize) +
                    "; PRAGMA journal_mode = memory; PRAGMA user_version = 0;";
  if (sqlite3_open_v2(storage::kDbPath, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK ||
      sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK)
    std::fprintf(stderr, "relais: creating the local database: %s\n", err ? err : sqlite3_errmsg(db));
  sqlite3_free(err);
  sqlite3_close_v2(db);
}

int OpenLocal(int role) {
  CloseStore();
  g_open_attempted = true;
  storage::SetReadOnly(role == kFollower);
  if (role != kFollower && storage::FileSize() == 0) CreateEmpty();
  if (role == kWriter && storage::FileSize() > 0) {
    std::string why;
    if (!QuickCheck(&why)) {
      std::string note;
      g_rescue_json = RescueOutbox(&g_rescue_count, &note);
      g_detail = why + (note.empty() ? "" : " ; " + note);
      std::fprintf(stderr, "relais: local database corrupt (%s): %zu outbox rows rescued\n", g_detail.c_str(),
                   g_rescue_count);
      return kOpenCorrupt;
    }
  }
  try {
    StoreOptions opts;
    opts.db.journal_mode = "memory";  // see vfs.h: atomicity comes from IndexedDB
    opts.db.read_only = role == kFollower;
    g_store = OpenStore(storage::kDbPath, std::move(opts));
    g_open = true;
  } catch (const SchemaTooNewError& e) {
    // A newer app wrote this database: never wipe it, refuse it.
    g_detail = "données écrites par une version plus récente de Relais ; mettez l’application à jour";
    std::fprintf(stderr, "relais: %s\n", e.what());
    return kOpenError;
  } catch (const DbError& e) {
    std::fprintf(stderr, "relais: opening the local database: %s\n", e.what());
    if (role == kWriter && IsCorruption(e)) {
      std::string note;
      g_rescue_json = RescueOutbox(&g_rescue_count, &note);
      g_detail = std::string(e.what()) + (note.empty() ? "" : " ; " + note);
      return kOpenCorrupt;
    }
    // A follower opens read-only: a database the writer has not created or
    // migrated yet cannot be opened until it has (retried on each change).
    g_detail = e.what();
    return kOpenError;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "relais: opening the local database: %s\n", e.what());
    g_detail = e.what();
    return kOpenError;
  }
  g_status.last_commit = std::max(g_status.last_commit, storage::CommitSeq());
  if (role != kWriter) g_status.last_durable_commit = g_status.last_commit;
  g_status.data_version++;
  return kOpenOk;
}

const char* StateName(StorageStatus::State s) {
  switch (s) {
    case StorageStatus::Loading: return "loading";
    case StorageStatus::Ready: return "ready";
    case StorageStatus::ReadOnlyOtherTab: return "other-tab";
    case StorageStatus::QuotaExceeded: return "quota";
    case StorageStatus::Recovered: return "recovered";
    case StorageStatus::Error: return "error";
  }
  return "?";
}

// --- test fixtures ---------------------------------------------------------------

struct Fixture {
  std::string company_id, member_id;
};

// One organisation, member and company to hang test notes on (created once).
Fixture EnsureFixture(Store& st) {
  Fixture f;
  f.member_id = st.db.QueryText("SELECT id FROM members WHERE email = 'essai@relais.invalid'").value_or("");
  f.company_id = st.db.QueryText("SELECT id FROM companies ORDER BY created_hlc LIMIT 1").value_or("");
  if (f.member_id.empty()) {
    Organisation org;
    org.name = "CCI Centre-Val de Loire";
    org.kind = "cci";
    Insert(st, org);
    Member m;
    m.first_name = "Camille";
    m.last_name = "Essai";
    m.organisation_id = org.id;
    m.email = "essai@relais.invalid";
    m.expertise = {"export", "innovation"};
    Insert(st, m);
    f.member_id = m.id;
  }
  if (f.company_id.empty()) {
    Company c;
    c.name = "Boulangerie Dupont & Fils";
    c.postcode = "45000";
    c.commune_name = "Orléans";
    c.size_band = "1-9";
    Insert(st, c);
    f.company_id = c.id;
  }
  return f;
}

const char* const kWords[] = {
    "entreprise", "visite", "dirigeant", "export", "financement", "innovation", "salariés", "atelier",
    "marché", "prêt", "subvention", "diagnostic", "région", "recrutement", "formation", "brevet",
    "clientèle", "chiffre", "d’affaires", "projet", "investissement", "machine", "local", "commune",
    "accompagnement", "réseau", "conseiller", "échéance", "trésorerie", "numérique", "site", "produit",
    "été", "rencontré", "présenté", "souhaite", "développer", "étudier", "prévoir", "relancer"};

std::string NoteText(uint32_t* rng, size_t len) {
  std::string s;
  while (s.size() < len) {
    *rng = *rng * 1664525u + 1013904223u;
    if (!s.empty()) s += (*rng >> 28) == 0 ? ". " : " ";
    s += kWords[(*rng >> 8) % (sizeof kWords / sizeof kWords[0])];
  }
  return s + ".";
}

}  // namespace

// --- the API of local_db.h -------------------------------------------------------

namespace platform {
StorageStatus GetStorageStatus() { return g_status; }
Store* LocalStore() { return g_open ? &g_store : nullptr; }
uint64_t LastCommit() { return g_status.last_commit; }
bool IsCommitDurable(uint64_t commit) { return commit <= g_status.last_durable_commit; }
}  // namespace platform

namespace storage {
void EnsureOpen() {
  if (g_open_attempted) return;
  // No shell/storage.js (or it never ran): a database in memory only, and
  // the status says so — nothing may look saved.
  RegisterVfs();
  SetCommitHook(OnCommit);
  OpenLocal(kMemoryOnly);
  g_status.state = StorageStatus::Error;
  g_detail = "stockage local indisponible";
  Changed();
}
}  // namespace storage

}  // namespace relais

using relais::g_status;
using relais::platform::StorageStatus;

extern "C" {

// --- called by shell/storage.js -------------------------------------------------

EMSCRIPTEN_KEEPALIVE int relais_vfs_page_size() { return relais::storage::kPageSize; }

// Replaces the database file with n zeroed pages to fill (1 ok, 0 no memory).
EMSCRIPTEN_KEEPALIVE int relais_vfs_load_begin(double n_pages) {
  relais::storage::RegisterVfs();
  relais::storage::SetCommitHook(relais::OnCommit);
  return relais::storage::LoadBegin(static_cast<uint32_t>(n_pages)) ? 1 : 0;
}

// Where to copy page pgno (1-based); 0 when out of memory.
EMSCRIPTEN_KEEPALIVE uint8_t* relais_vfs_page(double pgno) {
  return relais::storage::PageForLoad(static_cast<uint32_t>(pgno));
}

// Copies `count` consecutive pages from src (count * kPageSize bytes) into
// the file being loaded, from page first_pgno on: one call per stored chunk
// instead of one per page (51,200 for 50 MB). 1 ok, 0 out of memory.
EMSCRIPTEN_KEEPALIVE int relais_vfs_load_pages(double first_pgno, int count, const uint8_t* src) {
  const auto first = static_cast<uint32_t>(first_pgno);
  for (int i = 0; i < count; i++) {
    uint8_t* page = relais::storage::PageForLoad(first + static_cast<uint32_t>(i));
    if (!page) return 0;
    std::memcpy(page, src + static_cast<size_t>(i) * relais::storage::kPageSize, relais::storage::kPageSize);
  }
  return 1;
}

EMSCRIPTEN_KEEPALIVE void relais_vfs_load_end(double file_size, double commit_seq) {
  relais::storage::LoadEnd(static_cast<uint64_t>(file_size), static_cast<uint64_t>(commit_seq));
}

EMSCRIPTEN_KEEPALIVE int relais_vfs_busy() { return relais::storage::Busy() ? 1 : 0; }

// role: 0 writer, 1 follower (read-only), 2 memory only. Returns 0 opened,
// 1 corrupt (rescued rows in relais_storage_rescued_json), 2 not opened.
EMSCRIPTEN_KEEPALIVE int relais_storage_open(int role) {
  relais::storage::RegisterVfs();
  relais::storage::SetCommitHook(relais::OnCommit);
  return relais::OpenLocal(role);
}

EMSCRIPTEN_KEEPALIVE const char* relais_storage_rescued_json() { return relais::g_rescue_json.c_str(); }

// After storage.js has stored the rescued rows and cleared the pages: a new,
// empty database (commit numbers go on from the old ones).
EMSCRIPTEN_KEEPALIVE int relais_storage_open_fresh() {
  relais::CloseStore();
  relais::storage::LoadEnd(0, relais::storage::CommitSeq());
  relais::g_rescue_json.clear();
  return relais::OpenLocal(0);
}

// Before storage.js replaces the file's content (follower reload, takeover).
EMSCRIPTEN_KEEPALIVE void relais_storage_close() { relais::CloseStore(); }

// Every commit up to seq is on the disk.
EMSCRIPTEN_KEEPALIVE void relais_storage_durable(double seq) {
  uint64_t s = static_cast<uint64_t>(seq);
  if (s > g_status.last_durable_commit) g_status.last_durable_commit = s;
  relais::Changed();
}

// state: StorageStatus::State; detail: technical text for the message.
EMSCRIPTEN_KEEPALIVE void relais_storage_set_state(int state, const char* detail, double rescued_rows) {
  if (state < StorageStatus::Loading || state > StorageStatus::Error) state = StorageStatus::Error;
  g_status.state = static_cast<StorageStatus::State>(state);
  if (detail && *detail) relais::g_detail = detail;
  else if (state != StorageStatus::Recovered) relais::g_detail.clear();
  if (rescued_rows >= 0) g_status.rescued_rows = static_cast<size_t>(rescued_rows);
  relais::Changed();
}

// A follower applied another tab's commit(s) to the file: SQLite sees the new
// change counter on its next read; the UI must re-read what it shows.
EMSCRIPTEN_KEEPALIVE void relais_storage_changed() {
  g_status.last_commit = g_status.last_durable_commit = relais::storage::CommitSeq();
  if (!relais::g_open) relais::OpenLocal(1);  // the writer may only now have created the schema
  g_status.data_version++;
  relais::Changed();
}

EMSCRIPTEN_KEEPALIVE const char* relais_storage_status_json() {
  static std::string out;
  const StorageStatus& s = g_status;
  out = std::string("{\"state\":\"") + relais::StateName(s.state) + "\"";
  out += ",\"lastCommit\":" + std::to_string(s.last_commit);
  out += ",\"lastDurable\":" + std::to_string(s.last_durable_commit);
  out += ",\"bytesLastCommit\":" + std::to_string(s.bytes_last_commit);
  out += ",\"rescuedRows\":" + std::to_string(s.rescued_rows);
  out += ",\"dataVersion\":" + std::to_string(s.data_version);
  out += ",\"open\":" + std::string(relais::g_open ? "true" : "false");
  out += ",\"readOnly\":" + std::string(relais::storage::IsReadOnly() ? "true" : "false");
  out += ",\"fileSize\":" + std::to_string(relais::storage::FileSize());
  out += ",\"detail\":" + relais::JsonString(relais::g_detail);
  out += ",\"message\":" + relais::JsonString(s.message) + "}";
  return out.c_str();
}

// --- test only ---------------------------------------------------------------------

// Adds one case note through the repositories (its own transaction); returns
// the commit number, or -1 (error printed).
EMSCRIPTEN_KEEPALIVE double relais_test_add_note(const char* text) {
  relais::Store* st = relais::platform::LocalStore();
  if (!st) return -1;
  try {
    relais::Fixture f = relais::EnsureFixture(*st);
    relais::Interaction n;
    n.company_id = f.company_id;
    n.author_member_id = f.member_id;
    n.kind = "visit";
    n.occurred_on = "2025-03-14";
    n.topics = {"export"};
    n.note = text;
    std::vector<relais::FollowUpAction> none;
    relais::InsertInteraction(*st, n, none);
    return static_cast<double>(relais::platform::LastCommit());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "relais_test_add_note: %s\n", e.what());
    return -1;
  }
}

EMSCRIPTEN_KEEPALIVE double relais_test_count_notes() {
  relais::Store* st = relais::platform::LocalStore();
  if (!st) return -1;
  try {
    return static_cast<double>(st->db.QueryInt("SELECT count(*) FROM interactions").value_or(0));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "relais_test_count_notes: %s\n", e.what());
    return -1;
  }
}

// Grows the database to at least `bytes` with realistic case notes (at least
// `companies` companies, 300 when 0; notes of 300 to 1500 characters), 400
// notes per transaction. Above 300 companies (bench/advisor_bench.mjs), one
// more, "Fonderie Témoin", gets one note in every 1,000: the company file
// with a long timeline. Returns the file size reached, or -1.
EMSCRIPTEN_KEEPALIVE double relais_test_fill(double bytes, int min_companies) {
  relais::Store* st = relais::platform::LocalStore();
  if (!st) return -1;
  try {
    relais::Fixture f = relais::EnsureFixture(*st);
    std::vector<std::string> companies;
    {
      relais::Stmt s = st->db.Prepare("SELECT id FROM companies");
      while (s.Step()) companies.push_back(s.Text(0));
    }
    uint32_t rng = 12345;
    const char* const kTowns[] = {"Orléans", "Tours", "Blois", "Chartres", "Bourges", "Châteauroux"};
    const size_t want = min_companies > 300 ? static_cast<size_t>(min_companies) : 300;
    std::string witness;
    if (want > 300) {
      relais::Stmt w = st->db.Prepare("SELECT id FROM companies WHERE name = 'Fonderie Témoin'");
      if (w.Step()) {
        witness = w.Text(0);
      } else {
        relais::Company c;
        c.name = "Fonderie Témoin";
        c.postcode = "18000";
        c.commune_name = "Bourges";
        relais::Insert(*st, c);
        witness = c.id;
      }
    }
    static uint64_t written = 0;  // across calls: the bench fills in steps
    relais::Tx companies_tx(st->db);  // one commit, not one per company
    while (companies.size() < want) {
      relais::Company c;
      c.name = "Société " + std::to_string(companies.size()) + " " + relais::NoteText(&rng, 12);
      c.postcode = "45000";
      c.commune_name = kTowns[companies.size() % 6];
      relais::Insert(*st, c);
      companies.push_back(c.id);
    }
    companies_tx.Commit();
    const char* const kKinds[] = {"visit", "call", "email", "event"};
    while (static_cast<double>(relais::storage::FileSize()) < bytes) {
      relais::Tx tx(st->db);
      for (int i = 0; i < 400; i++) {
        rng = rng * 1664525u + 1013904223u;
        relais::Interaction n;
        n.company_id = !witness.empty() && ++written % 1000 == 0 ? witness : companies[rng % companies.size()];
        n.author_member_id = f.member_id;
        n.kind = kKinds[(rng >> 4) % 4];
        char date[16];
        std::snprintf(date, sizeof date, "2024-%02u-%02u", 1 + (rng >> 6) % 12, 1 + (rng >> 12) % 28);
        n.occurred_on = date;
        n.topics = {"financement", "export"};
        n.services = {"diagnostic"};
        n.note = relais::NoteText(&rng, 300 + (rng >> 16) % 1200);
        std::vector<relais::FollowUpAction> none;
        relais::InsertInteraction(*st, n, none);
      }
      tx.Commit();
    }
    return static_cast<double>(relais::storage::FileSize());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "relais_test_fill: %s\n", e.what());
    return -1;
  }
}

// The first column of the first row of a query, as a number (-1: no row or error).
EMSCRIPTEN_KEEPALIVE double relais_test_query_number(const char* sql) {
  relais::Store* st = relais::platform::LocalStore();
  if (!st) return -1;
  try {
    relais::Stmt s = st->db.Prepare(sql);
    return s.Step() && !s.IsNull(0) ? s.Double(0) : -1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "relais_test_query_number: %s\n", e.what());
    return -1;
  }
}

// The root page of a table (tests damage it in IndexedDB to simulate corruption).
EMSCRIPTEN_KEEPALIVE int relais_test_root_page(const char* table) {
  relais::Store* st = relais::platform::LocalStore();
  if (!st) return -1;
  try {
    return static_cast<int>(
        st->db.QueryInt("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = ?", table).value_or(-1));
  } catch (const std::exception&) {
    return -1;
  }
}

}  // extern "C"
