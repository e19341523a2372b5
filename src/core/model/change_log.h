// change_log.h — the one place where a local write is queued for sync.
//
// Every repository write calls RecordChange inside its own transaction, so a
// row and its outbox entry are stored together or not at all.
#pragma once
#include <string_view>

#include "core/db/db.h"
#include "core/model/fields.h"
#include "core/sync/hlc.h"

namespace relais {

enum class ChangeOp { Upsert, Delete };

// A column the device computes from others (companies.name_key): kept out of
// the outbox, since every device derives it from the value that won.
bool IsDerivedColumn(std::string_view table, std::string_view column);

// Appends to the outbox (op, the changed columns but derived ones, as a JSON object, hlc), bumps
// field_versions for each changed column, and persists the clock. Throws
// DbError (SQLITE_MISUSE) when called outside a transaction.
void RecordChange(Db& db, std::string_view table, std::string_view row_id, ChangeOp op, const Fields& changed, Hlc hlc);

}  // namespace relais
