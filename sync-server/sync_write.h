// sync_write.h — what every server-side write of synced rows shares: the
// transaction, the catalog, the server's clock, and the writes the server
// makes on its own (decisions, merged notes, re-evaluations).
#pragma once
#include <cstdint>
#include <string>

#include "catalog.h"
#include "core/sync/hlc.h"
#include "store.h"

struct WriteCtx {
  SyncTxn& tx;
  Catalog& catalog;
  relais::HlcClock& clock;  // the server's: only used inside a write transaction
  int64_t now_ms;
};

// The author of what the server writes itself. Not a user id: a device pulls
// its decisions like any other change.
constexpr const char* kServerUser = "server";
constexpr const char* kServerDevice = "server";

// Sets fields on row as the server, with a fresh server HLC (greater than
// every HLC received so far, so it wins field-level LWW), logs it under op
// and gives the row a new serial.
void ServerWrite(WriteCtx& w, RowRecord& row, const relais::Fields& fields, const char* op);

// Gives the row a new serial without changing it: the next pull re-evaluates
// who may see it (a follow-up action whose note changed visibility).
void TouchRow(WriteCtx& w, RowRecord& row);

// (hlc, device) ordering: field-level last-writer-wins, the device id
// breaking ties so every replica picks the same winner.
inline bool Newer(int64_t hlc_a, const std::string& dev_a, int64_t hlc_b, const std::string& dev_b) {
  return hlc_a != hlc_b ? hlc_a > hlc_b : dev_a > dev_b;
}
