// vfs.h — "relais-mem", the SQLite VFS of the web client: every file lives in
// wasm memory as an array of fixed-size pages, and the one persisted file
// (the local database, kDbPath) reports each committed transaction as the set
// of pages it changed.
//
// Why not IDBFS (Emscripten's IndexedDB file system): it stores whole files, so
// one note on a 50 MB database rewrites 50 MB. Here the unit of storage is the
// SQLite page: a commit hands its dirty pages to the commit hook, which writes
// only those to IndexedDB (shell/storage.js) in one atomic transaction.
//
// Why the journal can stay in memory (journal_mode=MEMORY): atomicity comes
// from IndexedDB, not from the journal. The stored copy only ever moves from
// one committed state to the next (one IndexedDB transaction per batch of
// commits), so there is never a half-written database to roll back after a
// crash; the in-memory journal is only needed to roll back a transaction that
// fails while the page is alive.
//
// When is a commit complete? SQLite syncs the database file once all pages of
// a commit are written (CommitPhaseOne) and after restoring pages in a
// rollback: both are consistent states, so xSync "seals" the pages written
// since the previous seal as commit N. Dropping the lock to SHARED or lower
// seals too, for connections run with synchronous=OFF (no xSync at all).
//
// Single-threaded (SQLITE_THREADSAFE=0 in wasm builds): no mutex.
#pragma once
#include <cstddef>
#include <cstdint>

namespace relais::storage {

// The SQLite page size of the local database, which is also the VFS page:
// SQLite then always writes whole VFS pages, the unit shell/storage.js stores.
// 1 KB, not SQLite's default 4 KB: an insert touches about a dozen B-tree
// pages (table, indexes, outbox, field versions, sequence, header) plus the
// siblings and parent of any page that splits, so the bytes a commit writes
// scale with the page size. Measured on a 50 MB database, 200 case notes one
// by one: 4 KB pages gave median 53 KB / max 94 KB per note, 2 KB 30 / 60 KB,
// 1 KB 17 / 33 KB (19 / 34 KB with schema v3's search queue). Indexing a note
// in FTS5 inside its commit would add FTS5's segment merges to it (peaks of
// 86 KB and more measured): the search index is updated in its own commits.
// The price used to be at start, when each page was one IndexedDB record
// (50 MB: 3.5 s to read back, 2 s with 2 KB pages); shell/storage.js now
// packs the pages into 256 KB chunks plus one log record per commit, so the
// open time no longer depends on the page size.
constexpr int kPageSize = 1024;
// The persisted database (any other file name is memory only and temporary).
constexpr const char* kDbPath = "/relais/local.db";
constexpr const char* kVfsName = "relais-mem";

// One committed transaction of the persisted file: its sequence number
// (1, 2, ... continuing from the number loaded at start), the new file size,
// and the pages it changed (1-based page numbers, kPageSize bytes each; the
// pointers are valid only during the call).
struct SealedCommit {
  uint64_t seq;
  uint64_t file_size;
  const uint32_t* pgnos;
  const uint8_t* const* pages;
  size_t count;
};
using CommitHook = void (*)(const SealedCommit&);

// Registers the VFS as SQLite's default. Idempotent; false on failure.
bool RegisterVfs();
void SetCommitHook(CommitHook hook);

// A read-only persisted file: connections open it read-only (SQLite refuses
// writes with SQLITE_READONLY) and xWrite fails as a backstop. For a tab that
// only follows another tab's writes.
void SetReadOnly(bool read_only);
bool IsReadOnly();

// --- Replacing the persisted file's content (start, reload from storage) ---
// Only while no connection has it open (or none will read before End).
// Drops the content and any unsealed changes, then allocates n zeroed pages.
// false when memory runs out (the file is left empty).
bool LoadBegin(uint32_t n_pages);
// The page to fill (1-based); allocated when missing. nullptr when out of memory.
uint8_t* PageForLoad(uint32_t pgno);
// Sets the file size and the number of the commit the content is, so the
// next commit is commit_seq + 1.
void LoadEnd(uint64_t file_size, uint64_t commit_seq);

// Applies another tab's commit in place (follower): pages already written
// with PageForLoad, then the new size and sequence. No commit is sealed.
void ApplyExternal(uint64_t file_size, uint64_t commit_seq);

uint64_t CommitSeq();  // the last sealed (or loaded) commit
uint64_t FileSize();
// A connection holds a lock on the persisted file (a read or write
// transaction is open): its content must not be replaced now.
bool Busy();

}  // namespace relais::storage
