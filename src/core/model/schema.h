// schema.h — the local database schema of Relais, as migration steps.
//
// v1  base schema: the network, companies and case notes, questionnaires,
//     the University, the legal hotline, the local profile, and the sync
//     tables (outbox, field_versions, sync_state).
// v2  duplicate detection: companies.name_key (backfilled), indexes on
//     SIRET and name_key.
// v3  full-text search: search_docs, search_fts, search_labels (FTS5), the
//     search_queue filled by triggers, companies_commune (src/core/search).
// v4  sync engine: sync_conflicts, outbox.base_cursor (src/core/sync/engine.h).
// v5  orientation portal: contact_requests (synced; created by the server,
//     read and updated by the staff of the office they are routed to).
// v6  University after a session: registrations.attendance and feedback,
//     course_sessions.seats_taken.
// v7  outbox index by (tbl, row_id, state): pending writes of one row.
// v8  questionnaire_templates: versions published by the network's staff.
// v9  deactivation: offices, organisations, members, courses .active.
// v10 outbox.base_cursor from the last complete pull (sync_state 'seen').
//
// Every synced table starts with the same sync columns (see Row):
//   id TEXT PRIMARY KEY, created_hlc, updated_hlc, author_id, deleted_hlc.
#pragma once
#include <vector>

#include "core/db/migrations.h"

namespace relais {

const std::vector<Migration>& RelaisMigrations();
int LatestSchemaVersion();

// Names of the synced tables, in an order where every table comes after the
// tables it references (the order to apply or export rows in).
const std::vector<const char*>& SyncedTables();

}  // namespace relais
