// demo_data.h — --seed-demo-data: the core's demo dataset (src/core/demo: the
// network, the University, two years of case notes, diagnoses and hotline
// questions) loaded into the server, with the demo accounts mapped onto
// demo members, so signing in as claire pulls a realistic scope.
#pragma once
#include <cstdint>
#include <string>

#include "credentials.h"

class Catalog;
class ServerStore;
class SyncService;

struct DemoDataOptions {
  uint64_t seed = 1;
  double scale = 1.0;              // 1: 2,000 companies and 20,000 notes; 0.05 for tests
  std::string questionnaire_path;  // the diagnosis template the responses answer
  int64_t today = 0;               // the dataset's "today", days since 1970-01-01 (0: the fixed default)
};

struct DemoDataResult {
  bool seeded = false;  // false: the data folder had it already (nothing done)
  size_t rows = 0;
  double generate_s = 0, import_s = 0;
  std::string claire, marc, lea, sophie, nora;  // member ids the accounts were given
};

// The meta key set in the import's transaction: its presence means "done".
constexpr const char* kDemoDataMetaKey = "demo_data_seeded";

// Generates the dataset in a temporary in-memory device store, picks the
// members behind the accounts (claire: the advisor with the most notes; marc:
// the busiest advisor of another organisation; lea, trainee: the member with
// the most registrations; sophie, office staff: a network_staff member;
// nora, advisor answering the legal hotline: the legal_expert member with the
// most answers),
// renames them after the accounts, then writes every live row of every synced
// table as the server in one transaction (see SyncService::SeedRows) and
// creates the six accounts (password relais-demo). Idempotent: a data folder
// already seeded is left as it is. Throws on failure; nothing of the rows is
// stored then.
DemoDataResult SeedDemoData(ServerStore& store, SyncService& sync, const Catalog& catalog, PasswordCost cost,
                            const DemoDataOptions& options);
