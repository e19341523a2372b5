// schema.cpp — see schema.h. Shipped steps are frozen: never edit one, add
// the next. (The macros below are part of v1 and frozen with it.)
#include "core/model/schema.h"

#include "core/model/company.h"

namespace relais {

namespace {

#define RELAIS_SYNC_COLUMNS           \
  "  id TEXT PRIMARY KEY NOT NULL,\n" \
  "  created_hlc INTEGER NOT NULL,\n" \
  "  updated_hlc INTEGER NOT NULL,\n" \
  "  author_id TEXT,\n"               \
  "  deleted_hlc INTEGER,\n"
// A calendar date "YYYY-MM-DD" (the C++ side checks it is a real one). NULL passes.
#define RELAIS_DATE(col) col " TEXT CHECK (" col " GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')"
// A list of strings kept as one JSON array.
#define RELAIS_LIST(col) col " TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(" col ") AND json_type(" col ") = 'array')"
// A JSON array of office ids cannot carry a FOREIGN KEY: a trigger does its job.
#define RELAIS_OFFICE_IDS_GUARD(name, event)                                                    \
  "CREATE TRIGGER " name " BEFORE " event                                                       \
  " ON service_offers\n"                                                                        \
  "WHEN json_valid(NEW.office_ids) AND EXISTS (SELECT 1 FROM json_each(NEW.office_ids) AS j\n"  \
  "  WHERE j.type <> 'text' OR NOT EXISTS (SELECT 1 FROM offices AS o WHERE o.id = j.value))\n" \
  "BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: service_offers.office_ids'); END;\n"

const char* const kV1 =
    // --- the network ---------------------------------------------------------
    "CREATE TABLE offices (\n" RELAIS_SYNC_COLUMNS
    "  name TEXT NOT NULL,\n"
    "  address TEXT NOT NULL DEFAULT '',\n"
    "  postcode TEXT NOT NULL DEFAULT '',\n"
    "  commune_insee TEXT,\n"
    "  commune_name TEXT NOT NULL DEFAULT '',\n"
    "  " RELAIS_LIST("departments") ",\n"
    "  phone TEXT NOT NULL DEFAULT '',\n"
    "  email TEXT NOT NULL DEFAULT ''\n"
    ");\n"
    "CREATE TABLE organisations (\n" RELAIS_SYNC_COLUMNS
    "  name TEXT NOT NULL,\n"
    "  kind TEXT NOT NULL DEFAULT '',\n"
    "  siren TEXT,\n"
    "  website TEXT NOT NULL DEFAULT '',\n"
    "  email TEXT NOT NULL DEFAULT '',\n"
    "  phone TEXT NOT NULL DEFAULT ''\n"
    ");\n"
    "CREATE TABLE members (\n" RELAIS_SYNC_COLUMNS
    "  first_name TEXT NOT NULL DEFAULT '',\n"
    "  last_name TEXT NOT NULL DEFAULT '',\n"
    "  organisation_id TEXT NOT NULL REFERENCES organisations(id),\n"
    "  office_id TEXT REFERENCES offices(id),\n"
    "  job_title TEXT NOT NULL DEFAULT '',\n"
    "  role TEXT NOT NULL DEFAULT 'advisor'\n"
    "    CHECK (role IN ('advisor', 'manager', 'network_staff', 'legal_expert')),\n"
    "  email TEXT NOT NULL DEFAULT '',\n"
    "  phone TEXT NOT NULL DEFAULT '',\n"
    "  " RELAIS_LIST("expertise") ",\n"
    "  " RELAIS_LIST("languages") ",\n"
    "  " RELAIS_LIST("communes") ",\n"
    "  summary TEXT NOT NULL DEFAULT ''\n"
    ");\n"
    "CREATE INDEX members_organisation ON members(organisation_id);\n"
    "CREATE INDEX members_office ON members(office_id);\n"
    "CREATE TABLE signatures (\n" RELAIS_SYNC_COLUMNS
    "  member_id TEXT NOT NULL REFERENCES members(id),\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('convention', 'code_of_conduct')),\n"
    "  signer TEXT NOT NULL CHECK (signer IN ('member', 'hierarchy')),\n"
    "  signer_name TEXT NOT NULL,\n"
    "  signer_title TEXT NOT NULL DEFAULT '',\n"
    "  " RELAIS_DATE("signed_on") " NOT NULL,\n"
    "  document_version TEXT NOT NULL DEFAULT ''\n"
    ");\n"
    "CREATE INDEX signatures_member ON signatures(member_id);\n"
    // --- companies and case notes -------------------------------------------
    "CREATE TABLE companies (\n" RELAIS_SYNC_COLUMNS
    "  name TEXT NOT NULL CHECK (name <> ''),\n"
    "  siren TEXT,\n"
    "  siret TEXT,\n"
    "  naf TEXT,\n"
    "  address TEXT NOT NULL DEFAULT '',\n"
    "  postcode TEXT NOT NULL DEFAULT '',\n"
    "  commune_insee TEXT,\n"
    "  commune_name TEXT NOT NULL DEFAULT '',\n"
    "  size_band TEXT CHECK (size_band IN ('0', '1-9', '10-49', '50-249', '250+')),\n"
    "  phone TEXT NOT NULL DEFAULT '',\n"
    "  email TEXT NOT NULL DEFAULT '',\n"
    "  website TEXT NOT NULL DEFAULT ''\n"
    ");\n"
    "CREATE INDEX companies_siren ON companies(siren);\n"
    "CREATE TABLE contacts (\n" RELAIS_SYNC_COLUMNS
    "  company_id TEXT NOT NULL REFERENCES companies(id),\n"
    "  first_name TEXT NOT NULL DEFAULT '',\n"
    "  last_name TEXT NOT NULL DEFAULT '',\n"
    "  job_title TEXT NOT NULL DEFAULT '',\n"
    "  email TEXT NOT NULL DEFAULT '',\n"
    "  phone TEXT NOT NULL DEFAULT '',\n"
    "  consent_basis TEXT CHECK (consent_basis IN ('consent', 'contract', 'legal_obligation',\n"
    "    'vital_interests', 'public_task', 'legitimate_interests')),\n"
    "  " RELAIS_DATE("consent_date") ",\n"
    "  consent_source TEXT NOT NULL DEFAULT '',\n"
    "  CHECK (consent_basis IS NULL OR consent_date IS NOT NULL)\n"
    ");\n"
    "CREATE INDEX contacts_company ON contacts(company_id);\n"
    "CREATE TABLE interactions (\n" RELAIS_SYNC_COLUMNS
    "  company_id TEXT NOT NULL REFERENCES companies(id),\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('visit', 'call', 'email', 'event')),\n"
    "  " RELAIS_DATE("occurred_on") " NOT NULL,\n"
    "  author_member_id TEXT NOT NULL REFERENCES members(id),\n"
    "  organisation_id TEXT NOT NULL REFERENCES organisations(id),\n"
    "  contact_id TEXT REFERENCES contacts(id),\n"
    "  " RELAIS_LIST("topics") ",\n"
    "  " RELAIS_LIST("services") ",\n"
    "  note TEXT NOT NULL DEFAULT '',\n"
    "  visibility TEXT NOT NULL DEFAULT 'network'\n"
    "    CHECK (visibility IN ('network', 'organisation', 'author'))\n"
    ");\n"
    "CREATE INDEX interactions_company ON interactions(company_id, occurred_on);\n"
    "CREATE INDEX interactions_author ON interactions(author_member_id);\n"
    "CREATE TABLE follow_up_actions (\n" RELAIS_SYNC_COLUMNS
    "  interaction_id TEXT NOT NULL REFERENCES interactions(id),\n"
    "  title TEXT NOT NULL,\n"
    "  " RELAIS_DATE("due_on") ",\n"
    "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),\n"
    "  assignee_member_id TEXT REFERENCES members(id),\n"
    "  " RELAIS_DATE("done_on") "\n"
    ");\n"
    "CREATE INDEX follow_up_actions_interaction ON follow_up_actions(interaction_id);\n"
    "CREATE INDEX follow_up_actions_assignee ON follow_up_actions(assignee_member_id, status);\n"
    "CREATE TABLE referrals (\n" RELAIS_SYNC_COLUMNS
    "  company_id TEXT NOT NULL REFERENCES companies(id),\n"
    "  from_member_id TEXT NOT NULL REFERENCES members(id),\n"
    "  to_member_id TEXT NOT NULL REFERENCES members(id),\n"
    "  message TEXT NOT NULL DEFAULT '',\n"
    "  status TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'accepted', 'declined', 'done')),\n"
    "  reason TEXT NOT NULL DEFAULT '',\n"
    "  sent_at INTEGER NOT NULL,\n"
    "  accepted_at INTEGER,\n"
    "  declined_at INTEGER,\n"
    "  done_at INTEGER\n"
    ");\n"
    "CREATE INDEX referrals_company ON referrals(company_id);\n"
    "CREATE INDEX referrals_to ON referrals(to_member_id, status);\n"
    "CREATE INDEX referrals_from ON referrals(from_member_id);\n"
    "CREATE TABLE service_offers (\n" RELAIS_SYNC_COLUMNS
    "  name TEXT NOT NULL,\n"
    "  organisation_id TEXT NOT NULL REFERENCES organisations(id),\n"
    "  description TEXT NOT NULL DEFAULT '',\n"
    "  " RELAIS_LIST("themes") ",\n"
    "  " RELAIS_LIST("office_ids") ",\n"
    "  url TEXT NOT NULL DEFAULT ''\n"
    ");\n"
    "CREATE INDEX service_offers_organisation ON service_offers(organisation_id);\n"
    RELAIS_OFFICE_IDS_GUARD("service_offers_office_ids_insert", "INSERT")
    RELAIS_OFFICE_IDS_GUARD("service_offers_office_ids_update", "UPDATE OF office_ids")
    // --- diagnosis questionnaires -------------------------------------------
    "CREATE TABLE questionnaire_responses (\n" RELAIS_SYNC_COLUMNS
    "  company_id TEXT NOT NULL REFERENCES companies(id),\n"
    "  template_id TEXT NOT NULL,\n"
    "  template_version INTEGER NOT NULL CHECK (template_version >= 1),\n"
    "  answers TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(answers)),\n"
    "  scores TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(scores)),\n"
    "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'completed')),\n"
    "  author_member_id TEXT NOT NULL REFERENCES members(id),\n"
    "  completed_at INTEGER\n"
    ");\n"
    "CREATE INDEX questionnaire_responses_company ON questionnaire_responses(company_id, template_id);\n"
    // --- the University -----------------------------------------------------
    "CREATE TABLE courses (\n" RELAIS_SYNC_COLUMNS
    "  theme TEXT NOT NULL DEFAULT '',\n"
    "  level TEXT NOT NULL CHECK (level IN ('intro', 'workshop', 'study_visit')),\n"
    "  title TEXT NOT NULL,\n"
    "  description TEXT NOT NULL DEFAULT '',\n"
    "  duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0)\n"
    ");\n"
    "CREATE TABLE course_sessions (\n" RELAIS_SYNC_COLUMNS
    "  course_id TEXT NOT NULL REFERENCES courses(id),\n"
    "  starts_at INTEGER NOT NULL,\n"
    "  ends_at INTEGER NOT NULL,\n"
    "  place TEXT NOT NULL DEFAULT '',\n"
    "  trainer TEXT NOT NULL DEFAULT '',\n"
    "  seats INTEGER NOT NULL CHECK (seats >= 0),\n"
    "  CHECK (ends_at >= starts_at)\n"
    ");\n"
    "CREATE INDEX course_sessions_course ON course_sessions(course_id, starts_at);\n"
    "CREATE TABLE registrations (\n" RELAIS_SYNC_COLUMNS
    "  session_id TEXT NOT NULL REFERENCES course_sessions(id),\n"
    "  member_id TEXT REFERENCES members(id),\n"
    "  trainee_name TEXT NOT NULL DEFAULT '',\n"
    "  trainee_email TEXT NOT NULL DEFAULT '',\n"
    "  status TEXT NOT NULL DEFAULT 'requested'\n"
    "    CHECK (status IN ('requested', 'confirmed', 'waitlisted', 'cancelled', 'attended')),\n"
    "  requested_at INTEGER NOT NULL,\n"
    "  waitlist_position INTEGER,\n"
    "  CHECK (member_id IS NOT NULL OR trainee_email <> '')\n"
    ");\n"
    "CREATE INDEX registrations_session ON registrations(session_id);\n"
    "CREATE INDEX registrations_member ON registrations(member_id);\n"
    // --- the legal hotline --------------------------------------------------
    "CREATE TABLE legal_questions (\n" RELAIS_SYNC_COLUMNS
    "  asker_member_id TEXT NOT NULL REFERENCES members(id),\n"
    "  company_id TEXT REFERENCES companies(id),\n"
    "  subject TEXT NOT NULL DEFAULT '',\n"
    "  body TEXT NOT NULL DEFAULT '',\n"
    "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'assigned', 'answered', 'closed')),\n"
    "  assignee_member_id TEXT REFERENCES members(id)\n"
    ");\n"
    "CREATE INDEX legal_questions_asker ON legal_questions(asker_member_id);\n"
    "CREATE INDEX legal_questions_status ON legal_questions(status);\n"
    "CREATE TABLE legal_answers (\n" RELAIS_SYNC_COLUMNS
    "  question_id TEXT NOT NULL REFERENCES legal_questions(id),\n"
    "  author_member_id TEXT NOT NULL REFERENCES members(id),\n"
    "  body TEXT NOT NULL,\n"
    "  published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1))\n"
    ");\n"
    "CREATE INDEX legal_answers_question ON legal_answers(question_id);\n"
    // --- local only: the signed-in user (one row; no FOREIGN KEY to members:
    // the profile is saved at sign-in, before the directory has synced) -----
    "CREATE TABLE local_profile (\n"
    "  slot INTEGER PRIMARY KEY CHECK (slot = 1),\n"
    "  user_id TEXT NOT NULL,\n"
    "  member_id TEXT,\n"
    "  display_name TEXT NOT NULL DEFAULT '',\n"
    "  email TEXT NOT NULL DEFAULT '',\n"
    "  role TEXT NOT NULL DEFAULT '',\n"
    "  lang TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en')),\n"
    "  signed_in_at INTEGER NOT NULL DEFAULT 0\n"
    ");\n"
    // --- sync ---------------------------------------------------------------
    // outbox: local writes waiting to be sent, in order. fields holds the
    // changed columns and their new values as a JSON object.
    "CREATE TABLE outbox (\n"
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "  tbl TEXT NOT NULL,\n"
    "  row_id TEXT NOT NULL,\n"
    "  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),\n"
    "  fields TEXT NOT NULL CHECK (json_valid(fields)),\n"
    "  hlc INTEGER NOT NULL,\n"
    "  state TEXT NOT NULL DEFAULT 'pending',\n"
    "  error TEXT\n"
    ");\n"
    "CREATE INDEX outbox_state ON outbox(state, seq);\n"
    // field_versions: the HLC of the last write of each column of each row,
    // local or remote: what field-level conflict resolution compares.
    "CREATE TABLE field_versions (\n"
    "  tbl TEXT NOT NULL,\n"
    "  row_id TEXT NOT NULL,\n"
    "  field TEXT NOT NULL,\n"
    "  hlc INTEGER NOT NULL,\n"
    "  PRIMARY KEY (tbl, row_id, field)\n"
    ") WITHOUT ROWID;\n"
    // sync_state: device-level values (device_id, hlc, and the sync engine's
    // cursors).
    "CREATE TABLE sync_state (\n"
    "  key TEXT PRIMARY KEY NOT NULL,\n"
    "  value\n"
    ") WITHOUT ROWID;\n";

const char* const kV2 =
    "ALTER TABLE companies ADD COLUMN name_key TEXT NOT NULL DEFAULT '';\n"
    "CREATE INDEX companies_siret ON companies(siret);\n"
    "CREATE INDEX companies_name_key ON companies(name_key);\n";

// Computed in C++ (the same function as new writes use), for rows written
// before v2. A local derivation: every device does it, nothing to sync.
void BackfillCompanyNameKeys(Db& db) {
  std::vector<std::pair<std::string, std::string>> rows;
  Stmt s = db.Prepare("SELECT id, name FROM companies");
  while (s.Step()) rows.emplace_back(s.Text(0), s.Text(1));
  for (const auto& r : rows)
    db.Exec("UPDATE companies SET name_key = ? WHERE id = ?", CompanyNameKey(r.second), r.first);
}

#undef RELAIS_SYNC_COLUMNS
#undef RELAIS_DATE
#undef RELAIS_LIST
#undef RELAIS_OFFICE_IDS_GUARD

}  // namespace

const std::vector<Migration>& RelaisMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, kV1, nullptr},
      {2, kV2, BackfillCompanyNameKeys},
  };
  return kMigrations;
}

int LatestSchemaVersion() { return static_cast<int>(RelaisMigrations().size()); }

const std::vector<const char*>& SyncedTables() {
  // clang-format off
  static const std::vector<const char*> kTables = {
      "offices", "organisations", "members", "signatures",
      "companies", "contacts", "interactions", "follow_up_actions", "referrals",
      "service_offers", "questionnaire_responses",
      "courses", "course_sessions", "registrations",
      "legal_questions", "legal_answers"};
  // clang-format on
  return kTables;
}

}  // namespace relais
