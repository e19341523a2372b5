// advisor_data.cpp — see advisor_data.h.
#include "ui/companies/advisor_data.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "core/model/directory.h"
#include "core/model/french_codes.h"
#include "core/civil_date.h"
#include "core/paris_time.h"
#include "core/search/search.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/platform.h"

namespace relais {

int64_t DataVersion(Store& st) { return st.db.QueryInt("SELECT total_changes()").value_or(0); }

// Dates are the network's: Europe/Paris, whatever the device's zone.
std::string TodayIso(Store& st) { return ParisIsoDate(st.now_ms ? st.now_ms() : 0); }

std::string AddDaysIso(const std::string& iso, int days) {
  if (!IsValidIsoDate(iso)) return iso;
  int y = std::stoi(iso.substr(0, 4)), m = std::stoi(iso.substr(5, 2)), d = std::stoi(iso.substr(8, 2));
  return IsoDate(DaysFromCivil(y, m, d) + days);
}

std::optional<std::string> ParseUserDate(const std::string& text) {
  std::string t;
  for (char c : text)
    if (c != ' ') t += c;
  if (t.empty()) return std::string();
  if (IsValidIsoDate(t)) return t;
  int d = 0, m = 0, y = 0;
  char tail = 0;
  if (std::sscanf(t.c_str(), "%d/%d/%d%c", &d, &m, &y, &tail) != 3) return std::nullopt;
  if (y >= 0 && y < 100) y += 2000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  if (!IsValidIsoDate(buf)) return std::nullopt;
  return std::string(buf);
}

std::string ShortDate(const std::string& iso) {
  if (!IsValidIsoDate(iso)) return iso;
  return FormatDateShort(std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2)), std::stoi(iso.substr(8, 2)),
                         CurrentLang());
}

// NAF rev. 2: sections are ranges of divisions (the code's first two digits).
struct NafRange {
  char section;
  int lo, hi;
};
static const NafRange kNafSections[] = {
    {'A', 1, 3},   {'B', 5, 9},   {'C', 10, 33}, {'D', 35, 35}, {'E', 36, 39}, {'F', 41, 43}, {'G', 45, 47},
    {'H', 49, 53}, {'I', 55, 56}, {'J', 58, 63}, {'K', 64, 66}, {'L', 68, 68}, {'M', 69, 75}, {'N', 77, 82},
    {'O', 84, 84}, {'P', 85, 85}, {'Q', 86, 88}, {'R', 90, 93}, {'S', 94, 96}, {'T', 97, 98}, {'U', 99, 99}};

char NafSection(const std::string& naf) {
  if (naf.size() < 2 || naf[0] < '0' || naf[0] > '9' || naf[1] < '0' || naf[1] > '9') return 0;
  int div = (naf[0] - '0') * 10 + (naf[1] - '0');
  for (const NafRange& r : kNafSections)
    if (div >= r.lo && div <= r.hi) return r.section;
  return 0;
}

bool CompanyQuery::operator==(const CompanyQuery& o) const {
  return text == o.text && office_id == o.office_id && naf_section == o.naf_section &&
         last_contact == o.last_contact && mine == o.mine && sort == o.sort;
}

// The date of the latest live note about company c.
#define RELAIS_LAST_CONTACT \
  "(SELECT max(i.occurred_on) FROM interactions AS i WHERE i.company_id = c.id AND i.deleted_hlc IS NULL)"

std::vector<std::string> QueryCompanyIds(Store& st, const CompanyQuery& q, const std::string& member_id) {
  std::vector<std::string> ranked;  // search order, when there is text
  bool has_text = q.text.find_first_not_of(" \t") != std::string::npos;
  if (has_text) {
    search::SearchOptions so;
    so.scope = search::SearchScope::Only(search::SearchKind::Company);
    so.limit = search::kMaxIdsLimit;  // all of them: the count and the filters must be exact
    so.details = false;  // the list draws its own rows (and filters out deleted ones below)
    for (search::SearchHit& h : search::Search(st.db, q.text, so)) ranked.push_back(std::move(h.id));
    if (ranked.empty()) return {};
    // Typing with no filter, best first (the usual case): the search's answer
    // is the list (the index is brought up to date first: live rows only).
    // Thousands of ids bound into the query below would cost more than the search.
    const bool filtered = !q.office_id.empty() || q.naf_section || q.mine || q.last_contact != LastContact::Any;
    if (!filtered && q.sort == CompanySort::Relevance) return ranked;
  }
  std::string sql = "SELECT c.id FROM companies AS c WHERE c.deleted_hlc IS NULL";
  std::vector<std::string> args;  // all text parameters, in order
  if (has_text) {
    sql += " AND c.id IN (";
    for (size_t i = 0; i < ranked.size(); i++) {
      sql += i ? ",?" : "?";
      args.push_back(ranked[i]);
    }
    sql += ")";
  }
  if (!q.office_id.empty()) {
    sql += " AND substr(c.postcode, 1, 2) IN (SELECT j.value FROM offices AS o, json_each(o.departments) AS j "
           "WHERE o.id = ?)";
    args.push_back(q.office_id);
  }
  if (q.naf_section) {
    for (const NafRange& r : kNafSections)
      if (r.section == q.naf_section)
        sql += " AND c.naf IS NOT NULL AND CAST(substr(c.naf, 1, 2) AS INTEGER) BETWEEN " + std::to_string(r.lo) +
               " AND " + std::to_string(r.hi);
  }
  if (q.mine) {
    sql += " AND EXISTS (SELECT 1 FROM interactions AS i WHERE i.company_id = c.id AND i.author_member_id = ? "
           "AND i.deleted_hlc IS NULL)";
    args.push_back(member_id);
  }
  std::string today = TodayIso(st);
  if (q.last_contact == LastContact::Within3Months || q.last_contact == LastContact::Within12Months) {
    sql += " AND " RELAIS_LAST_CONTACT " >= ?";
    args.push_back(AddDaysIso(today, q.last_contact == LastContact::Within3Months ? -91 : -365));
  } else if (q.last_contact == LastContact::Older) {
    sql += " AND coalesce(" RELAIS_LAST_CONTACT ", '') < ?";
    args.push_back(AddDaysIso(today, -365));
  }
  CompanySort sort = q.sort == CompanySort::Relevance && !has_text ? CompanySort::Name : q.sort;
  switch (sort) {
    case CompanySort::Relevance: break;  // reordered below
    case CompanySort::Name: sql += " ORDER BY c.name_key, c.name"; break;
    case CompanySort::LastContact: sql += " ORDER BY " RELAIS_LAST_CONTACT " DESC NULLS LAST, c.name_key"; break;
    case CompanySort::Commune: sql += " ORDER BY c.commune_name, c.name_key"; break;
  }
  Stmt s = st.db.Prepare(sql);
  for (size_t i = 0; i < args.size(); i++) s.BindText((int)i + 1, args[i]);
  std::vector<std::string> ids;
  while (s.Step()) ids.push_back(s.Text(0));
  if (sort == CompanySort::Relevance) {
    std::unordered_map<std::string, size_t> pos;
    for (size_t i = 0; i < ranked.size(); i++) pos.emplace(ranked[i], i);
    std::sort(ids.begin(), ids.end(), [&](const std::string& a, const std::string& b) { return pos[a] < pos[b]; });
  }
  return ids;
}

std::optional<CompanyLine> ReadCompanyLine(Store& st, const std::string& id) {
  Stmt s = st.db.Prepare(
      "SELECT c.name, c.commune_name, c.postcode, coalesce(c.siret, c.siren, ''), coalesce(c.naf, ''), "
      "coalesce(" RELAIS_LAST_CONTACT ", '') FROM companies AS c WHERE c.id = ?");
  s.BindText(1, id);
  if (!s.Step()) return std::nullopt;
  CompanyLine l;
  l.id = id;
  l.name = s.Text(0);
  l.commune = s.Text(1);
  l.postcode = s.Text(2);
  l.siret = s.Text(3);
  l.naf = s.Text(4);
  l.last_contact = s.Text(5);
  return l;
}

const char* const kConsentBases[4] = {"", "consent", "contract", "legitimate_interests"};

const char* ConsentBasisLabel(const std::string& basis) {
  if (basis.empty()) return T(Msg::BasisNone);
  if (basis == "consent") return T(Msg::BasisConsent);
  if (basis == "contract") return T(Msg::BasisContract);
  if (basis == "legitimate_interests") return T(Msg::BasisLegitimate);
  return basis.c_str();  // a basis the schema knows but the form does not offer
}

std::string ConsentText(const Contact& c) {
  if (!c.consent_basis) return T(Msg::ConsentNone);
  std::string s = *c.consent_basis == "consent" ? std::string(T(Msg::ConsentGiven))
                                                : LabelValue(Msg::ConsentOtherBasis, ConsentBasisLabel(*c.consent_basis));
  if (c.consent_date) s += " \xC2\xB7 " + ShortDate(*c.consent_date);
  return s;
}

SiretCheck CheckSiret(const std::string& typed, int* digits) {
  std::string s = StripNumberSeparators(typed);
  if (digits) *digits = (int)s.size();
  if (s.empty()) return SiretCheck::Empty;
  for (char c : s)
    if (c < '0' || c > '9') return SiretCheck::NotDigits;
  if (s.size() < 14) return SiretCheck::Incomplete;
  if (s.size() > 14) return SiretCheck::NotDigits;
  // The SIREN inside is checked too: the store refuses a SIRET whose company
  // number is wrong (La Poste's establishments excepted, see french_codes.h).
  bool ok = IsValidSiret(s) && (IsValidSiren(s.substr(0, 9)) || s.rfind("356000000", 0) == 0);
  return ok ? SiretCheck::Valid : SiretCheck::BadChecksum;
}

std::string MemberName(Store& st, const std::string& member_id) {
  if (member_id.empty()) return "";
  return st.db.QueryText("SELECT trim(first_name || ' ' || last_name) FROM members WHERE id = ?", member_id)
      .value_or("");
}

std::vector<NetworkContact> NetworkContacts(Store& st, const std::string& company_id) {
  std::string year_ago = AddDaysIso(TodayIso(st), -365);
  Stmt s = st.db.Prepare(
      "SELECT i.author_member_id, coalesce(trim(m.first_name || ' ' || m.last_name), ''), coalesce(o.name, ''), "
      "coalesce(f.name, ''), max(i.occurred_on), count(*), sum(i.occurred_on >= ?) "
      "FROM interactions AS i LEFT JOIN members AS m ON m.id = i.author_member_id "
      "LEFT JOIN organisations AS o ON o.id = i.organisation_id LEFT JOIN offices AS f ON f.id = m.office_id "
      "WHERE i.company_id = ? AND i.deleted_hlc IS NULL GROUP BY i.author_member_id "
      "ORDER BY max(i.occurred_on) DESC");
  s.BindText(1, year_ago).BindText(2, company_id);
  std::vector<NetworkContact> out;
  while (s.Step()) {
    NetworkContact c;
    c.member_id = s.Text(0);
    c.name = s.Text(1);
    c.organisation = s.Text(2);
    c.office = s.Text(3);
    c.last_on = s.Text(4);
    c.notes = (int)s.Int(5);
    c.recent_notes = (int)s.Int(6);
    out.push_back(std::move(c));
  }
  // The lead: who followed the company most this year (ties: most recent,
  // which comes first). Nobody in a year: nobody leads.
  NetworkContact* lead = nullptr;
  for (NetworkContact& c : out)
    if (c.recent_notes > 0 && (!lead || c.recent_notes > lead->recent_notes)) lead = &c;
  if (lead) lead->lead = true;
  return out;
}


std::vector<TimelineEntry> CompanyTimeline(Store& st, const std::string& company_id) {
  std::vector<TimelineEntry> out;
  std::unordered_map<std::string, std::string> names;
  auto name = [&](const std::string& id) -> const std::string& {
    auto it = names.find(id);
    if (it == names.end()) it = names.emplace(id, MemberName(st, id)).first;
    return it->second;
  };
  std::vector<Interaction> notes = ListInteractions(st, company_id);
  std::unordered_map<std::string, size_t> by_note;
  for (Interaction& n : notes) {
    TimelineEntry e;
    e.kind = TimelineEntry::Note;
    e.date = n.occurred_on;
    e.id = n.id;
    e.who = name(n.author_member_id);
    e.note = std::move(n);
    by_note.emplace(e.id, out.size());
    out.push_back(std::move(e));
  }
  // The notes' actions in one query, not one per note (200-note files).
  {
    Stmt s = st.db.Prepare(repo_detail::Sql<FollowUpAction>().select +
                           " WHERE deleted_hlc IS NULL AND interaction_id IN (SELECT id FROM interactions "
                           "WHERE company_id = ?) ORDER BY " + FollowUpAction::kOrder);
    s.BindText(1, company_id);
    while (s.Step()) {
      FollowUpAction a = repo_detail::ReadRow<FollowUpAction>(s);
      auto it = by_note.find(a.interaction_id);
      if (it != by_note.end()) out[it->second].actions.push_back(std::move(a));
    }
  }
  for (Referral& r : ListReferralsForCompany(st, company_id)) {
    TimelineEntry e;
    e.kind = TimelineEntry::Referral;
    e.date = ParisIsoDate(r.sent_at);
    e.id = r.id;
    e.who = name(r.from_member_id) + " \xE2\x80\xBA " + name(r.to_member_id);  // "›": Noto Sans has no arrows
    e.status = r.status;
    e.text = r.message;
    e.reminder = ReferralNeedsReminder(r, st.now_ms());
    e.save = RowSaveState(st, Referral::kTable, r.id).state;
    out.push_back(std::move(e));
  }
  {
    Stmt s = st.db.Prepare(
        "SELECT id, template_id, author_member_id, coalesce(completed_at, updated_hlc >> 16) FROM "
        "questionnaire_responses WHERE company_id = ? AND deleted_hlc IS NULL AND status = 'completed'");
    s.BindText(1, company_id);
    while (s.Step()) {
      TimelineEntry e;
      e.kind = TimelineEntry::Diagnosis;
      e.id = s.Text(0);
      e.status = s.Text(1);
      e.who = name(s.Text(2));
      e.date = ParisIsoDate(s.Int(3));
      out.push_back(std::move(e));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const TimelineEntry& a, const TimelineEntry& b) { return a.date > b.date; });
  return out;
}

bool CanEditNote(const SessionInfo& session, const Interaction& note) {
  return !session.member_id.empty() && note.author_member_id == session.member_id;
}

SaveStatus GroupSaveState(Store& st, const char* table, const std::string& id, const char* child_table,
                          const char* child_key, uint64_t commit) {
  // Only columns of the outbox_row index (seq is its rowid): with error in
  // the query, SQLite would walk every pending write (outbox_state) instead.
  std::string sql =
      std::string("SELECT coalesce(max(CASE WHEN state = 'rejected' THEN seq END), 0), count(*) FROM outbox WHERE "
                  "state IN ('pending', 'rejected') AND ((tbl = ?1 AND row_id = ?2)");
  if (child_table)
    sql += std::string(" OR (tbl = ?3 AND row_id IN (SELECT id FROM ") + child_table + " WHERE " + child_key + " = ?2))";
  Stmt s = st.db.Prepare(sql + ")");
  s.BindText(1, table);
  s.BindText(2, id);
  if (child_table) s.BindText(3, child_table);
  s.Step();
  SaveStatus out;
  if (int64_t rejected = s.Int(0)) {  // the latest refusal says why
    out.state = SaveState::Rejected;
    out.reason = st.db.QueryText("SELECT coalesce(error, '') FROM outbox WHERE seq = ?", rejected).value_or("");
  } else if (s.Int(1) != 0) {
    out.state = SaveStateNow(SaveState::SavedOnDevice, commit);
  }
  return out;
}

SaveStatus NoteSaveState(Store& st, const std::string& note_id) {
  return GroupSaveState(st, "interactions", note_id, "follow_up_actions", "interaction_id", 0);
}

SaveStatus RowSaveState(Store& st, const char* table, const std::string& row_id) {
  return GroupSaveState(st, table, row_id, nullptr, nullptr, 0);
}

SaveState SaveStateNow(SaveState cached, uint64_t commit) {
  if (cached == SaveState::SavedOnDevice && commit != 0 && !platform::IsCommitDurable(commit)) return SaveState::Saving;
  return cached;
}

std::vector<FollowUpLine> MyFollowUps(Store& st, const std::string& member_id) {
  std::vector<FollowUpLine> out;
  if (member_id.empty()) return out;
  // The columns in repo order (ReadRow), then the company.
  Stmt s = st.db.Prepare(
      "SELECT a.id, a.created_hlc, a.updated_hlc, a.author_id, a.deleted_hlc, a.interaction_id, a.title, a.due_on, "
      "a.status, a.assignee_member_id, a.done_on, c.id, c.name FROM follow_up_actions AS a "
      "JOIN interactions AS i ON i.id = a.interaction_id JOIN companies AS c ON c.id = i.company_id "
      "WHERE a.deleted_hlc IS NULL AND i.deleted_hlc IS NULL AND a.status = 'open' AND "
      "(a.assignee_member_id = ?1 OR (a.assignee_member_id IS NULL AND i.author_member_id = ?1)) "
      "ORDER BY a.due_on IS NULL, a.due_on, a.created_hlc");
  s.BindText(1, member_id);
  std::string today = TodayIso(st);
  while (s.Step()) {
    FollowUpLine l;
    l.action = repo_detail::ReadRow<FollowUpAction>(s);
    l.company_id = s.Text(11);
    l.company_name = s.Text(12);
    l.overdue = l.action.due_on && *l.action.due_on < today;
    out.push_back(std::move(l));
  }
  // Overdue first is the date order already; undated come last.
  return out;
}

void SaveNote(Store& st, const SessionInfo& session, Interaction& note, std::vector<FollowUpAction>& actions) {
  Require(!session.member_id.empty(), "author_member_id", "sign in as a member to write notes");
  Require(!note.company_id.empty(), "company_id", "a note belongs to a company");
  for (const FollowUpAction& a : actions) Require(!a.title.empty(), "title", "a follow-up action needs a title");
  if (note.id.empty()) {
    Interaction n = note;
    n.author_member_id = session.member_id;
    n.organisation_id = session.organisation_id;
    std::vector<FollowUpAction> acts = actions;
    for (FollowUpAction& a : acts) a.id.clear();
    InsertInteraction(st, n, acts);
    note = std::move(n);
    actions = std::move(acts);
    return;
  }
  Tx tx(st.db);
  std::optional<Interaction> cur = Get<Interaction>(st, note.id);
  if (!cur || cur->deleted()) throw RowNotFound("interaction " + note.id + ": no such row");
  Require(CanEditNote(session, *cur), "author_member_id", "only the author edits a note");
  Interaction n = note;
  n.author_member_id = cur->author_member_id;  // never moved to someone else
  n.organisation_id = cur->organisation_id;
  n.company_id = cur->company_id;
  Update(st, n);
  std::vector<FollowUpAction> acts = actions;
  std::vector<FollowUpAction> stored = ListActions(st, n.id);
  for (const FollowUpAction& old : stored) {
    bool kept = std::any_of(acts.begin(), acts.end(), [&](const FollowUpAction& a) { return a.id == old.id; });
    if (!kept) SoftDelete<FollowUpAction>(st, old.id);
  }
  for (FollowUpAction& a : acts) {
    a.interaction_id = n.id;
    bool exists = !a.id.empty() && std::any_of(stored.begin(), stored.end(), [&](const FollowUpAction& o) { return o.id == a.id; });
    if (exists) Update(st, a);
    else {
      a.id.clear();
      Insert(st, a);
    }
  }
  tx.Commit();
  note = std::move(n);
  actions = std::move(acts);
}

}  // namespace relais

namespace relais {
static std::unordered_map<std::string, uint64_t> g_note_commits;
void RememberNoteCommit(const std::string& note_id, uint64_t commit) { g_note_commits[note_id] = commit; }
uint64_t NoteCommit(const std::string& note_id) {
  auto it = g_note_commits.find(note_id);
  return it == g_note_commits.end() ? 0 : it->second;
}
}  // namespace relais
