// local_db.h — the device's database in the web client: opened from the pages
// shell/storage.js read from IndexedDB, checked (PRAGMA quick_check),
// recovered when corrupt, and persisted commit by commit (see vfs.h).
//
// What the UI needs: LocalStore() to read and write, GetStorageStatus() to
// show the state ("saved on this device", other tab, storage full, ...), and
// IsCommitDurable() to tell whether a given write has reached the disk.
// The status changes asynchronously (IndexedDB answers later); each change
// calls platform::RequestFrame() so the UI redraws.
//
// Flow at start (driven by shell/storage.js before relais_start):
//   1. the tab takes the writer Web Lock, or becomes a read-only follower;
//   2. the stored chunks and commit log are read from IndexedDB into the VFS
//      in one snapshot (layout and invariants: top of shell/storage.js);
//   3. relais_storage_open(): quick_check, then OpenStore (migrations);
//   4. corrupt: the readable outbox rows are handed to JS as JSON, which
//      stores them in the "rescued" object store and clears the data in ONE
//      IndexedDB transaction; only then relais_storage_open_fresh() creates
//      a new database (so no unsynced write can be dropped silently).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/model/store.h"

namespace relais::platform {

struct StorageStatus {
  enum State {
    Loading,           // reading the pages from IndexedDB; LocalStore() is null
    Ready,             // this tab writes; commits reach the disk
    ReadOnlyOtherTab,  // another tab writes: this one reads and follows its commits
    QuotaExceeded,     // the browser refused the space: commits wait in memory, retried
    Recovered,         // the stored database was corrupt and was recreated (see rescued_rows)
    Error              // storage unusable (message says why): commits are NOT saved on the device
  };
  State state = Loading;
  uint64_t last_commit = 0;          // the last commit made in this tab (or followed)
  uint64_t last_durable_commit = 0;  // every commit up to this one is on the disk
  uint64_t bytes_last_commit = 0;    // page bytes the last commit handed to IndexedDB
  size_t rescued_rows = 0;           // outbox rows kept aside in IndexedDB "rescued", not yet re-sent
  uint64_t data_version = 0;         // bumps when the data changed under the UI (other tab, reload)
  std::string message;               // French, for the user; empty when there is nothing to say
};

StorageStatus GetStorageStatus();

// The opened store, or nullptr while loading, or when this tab could not open
// it (see the status). In a follower tab the store is read-only: writes throw
// DbError (SQLITE_READONLY). The pointer stays the same across reopenings.
Store* LocalStore();

// The commit number of the latest write (take it right after a write), and
// whether that commit is on the disk: "saved on this device" only then.
uint64_t LastCommit();
bool IsCommitDurable(uint64_t commit);

}  // namespace relais::platform

namespace relais::storage {

// Called by relais_start: when shell/storage.js did not open the database
// (no storage.js, or no IndexedDB), opens an in-memory one so the app works,
// with status Error ("not saved on this device").
void EnsureOpen();

}  // namespace relais::storage
