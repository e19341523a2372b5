// vfs.cpp — see vfs.h.
#include "platform/storage/vfs.h"

#include <sqlite3.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "core/db/db.h"

namespace relais::storage {

namespace {

// A file's bytes: page i holds [i * kPageSize, (i + 1) * kPageSize). A null
// page reads as zeros (files grown by xTruncate, holes never written).
struct MemData {
  std::vector<uint8_t*> pages;
  sqlite3_int64 size = 0;
  bool persisted = false;  // the local database: changes are tracked and sealed
  // Locks of the handles open on this file (several connections may open it:
  // the store, the corruption rescue).
  int shared = 0;          // handles at SHARED or above
  bool reserved = false;   // a handle at RESERVED or above
  bool exclusive = false;  // a handle at PENDING or EXCLUSIVE
  // Persisted file only: pages written since the last seal, in write order.
  std::vector<uint32_t> dirty;  // 0-based page indexes
  std::vector<bool> is_dirty;
  sqlite3_int64 sealed_size = 0;

  MemData() = default;
  MemData(const MemData&) = delete;
  MemData& operator=(const MemData&) = delete;
  ~MemData() { FreePages(0); }

  void FreePages(size_t from) {
    for (size_t i = from; i < pages.size(); i++) std::free(pages[i]);
    if (from < pages.size()) pages.resize(from);
  }
  void MarkDirty(uint32_t idx) {
    if (!persisted) return;
    if (is_dirty.size() <= idx) is_dirty.resize(idx + 1, false);
    if (is_dirty[idx]) return;
    is_dirty[idx] = true;
    dirty.push_back(idx);
  }
  void ClearDirty() {
    dirty.clear();
    is_dirty.clear();
  }
};

// The handle SQLite allocates (szOsFile bytes) and we construct in place.
struct MemFile {
  sqlite3_file base;  // first: SQLite sees a sqlite3_file*
  std::shared_ptr<MemData> data;
  std::string name;  // named temporary file (journal): removed by xDelete
  int lock = SQLITE_LOCK_NONE;
};

const uint8_t kZeroPage[kPageSize] = {};

sqlite3_vfs g_vfs;
sqlite3_vfs* g_base = nullptr;  // the previous default VFS: clock, randomness, sleep
bool g_registered = false;
std::shared_ptr<MemData> g_main = [] {
  auto d = std::make_shared<MemData>();
  d->persisted = true;
  return d;
}();
std::map<std::string, std::shared_ptr<MemData>> g_files;  // other named files (journals)
CommitHook g_hook = nullptr;
bool g_read_only = false;
uint64_t g_seq = 0;

MemFile* Mf(sqlite3_file* f) { return reinterpret_cast<MemFile*>(f); }

uint32_t PagesFor(sqlite3_int64 size) { return static_cast<uint32_t>((size + kPageSize - 1) / kPageSize); }

// Hands the pages written since the last seal to the commit hook as one
// commit. Called only at points where the file is a consistent database.
void Seal() {
  MemData& d = *g_main;
  if (d.dirty.empty() && d.size == d.sealed_size) return;
  const uint32_t n_pages = PagesFor(d.size);
  std::vector<uint32_t> pgnos;
  std::vector<const uint8_t*> ptrs;
  pgnos.reserve(d.dirty.size());
  ptrs.reserve(d.dirty.size());
  for (uint32_t idx : d.dirty) {
    if (idx >= n_pages) continue;  // cut off by a later truncation
    pgnos.push_back(idx + 1);
    ptrs.push_back(idx < d.pages.size() && d.pages[idx] ? d.pages[idx] : kZeroPage);
  }
  d.ClearDirty();
  d.sealed_size = d.size;
  ++g_seq;
  if (g_hook) g_hook(SealedCommit{g_seq, static_cast<uint64_t>(d.size), pgnos.data(), ptrs.data(), pgnos.size()});
}

// --- sqlite3_io_methods ------------------------------------------------------

int XClose(sqlite3_file* f) {
  MemFile* m = Mf(f);
  MemData& d = *m->data;
  // SQLite unlocks before closing; be safe if it did not.
  if (m->lock >= SQLITE_LOCK_PENDING) d.exclusive = false;
  if (m->lock >= SQLITE_LOCK_RESERVED) d.reserved = false;
  if (m->lock >= SQLITE_LOCK_SHARED) d.shared--;
  m->~MemFile();
  return SQLITE_OK;
}

int XRead(sqlite3_file* f, void* buf, int amt, sqlite3_int64 off) {
  const MemData& d = *Mf(f)->data;
  uint8_t* out = static_cast<uint8_t*>(buf);
  int n = amt;
  int rc = SQLITE_OK;
  if (off >= d.size) {
    n = 0;
  } else if (d.size - off < amt) {
    n = static_cast<int>(d.size - off);
  }
  if (n < amt) {
    // SQLite requires the unread part to be zero-filled on a short read.
    std::memset(out + n, 0, static_cast<size_t>(amt - n));
    rc = SQLITE_IOERR_SHORT_READ;
  }
  while (n > 0) {
    const size_t idx = static_cast<size_t>(off / kPageSize);
    const int in = static_cast<int>(off % kPageSize);
    const int chunk = n < kPageSize - in ? n : kPageSize - in;
    const uint8_t* page = idx < d.pages.size() ? d.pages[idx] : nullptr;
    if (page) std::memcpy(out, page + in, static_cast<size_t>(chunk));
    else std::memset(out, 0, static_cast<size_t>(chunk));
    out += chunk;
    off += chunk;
    n -= chunk;
  }
  return rc;
}

int XWrite(sqlite3_file* f, const void* buf, int amt, sqlite3_int64 off) {
  MemData& d = *Mf(f)->data;
  if (d.persisted && g_read_only) return SQLITE_READONLY;
  const uint8_t* in = static_cast<const uint8_t*>(buf);
  const sqlite3_int64 end = off + amt;
  while (amt > 0) {
    const size_t idx = static_cast<size_t>(off / kPageSize);
    const int at = static_cast<int>(off % kPageSize);
    const int chunk = amt < kPageSize - at ? amt : kPageSize - at;
    if (d.pages.size() <= idx) d.pages.resize(idx + 1, nullptr);
    if (!d.pages[idx]) {
      d.pages[idx] = static_cast<uint8_t*>(std::calloc(1, kPageSize));
      if (!d.pages[idx]) return SQLITE_IOERR_NOMEM;
    }
    std::memcpy(d.pages[idx] + at, in, static_cast<size_t>(chunk));
    d.MarkDirty(static_cast<uint32_t>(idx));
    in += chunk;
    off += chunk;
    amt -= chunk;
  }
  if (end > d.size) d.size = end;
  return SQLITE_OK;
}

int XTruncate(sqlite3_file* f, sqlite3_int64 size) {
  MemData& d = *Mf(f)->data;
  if (d.persisted && g_read_only) return SQLITE_READONLY;
  const uint32_t n_pages = PagesFor(size);
  if (size < d.size) {
    d.FreePages(n_pages);
    const int tail = static_cast<int>(size % kPageSize);
    if (tail && n_pages <= d.pages.size() && d.pages[n_pages - 1]) {
      std::memset(d.pages[n_pages - 1] + tail, 0, static_cast<size_t>(kPageSize - tail));
      d.MarkDirty(n_pages - 1);
    }
  } else {
    // Growing (SQLite does this when the last page of a grown database went
    // to the free list): the new pages read as zeros and must be stored too.
    for (uint32_t i = PagesFor(d.size); i < n_pages; i++) d.MarkDirty(i);
  }
  d.size = size;
  return SQLITE_OK;
}

int XSync(sqlite3_file* f, int) {
  if (Mf(f)->data->persisted && !g_read_only) Seal();
  return SQLITE_OK;
}

int XFileSize(sqlite3_file* f, sqlite3_int64* size) {
  *size = Mf(f)->data->size;
  return SQLITE_OK;
}

// Locks between the connections of this tab only; tabs are kept apart one
// level up (one writer tab, holding a Web Lock).
int XLock(sqlite3_file* f, int level) {
  MemFile* m = Mf(f);
  MemData& d = *m->data;
  if (m->lock >= level) return SQLITE_OK;
  if (m->lock == SQLITE_LOCK_NONE) {
    if (d.exclusive) return SQLITE_BUSY;
    d.shared++;
    m->lock = SQLITE_LOCK_SHARED;
  }
  if (level >= SQLITE_LOCK_RESERVED && m->lock < SQLITE_LOCK_RESERVED) {
    if (d.reserved) return SQLITE_BUSY;
    d.reserved = true;
    m->lock = SQLITE_LOCK_RESERVED;
  }
  if (level >= SQLITE_LOCK_PENDING) {
    d.exclusive = true;  // PENDING keeps new readers out while the old ones finish
    m->lock = SQLITE_LOCK_PENDING;
    if (d.shared > 1) return SQLITE_BUSY;
    m->lock = level;
  }
  return SQLITE_OK;
}

int XUnlock(sqlite3_file* f, int level) {
  MemFile* m = Mf(f);
  MemData& d = *m->data;
  if (m->lock <= level) return SQLITE_OK;
  const bool was_writer = m->lock >= SQLITE_LOCK_RESERVED;
  if (m->lock >= SQLITE_LOCK_PENDING && level < SQLITE_LOCK_PENDING) d.exclusive = false;
  if (m->lock >= SQLITE_LOCK_RESERVED && level < SQLITE_LOCK_RESERVED) d.reserved = false;
  if (level == SQLITE_LOCK_NONE) d.shared--;
  m->lock = level;
  // The write transaction is over (committed or rolled back): the file is
  // consistent. Normally xSync already sealed it and this finds nothing.
  if (was_writer && d.persisted && !g_read_only) Seal();
  return SQLITE_OK;
}

int XCheckReservedLock(sqlite3_file* f, int* out) {
  *out = Mf(f)->data->reserved ? 1 : 0;
  return SQLITE_OK;
}

int XFileControl(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
int XSectorSize(sqlite3_file*) { return 512; }
int XDeviceCharacteristics(sqlite3_file*) {
  return SQLITE_IOCAP_SAFE_APPEND | SQLITE_IOCAP_SEQUENTIAL | SQLITE_IOCAP_POWERSAFE_OVERWRITE;
}

const sqlite3_io_methods kIoMethods = {
    1,  // iVersion: no shared memory, so no WAL (a rollback/memory journal is what we want)
    XClose, XRead, XWrite, XTruncate, XSync, XFileSize, XLock, XUnlock, XCheckReservedLock,
    XFileControl, XSectorSize, XDeviceCharacteristics,
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};

// --- sqlite3_vfs ---------------------------------------------------------------

int XOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  file->pMethods = nullptr;  // xClose is only called when this is set
  std::shared_ptr<MemData> data;
  std::string key;
  const bool is_main = name && std::strcmp(name, kDbPath) == 0;
  if (is_main) {
    data = g_main;
  } else if (name && !(flags & SQLITE_OPEN_DELETEONCLOSE)) {
    key = name;
    auto it = g_files.find(key);
    if (it != g_files.end()) {
      data = it->second;
    } else {
      if (!(flags & SQLITE_OPEN_CREATE)) return SQLITE_CANTOPEN;
      data = std::make_shared<MemData>();
      g_files.emplace(key, data);
    }
  } else {
    data = std::make_shared<MemData>();  // anonymous temporary file, freed on close
  }
  MemFile* m = new (file) MemFile();
  m->data = std::move(data);
  m->name = std::move(key);
  file->pMethods = &kIoMethods;
  if (out_flags) {
    *out_flags = flags;
    if (is_main && g_read_only)
      *out_flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
  }
  return SQLITE_OK;
}

int XDelete(sqlite3_vfs*, const char* name, int) {
  // The persisted database is never deleted by SQLite; journals are.
  if (name && std::strcmp(name, kDbPath) != 0) g_files.erase(name);
  return SQLITE_OK;
}

int XAccess(sqlite3_vfs*, const char* name, int, int* out) {
  if (std::strcmp(name, kDbPath) == 0) {
    *out = g_main->size > 0;
  } else {
    auto it = g_files.find(name);
    *out = it != g_files.end() && it->second->size > 0;
  }
  return SQLITE_OK;
}

int XFullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
  if (static_cast<int>(std::strlen(name)) >= n) return SQLITE_CANTOPEN;
  std::strcpy(out, name);
  return SQLITE_OK;
}

int XRandomness(sqlite3_vfs*, int n, char* out) {
  if (g_base && g_base->xRandomness) return g_base->xRandomness(g_base, n, out);
  for (int i = 0; i < n; i++) out[i] = static_cast<char>(std::rand());
  return n;
}
int XSleep(sqlite3_vfs*, int us) { return g_base && g_base->xSleep ? g_base->xSleep(g_base, us) : 0; }
int XCurrentTime(sqlite3_vfs*, double* out) {
  if (g_base && g_base->xCurrentTime) return g_base->xCurrentTime(g_base, out);
  return SQLITE_ERROR;
}
int XGetLastError(sqlite3_vfs*, int, char*) { return 0; }
int XCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  if (g_base && g_base->iVersion >= 2 && g_base->xCurrentTimeInt64) return g_base->xCurrentTimeInt64(g_base, out);
  double d = 0;
  int rc = XCurrentTime(nullptr, &d);
  *out = static_cast<sqlite3_int64>(d * 86400000.0);
  return rc;
}

void ReplaceMain(uint64_t file_size, uint64_t commit_seq) {
  MemData& d = *g_main;
  d.FreePages(PagesFor(static_cast<sqlite3_int64>(file_size)));
  d.size = d.sealed_size = static_cast<sqlite3_int64>(file_size);
  d.ClearDirty();
  g_seq = commit_seq;
}

}  // namespace

bool RegisterVfs() {
  if (g_registered) return true;
  try {
    SetUpSqlite();
  } catch (const DbError&) {
    return false;
  }
  g_base = sqlite3_vfs_find(nullptr);
  std::memset(&g_vfs, 0, sizeof g_vfs);
  g_vfs.iVersion = 2;
  g_vfs.szOsFile = sizeof(MemFile);
  g_vfs.mxPathname = 512;
  g_vfs.zName = kVfsName;
  g_vfs.xOpen = XOpen;
  g_vfs.xDelete = XDelete;
  g_vfs.xAccess = XAccess;
  g_vfs.xFullPathname = XFullPathname;
  g_vfs.xRandomness = XRandomness;
  g_vfs.xSleep = XSleep;
  g_vfs.xCurrentTime = XCurrentTime;
  g_vfs.xGetLastError = XGetLastError;
  g_vfs.xCurrentTimeInt64 = XCurrentTimeInt64;
  if (sqlite3_vfs_register(&g_vfs, 1) != SQLITE_OK) return false;
  g_registered = true;
  return true;
}

void SetCommitHook(CommitHook hook) { g_hook = hook; }
void SetReadOnly(bool read_only) { g_read_only = read_only; }
bool IsReadOnly() { return g_read_only; }

bool LoadBegin(uint32_t n_pages) {
  MemData& d = *g_main;
  d.FreePages(0);
  d.size = d.sealed_size = 0;
  d.ClearDirty();
  d.pages.assign(n_pages, nullptr);
  for (uint32_t i = 0; i < n_pages; i++) {
    d.pages[i] = static_cast<uint8_t*>(std::calloc(1, kPageSize));
    if (!d.pages[i]) {
      d.FreePages(0);
      return false;
    }
  }
  return true;
}

uint8_t* PageForLoad(uint32_t pgno) {
  if (pgno == 0) return nullptr;
  MemData& d = *g_main;
  const size_t idx = pgno - 1;
  if (d.pages.size() <= idx) d.pages.resize(idx + 1, nullptr);
  if (!d.pages[idx]) d.pages[idx] = static_cast<uint8_t*>(std::calloc(1, kPageSize));
  return d.pages[idx];
}

void LoadEnd(uint64_t file_size, uint64_t commit_seq) { ReplaceMain(file_size, commit_seq); }
void ApplyExternal(uint64_t file_size, uint64_t commit_seq) { ReplaceMain(file_size, commit_seq); }

uint64_t CommitSeq() { return g_seq; }
uint64_t FileSize() { return static_cast<uint64_t>(g_main->size); }
bool Busy() { return g_main->shared > 0; }

}  // namespace relais::storage
