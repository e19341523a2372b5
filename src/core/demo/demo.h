// demo.h — a realistic, deterministic French dataset for demos, tests and
// benchmarks: the dev'up-like network of Centre–Val de Loire (6 offices, 40
// organisations, 350 members with skills, territories and signatures, 60
// services, the University's 80 courses and 300 sessions with registrations)
// and, at scale 1, two years of its activity: 2,000 companies with contacts,
// 20,000 case notes with follow-ups and referrals, 3,000 diagnoses and 500
// hotline questions.
//
// Everything is written through the core repositories, so rows, sync columns,
// outbox and search index are exactly what the app itself would write, in
// one transaction per batch. The same seed gives the same database, byte for
// byte in every synced table (ids and timestamps come from a seeded id
// generator and a simulated clock), natively and in the browser.
#pragma once
#include <cstdint>
#include <string>

#include "core/diagnosis/template.h"
#include "core/model/store.h"

namespace relais::demo {

struct DemoOptions {
  uint64_t seed = 1;
  // Multiplies the activity (companies and everything about them, hotline
  // questions); the network and the University stay the same size. 10 gives
  // 20,000 companies and 200,000 notes; 0.05 a small set for tests.
  double scale = 1.0;
  // false: rows only, nothing queued in the outbox nor in field_versions
  // (seeding a server, which has no outbox to fill). See the bench for the gain.
  bool write_outbox = true;
  // The diagnosis template the responses answer; loaded from
  // questionnaire_path when null. With neither, no responses are made.
  const diagnosis::Template* questionnaire = nullptr;
  std::string questionnaire_path;
  int batch_rows = 5000;  // rows per transaction
  // The dataset's "today" in days since 1970-01-01 (see demo/calendar.h);
  // 0: the fixed default, 2026-10-31.
  int64_t today = 0;
};

struct DemoStats {
  int offices = 0, organisations = 0, members = 0, signatures = 0, service_offers = 0;
  int companies = 0, duplicate_companies = 0, contacts = 0;
  int interactions = 0, follow_up_actions = 0, referrals = 0, questionnaire_responses = 0;
  int courses = 0, course_sessions = 0, registrations = 0;
  int legal_questions = 0, legal_answers = 0;
  int rows() const;
};

// Writes the dataset into st (normally empty: ids are new, so running it twice
// adds a second network). During the run st's clock and id generator are
// replaced by simulated ones (dates from September 2024 to October 2026);
// they are given back afterwards. Throws DbError / ValidationError (a bug
// here) / std::runtime_error (questionnaire_path unreadable); a failure
// rolls back the batch under way, earlier batches stay.
DemoStats GenerateDemo(Store& st, const DemoOptions& options);

// A fingerprint of the synced tables (every column of every row, tombstones
// included), the outbox and field_versions: equal fingerprints, equal data.
uint64_t ContentHash(Db& db);

}  // namespace relais::demo
