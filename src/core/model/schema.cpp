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

// v3: full-text search (src/core/search), and an index on the commune of
// companies for duplicate detection (src/core/search/duplicates.h).
// The search index is local, derived from the synced tables and never synced
// itself. search_docs maps each indexed row (kind + id) to an integer key;
// search_fts is an FTS5 index without content (text is read back from the
// source tables for display); search_labels indexes the short fields (name
// and tags) of everything but notes, so that a company, a member or a course
// is found without reading the notes' lists; the search_src_* views say what
// each kind indexes.
// Triggers on the source tables queue the ids of the rows written
// (search_queue), in the writing transaction, whoever writes (repositories or
// sync engine); search::UpdateSearchIndex applies the queue in a few set-wise
// statements, and Search() calls it first, so a search sees every write.
// (Writing FTS5 from row triggers would cost a segment flush per row: FTS5
// flushes at every statement savepoint.) The queue has no key, so no conflict
// clause of the writing statement can make it fail.
// FTS5 removes case and accents (unicode61 remove_diacritics 2); the views
// spell out the ligatures it leaves alone (œ, æ, ß), so "oeuvre" finds
// "œuvre". Plain SQL functions only: any connection can write, with no custom
// tokenizer to register first.
// Frozen with v3: a change is a new step that drops and recreates.
#define RELAIS_V3_FOLD(x)                                 \
  "replace(replace(replace(replace(replace(replace(" x   \
  ", 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE'), 'ß', 'ss'), 'ẞ', 'SS')"
// The elements of a JSON array of strings, space-separated (NULL when empty).
#define RELAIS_V3_LIST(col) "(SELECT group_concat(value, ' ') FROM json_each(" col "))"
#define RELAIS_V3_QUEUE(kind, id) "INSERT INTO search_queue (kind, ref_id) VALUES ('" kind "', " id ");\n"
// The triggers of a table whose rows are documents of `kind`.
#define RELAIS_V3_TRIGGERS(table, kind, columns)                                                      \
  "CREATE TRIGGER search_" table "_insert AFTER INSERT ON " table " BEGIN\n"                          \
  RELAIS_V3_QUEUE(kind, "NEW.id") "END;\n"                                                            \
  "CREATE TRIGGER search_" table "_update AFTER UPDATE OF " columns ", deleted_hlc ON " table " BEGIN\n" \
  RELAIS_V3_QUEUE(kind, "NEW.id") "END;\n"                                                            \
  "CREATE TRIGGER search_" table "_delete AFTER DELETE ON " table " BEGIN\n"                          \
  RELAIS_V3_QUEUE(kind, "OLD.id") "END;\n"
// Indexes every row of a kind's view (the rows already there).
#define RELAIS_V3_INDEX_ALL(kind)                                                                   \
  "INSERT INTO search_docs (kind, ref_id) SELECT '" kind "', ref_id FROM search_src_" kind ";\n"    \
  "INSERT INTO search_fts (rowid, kind, title, tags, body) SELECT d.doc, d.kind, s.title, s.tags, "  \
  "s.body FROM search_src_" kind " AS s JOIN search_docs AS d ON d.kind = '" kind                   \
  "' AND d.ref_id = s.ref_id;\n"                                                                     \
  "INSERT INTO search_labels (rowid, kind, title, tags) SELECT d.doc, d.kind, s.title, s.tags "      \
  "FROM search_src_" kind " AS s JOIN search_docs AS d ON d.kind = '" kind                          \
  "' AND d.ref_id = s.ref_id WHERE d.kind <> 'note';\n"

const char* const kV3 =
    "CREATE TABLE search_docs (\n"
    "  doc INTEGER PRIMARY KEY,\n"
    "  kind TEXT NOT NULL,\n"
    "  ref_id TEXT NOT NULL,\n"
    "  UNIQUE (kind, ref_id)\n"
    ");\n"
    "CREATE TABLE search_queue (\n"
    "  kind TEXT NOT NULL,\n"
    "  ref_id TEXT NOT NULL\n"
    ");\n"
    // kind is indexed so that a scope is part of the MATCH (rank weight 0).
    // prefix: as-you-type queries on 2 and 3 letters read one list each.
    "CREATE VIRTUAL TABLE search_fts USING fts5(kind, title, tags, body, content = '', contentless_delete = 1,\n"
    "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');\n"
    "CREATE VIRTUAL TABLE search_labels USING fts5(kind, title, tags, content = '', contentless_delete = 1,\n"
    "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');\n"
    // --- what each kind indexes: title (name) > tags > body (free text) -----
    "CREATE VIEW search_src_company AS SELECT id AS ref_id,\n"
    "  " RELAIS_V3_FOLD("name") " AS title,\n"
    "  " RELAIS_V3_FOLD("concat_ws(' ', commune_name, postcode, commune_insee, naf, replace(naf, '.', ''), "
                        "siren, siret)") " AS tags,\n"
    "  " RELAIS_V3_FOLD("address") " AS body\n"
    "FROM companies WHERE deleted_hlc IS NULL;\n"
    "CREATE VIEW search_src_note AS SELECT id AS ref_id, '' AS title,\n"
    "  " RELAIS_V3_FOLD("concat_ws(' ', " RELAIS_V3_LIST("topics") ", " RELAIS_V3_LIST("services") ")") " AS tags,\n"
    "  " RELAIS_V3_FOLD("note") " AS body\n"
    "FROM interactions WHERE deleted_hlc IS NULL;\n"
    // Languages are stored as ISO codes; people search "allemand" or "German".
    "CREATE VIEW search_src_member AS SELECT m.id AS ref_id,\n"
    "  " RELAIS_V3_FOLD("concat_ws(' ', m.first_name, m.last_name)") " AS title,\n"
    "  " RELAIS_V3_FOLD("concat_ws(' ', " RELAIS_V3_LIST("m.expertise") ",\n"
    "    (SELECT group_concat(CASE value WHEN 'fr' THEN 'français french' WHEN 'en' THEN 'anglais english'\n"
    "      WHEN 'de' THEN 'allemand german' WHEN 'es' THEN 'espagnol spanish' WHEN 'it' THEN 'italien italian'\n"
    "      WHEN 'pt' THEN 'portugais portuguese' WHEN 'nl' THEN 'néerlandais dutch' WHEN 'pl' THEN 'polonais polish'\n"
    "      WHEN 'ru' THEN 'russe russian' WHEN 'ar' THEN 'arabe arabic' WHEN 'zh' THEN 'chinois chinese'\n"
    "      WHEN 'ja' THEN 'japonais japanese' WHEN 'tr' THEN 'turc turkish' ELSE value END, ' ')\n"
    "      FROM json_each(m.languages)),\n"
    "    (SELECT name FROM organisations WHERE id = m.organisation_id),\n"
    "    (SELECT name FROM offices WHERE id = m.office_id))") " AS tags,\n"
    "  " RELAIS_V3_FOLD("concat_ws(' ', m.job_title, m.summary)") " AS body\n"
    "FROM members AS m WHERE m.deleted_hlc IS NULL;\n"
    "CREATE VIEW search_src_course AS SELECT id AS ref_id,\n"
    "  " RELAIS_V3_FOLD("title") " AS title,\n"
    "  " RELAIS_V3_FOLD("concat_ws(' ', theme, CASE level WHEN 'intro' THEN 'introduction demi-journée'\n"
    "    WHEN 'workshop' THEN 'atelier' WHEN 'study_visit' THEN 'voyage d''études' END)") " AS tags,\n"
    "  " RELAIS_V3_FOLD("description") " AS body\n"
    "FROM courses WHERE deleted_hlc IS NULL;\n"
    // The knowledge base: published answers, with their question.
    "CREATE VIEW search_src_answer AS SELECT a.id AS ref_id,\n"
    "  " RELAIS_V3_FOLD("q.subject") " AS title, '' AS tags,\n"
    "  " RELAIS_V3_FOLD("concat_ws(' ', q.body, a.body)") " AS body\n"
    "FROM legal_answers AS a JOIN legal_questions AS q ON q.id = a.question_id\n"
    "WHERE a.deleted_hlc IS NULL AND q.deleted_hlc IS NULL AND a.published = 1;\n"
    // --- what to re-index -------------------------------------------------------
    RELAIS_V3_TRIGGERS("companies", "company",
                       "name, siren, siret, naf, address, postcode, commune_insee, commune_name")
    RELAIS_V3_TRIGGERS("interactions", "note", "topics, services, note")
    RELAIS_V3_TRIGGERS("members", "member",
                       "first_name, last_name, organisation_id, office_id, job_title, expertise, languages, summary")
    RELAIS_V3_TRIGGERS("courses", "course", "theme, level, title, description")
    RELAIS_V3_TRIGGERS("legal_answers", "answer", "question_id, body, published")
    // Members show their organisation's and office's names; answers their question.
    "CREATE TRIGGER search_organisations_update AFTER UPDATE OF name ON organisations BEGIN\n"
    "INSERT INTO search_queue (kind, ref_id) SELECT 'member', id FROM members WHERE organisation_id = NEW.id;\n"
    "END;\n"
    "CREATE TRIGGER search_offices_update AFTER UPDATE OF name ON offices BEGIN\n"
    "INSERT INTO search_queue (kind, ref_id) SELECT 'member', id FROM members WHERE office_id = NEW.id;\n"
    "END;\n"
    "CREATE TRIGGER search_legal_questions_update AFTER UPDATE OF subject, body, deleted_hlc ON legal_questions\n"
    "BEGIN\n"
    "INSERT INTO search_queue (kind, ref_id) SELECT 'answer', id FROM legal_answers WHERE question_id = NEW.id;\n"
    "END;\n"
    // Duplicate detection (search/duplicates.h) compares names within a commune.
    "CREATE INDEX companies_commune ON companies(commune_insee);\n"
    // --- the rows already there -----------------------------------------------
    RELAIS_V3_INDEX_ALL("company")
    RELAIS_V3_INDEX_ALL("note")
    RELAIS_V3_INDEX_ALL("member")
    RELAIS_V3_INDEX_ALL("course")
    RELAIS_V3_INDEX_ALL("answer");

#undef RELAIS_V3_FOLD
#undef RELAIS_V3_LIST
#undef RELAIS_V3_QUEUE
#undef RELAIS_V3_TRIGGERS
#undef RELAIS_V3_INDEX_ALL

// v4: the sync engine (core/sync/engine.h). sync_conflicts keeps the values
// that lost a field-level conflict, as pulled (both writers see them until
// one marks it resolved). outbox.base_cursor is the pull cursor the device had
// when the change was written (PushRequest::cursor), filled in by a trigger so
// that every writer of the outbox gets it without knowing about it.
const char* const kV4 =
    "CREATE TABLE sync_conflicts (\n"
    "  id TEXT PRIMARY KEY NOT NULL,\n"
    "  tbl TEXT NOT NULL,\n"
    "  row_id TEXT NOT NULL,\n"
    "  field TEXT NOT NULL,\n"
    "  winner_value,\n"
    "  winner_hlc INTEGER NOT NULL,\n"
    "  winner_user TEXT NOT NULL DEFAULT '',\n"
    "  loser_value,\n"
    "  loser_hlc INTEGER NOT NULL,\n"
    "  loser_user TEXT NOT NULL DEFAULT '',\n"
    "  created_ms INTEGER NOT NULL DEFAULT 0,\n"
    "  resolved INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1))\n"
    ");\n"
    "CREATE INDEX sync_conflicts_row ON sync_conflicts(tbl, row_id);\n"
    "CREATE INDEX sync_conflicts_open ON sync_conflicts(resolved);\n"
    "ALTER TABLE outbox ADD COLUMN base_cursor TEXT NOT NULL DEFAULT '';\n"
    "CREATE TRIGGER outbox_base_cursor AFTER INSERT ON outbox BEGIN\n"
    "UPDATE outbox SET base_cursor = coalesce((SELECT value FROM sync_state WHERE key = 'cursor'), '')\n"
    "  WHERE seq = NEW.seq;\n"
    "END;\n";

// v5: contact requests left by SMEs on the public orientation portal
// (sync-server/portal.cpp). Only the server creates them; pulls deliver them
// to the staff of the office they are routed to (by commune: commune ->
// department -> office), who assign them and follow them up through normal
// pushes. The SME's own fields never change after submission; consent is
// recorded as on contacts (basis, date, source) with the exact text agreed to.
const char* const kV5 =
    "CREATE TABLE contact_requests (\n"
    "  id TEXT PRIMARY KEY NOT NULL,\n"
    "  created_hlc INTEGER NOT NULL,\n"
    "  updated_hlc INTEGER NOT NULL,\n"
    "  author_id TEXT,\n"
    "  deleted_hlc INTEGER,\n"
    "  office_id TEXT NOT NULL REFERENCES offices(id),\n"
    "  commune_insee TEXT NOT NULL,\n"
    "  commune_name TEXT NOT NULL DEFAULT '',\n"
    "  company_name TEXT NOT NULL DEFAULT '',\n"
    "  contact_name TEXT NOT NULL CHECK (contact_name <> ''),\n"
    "  email TEXT NOT NULL CHECK (email <> ''),\n"
    "  phone TEXT NOT NULL DEFAULT '',\n"
    "  needs TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(needs) AND json_type(needs) = 'array'),\n"
    "  message TEXT NOT NULL CHECK (message <> ''),\n"
    "  consent_basis TEXT NOT NULL CHECK (consent_basis IN ('consent')),\n"
    "  consent_date TEXT NOT NULL CHECK (consent_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n"
    "  consent_source TEXT NOT NULL DEFAULT 'portal',\n"
    "  consent_text TEXT NOT NULL DEFAULT '',\n"
    "  submitted_at INTEGER NOT NULL,\n"
    "  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'assigned', 'contacted', 'closed')),\n"
    "  assignee_member_id TEXT REFERENCES members(id),\n"
    "  assigned_at INTEGER,\n"
    "  staff_note TEXT NOT NULL DEFAULT ''\n"
    ");\n"
    "CREATE INDEX contact_requests_office ON contact_requests(office_id, status);\n"
    "CREATE INDEX contact_requests_assignee ON contact_requests(assignee_member_id);\n";

// v6: the University after a session. attendance is marked by the trainer or
// the network's staff ('present' | 'absent'; NULL: not marked yet; rows of
// status 'attended' from before count as present); the trainee's feedback is
// a rating from 1 to 5 and a comment. Columns of registrations, so they sync
// and follow its read rules (the trainee and staff).
const char* const kV6 =
    "ALTER TABLE registrations ADD COLUMN attendance TEXT CHECK (attendance IN ('present', 'absent'));\n"
    "ALTER TABLE registrations ADD COLUMN feedback_rating INTEGER CHECK (feedback_rating BETWEEN 1 AND 5);\n"
    "ALTER TABLE registrations ADD COLUMN feedback_comment TEXT NOT NULL DEFAULT '';\n"
    // Seats held (confirmed or attended), written by the server with each
    // decision: a trainee's device holds only its own registrations, yet
    // shows how many seats are left as last synced. NULL: not known yet.
    "ALTER TABLE course_sessions ADD COLUMN seats_taken INTEGER CHECK (seats_taken >= 0);\n";

// v7: the outbox found by row. The timeline asks, for each entry, whether its
// row still has a write waiting, and the sync engine merges pulled rows with
// the pending writes of the same row: with only (state, seq) indexed, each
// question scanned every pending write (a device back from weeks offline with
// 200,000 of them took 36 s to open a company file).
const char* const kV7 = "CREATE INDEX outbox_row ON outbox(tbl, row_id, state);\n";

// v8: questionnaire templates published by the network's staff. The shipped
// templates are compiled into the app (assets/questionnaires); a new version
// is published as one of these rows, synced to every device but trainees'.
// A published version never changes (the server refuses updates): responses
// name the version they answer, so past results keep their questions.
// body is the template's JSON, as diagnosis::LoadTemplateJson reads it.
const char* const kV8 =
    "CREATE TABLE questionnaire_templates (\n"
    RELAIS_SYNC_COLUMNS
    "  template_id TEXT NOT NULL CHECK (template_id <> ''),\n"
    "  version INTEGER NOT NULL CHECK (version >= 1),\n"
    "  title TEXT NOT NULL DEFAULT '',\n"
    "  body TEXT NOT NULL CHECK (json_valid(body)),\n"
    "  published_at INTEGER NOT NULL\n"
    ");\n"
    "CREATE INDEX questionnaire_templates_version ON questionnaire_templates(template_id, version);\n";

// v9: deactivation. Offices, organisations, members and courses are never
// deleted by the network's staff: notes, referrals and registrations name
// them for years. A deactivated one (active = 0) stays readable where it is
// named, and leaves the lists where one picks (directory, recommendations,
// referral recipients, portal routing, the University catalogue).
const char* const kV9 =
    "ALTER TABLE offices ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));\n"
    "ALTER TABLE organisations ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));\n"
    "ALTER TABLE members ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));\n"
    "ALTER TABLE courses ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));\n";

// v10: a pending write carries the cursor of the last *complete* pull
// (sync_state 'seen'), no longer that of the last page. The server reads the
// push cursor as "this device has seen every change up to here", but a page
// only holds the rows whose latest serial is in it: a row changed at serial 17
// and again at 30 comes on the page that reaches 30. A write made between
// pages claimed to have seen 17 and overwrote it without a conflict.
const char* const kV10 =
    "DROP TRIGGER outbox_base_cursor;\n"
    "INSERT OR IGNORE INTO sync_state(key, value) SELECT 'seen', value FROM sync_state WHERE key = 'cursor';\n"
    "CREATE TRIGGER outbox_base_cursor AFTER INSERT ON outbox BEGIN\n"
    "UPDATE outbox SET base_cursor = coalesce((SELECT value FROM sync_state WHERE key = 'seen'), '')\n"
    "  WHERE seq = NEW.seq;\n"
    "END;\n";

#undef RELAIS_SYNC_COLUMNS
#undef RELAIS_DATE
#undef RELAIS_LIST
#undef RELAIS_OFFICE_IDS_GUARD

}  // namespace

const std::vector<Migration>& RelaisMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, kV1, nullptr},
      {2, kV2, BackfillCompanyNameKeys},
      {3, kV3, nullptr},
      {4, kV4, nullptr},
      {5, kV5, nullptr},
      {6, kV6, nullptr},
      {7, kV7, nullptr},
      {8, kV8, nullptr},
      {9, kV9, nullptr},
      {10, kV10, nullptr},
  };
  return kMigrations;
}

int LatestSchemaVersion() { return static_cast<int>(RelaisMigrations().size()); }

const std::vector<const char*>& SyncedTables() {
  // clang-format off
  static const std::vector<const char*> kTables = {
      "offices", "organisations", "members", "signatures",
      "companies", "contacts", "interactions", "follow_up_actions", "referrals",
      "service_offers", "questionnaire_templates", "questionnaire_responses", "contact_requests",
      "courses", "course_sessions", "registrations",
      "legal_questions", "legal_answers"};
  // clang-format on
  return kTables;
}

}  // namespace relais
