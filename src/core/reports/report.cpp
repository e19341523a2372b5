// report.cpp — see report.h. Each figure is one aggregate statement over the
// filtered rows; the filter's parameters are the same in every statement:
//   ?1 ?2  the period as dates (YYYY-MM-DD, "" and "9999-12-31" when open)
//   ?3     the office id ("" any)
//   ?4     the organisation id ("" any)
//   ?5 ?6  the period as Paris ms, [start of from, start of the day after to)
#include "core/reports/report.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/model/casework.h"
#include "core/model/json.h"
#include "core/paris_time.h"

namespace relais::reports {

namespace {

constexpr int64_t kDayMs = 86400000;

// The office of each department: the first office (by id) listing it.
#define RELAIS_REPORT_DEPT                                                      \
  "dept AS (SELECT j.value AS code, min(o.id) AS office_id FROM offices AS o, " \
  "json_each(o.departments) AS j WHERE o.deleted_hlc IS NULL GROUP BY j.value)"

bool IsIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return IsoDate(DaysFromCivil(std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2)))) == s;
}

int64_t DayOf(const std::string& iso) {
  return DaysFromCivil(std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2)), std::stoi(iso.substr(8, 2)));
}

// Every statement binds all of them, so each one names every parameter
// (SQLite refuses a bind to a number the statement does not have): those a
// statement does not need appear as "?n IS NOT NULL".
struct Params {
  std::string from, to, office, organisation;
  int64_t from_ms, to_ms;
};

Params ParamsOf(const Filter& f) {
  Params p;
  p.from = f.from;
  p.to = f.to.empty() ? "9999-12-31" : f.to;
  p.office = f.office_id;
  p.organisation = f.organisation_id;
  p.from_ms = f.from.empty() ? std::numeric_limits<int64_t>::min() : ParisDayStartMs(f.from);
  // Up to the start of the day after `to` (23, 24 or 25 hours after its start).
  p.to_ms = f.to.empty() ? std::numeric_limits<int64_t>::max() : ParisDayStartMs(IsoDate(DayOf(f.to) + 1));
  return p;
}

Stmt Prepare(Store& st, const std::string& sql, const Params& p) {
  Stmt s = st.db.Prepare(sql);
  s.BindText(1, p.from).BindText(2, p.to).BindText(3, p.office).BindText(4, p.organisation);
  s.BindInt(5, p.from_ms).BindInt(6, p.to_ms);
  return s;
}

int I(const Stmt& s, int col) { return static_cast<int>(s.IsNull(col) ? 0 : s.Int(col)); }

// Case notes are the big table (20,000 rows at the demo's scale, each with
// its text), so they are read in one scan of the few columns the figures
// need, and rolled up here: six GROUP BY statements were six scans (about
// 250 ms natively on the demo dataset, against 20 ms for this).
void ReadNotes(Store& st, const Params& p, Report& r) {
  // Each live company's office (2,000 rows): the index of a company stands
  // for its id below.
  std::unordered_map<std::string, int> company_index;
  std::vector<std::string> company_office;
  {
    Stmt s = Prepare(st,
                     "WITH " RELAIS_REPORT_DEPT
                     "\n"
                     "SELECT c.id, coalesce(d.office_id, '') FROM companies AS c\n"
                     "LEFT JOIN dept AS d ON d.code = substr(c.postcode, 1, 2)\n"
                     "WHERE c.deleted_hlc IS NULL AND (?3 = '' OR d.office_id = ?3)\n"
                     "  AND ?1 IS NOT NULL AND ?2 IS NOT NULL AND ?4 IS NOT NULL AND ?5 IS NOT NULL AND ?6 IS NOT NULL",
                     p);
    while (s.Step()) {
      company_index.emplace(s.Text(0), static_cast<int>(company_office.size()));
      company_office.push_back(s.Text(1));
    }
  }

  // A group's activity, and the companies already counted in it.
  struct Group {
    Activity a;
    std::unordered_set<int> companies;
    void Add(int company, int services) {
      a.interactions++;
      a.services += services;
      if (companies.insert(company).second) a.companies++;
    }
  };
  Group total;
  std::map<std::string, Group> months, kinds, offices, organisations;
  std::unordered_map<std::string, Group> services;
  std::vector<std::string> tags;
  {
    Stmt s = Prepare(st,
                     "SELECT company_id, kind, substr(occurred_on, 1, 7), organisation_id, services FROM interactions\n"
                     "WHERE deleted_hlc IS NULL AND occurred_on >= ?1 AND occurred_on <= ?2\n"
                     "  AND (?4 = '' OR organisation_id = ?4)\n"
                     "  AND ?3 IS NOT NULL AND ?5 IS NOT NULL AND ?6 IS NOT NULL",
                     p);
    while (s.Step()) {
      auto company = company_index.find(s.Text(0));
      if (company == company_index.end()) continue;  // a deleted company, or one of another office
      const int c = company->second;
      if (!ParseJsonStringArray(s.Text(4), &tags)) tags.clear();
      const int n = static_cast<int>(tags.size());
      total.Add(c, n);
      kinds[s.Text(1)].Add(c, n);
      months[s.Text(2)].Add(c, n);
      organisations[s.Text(3)].Add(c, n);
      offices[company_office[c]].Add(c, n);
      for (const std::string& t : tags) services[t].Add(c, 1);
    }
  }
  r.totals = total.a;

  // Every month of the period, empty ones too: a chart shows the gaps.
  std::string first = r.filter.from, last = r.filter.to;
  if (first.empty() && !months.empty()) first = months.begin()->first;
  if (last.empty() && !months.empty()) last = months.rbegin()->first;
  if (!first.empty() && !last.empty())
    for (const std::string& m : MonthsBetween(first, last)) {
      auto it = months.find(m);
      r.by_month.push_back(ActivityRow{m, "", it == months.end() ? Activity() : it->second.a});
    }
  for (const char* k : {"visit", "call", "email", "event"}) {
    auto it = kinds.find(k);
    if (it != kinds.end()) r.by_kind.push_back(ActivityRow{k, "", it->second.a});
  }
  for (const auto& sv : services) r.by_service.push_back(ActivityRow{sv.first, "", sv.second.a});
  std::sort(r.by_service.begin(), r.by_service.end(), [](const ActivityRow& x, const ActivityRow& y) {
    if (x.activity.services != y.activity.services) return x.activity.services > y.activity.services;
    return x.key < y.key;
  });

  // Offices and organisations by name (tombstoned ones keep theirs: old notes name them).
  auto names = [&](const char* table) {
    std::unordered_map<std::string, std::string> out;
    Stmt s = st.db.Prepare(std::string("SELECT id, name FROM ") + table);
    while (s.Step()) out.emplace(s.Text(0), s.Text(1));
    return out;
  };
  auto rows = [](const std::map<std::string, Group>& groups, const std::unordered_map<std::string, std::string>& label,
                 std::vector<ActivityRow>* out) {
    for (const auto& g : groups) {
      auto name = label.find(g.first);
      out->push_back(ActivityRow{g.first, name == label.end() ? "" : name->second, g.second.a});
    }
    // Most notes first, then by name; the key "" (outside every office) last.
    std::sort(out->begin(), out->end(), [](const ActivityRow& x, const ActivityRow& y) {
      if (x.key.empty() != y.key.empty()) return y.key.empty();
      if (x.activity.interactions != y.activity.interactions) return x.activity.interactions > y.activity.interactions;
      return x.label < y.label;
    });
  };
  rows(offices, names("offices"), &r.by_office);
  rows(organisations, names("organisations"), &r.by_organisation);
}

void ReadUniversity(Store& st, const Params& p, Report& r) {
  // Present: marked present, or the older status "attended" not marked since.
  Stmt s = Prepare(
      st,
      "WITH g AS (SELECT co.theme AS theme, r.session_id AS session_id, r.status AS status,\n"
      "    r.attendance = 'present' OR (r.attendance IS NULL AND r.status = 'attended') AS present,\n"
      "    r.attendance = 'absent' AS absent\n"
      "  FROM registrations AS r JOIN course_sessions AS s ON s.id = r.session_id\n"
      "  JOIN courses AS co ON co.id = s.course_id LEFT JOIN members AS m ON m.id = r.member_id\n"
      "  WHERE r.deleted_hlc IS NULL AND s.deleted_hlc IS NULL AND co.deleted_hlc IS NULL\n"
      "    AND s.starts_at >= ?5 AND s.starts_at < ?6\n"
      "    AND (?3 = '' OR m.office_id = ?3) AND (?4 = '' OR m.organisation_id = ?4)\n"
      "    AND ?1 IS NOT NULL AND ?2 IS NOT NULL)\n"
      "SELECT theme, count(DISTINCT session_id), sum(status <> 'cancelled'),\n"
      "  sum(status IN ('confirmed', 'attended')), sum(status = 'waitlisted'), sum(status = 'requested'),\n"
      "  sum(status = 'cancelled'), sum(status <> 'cancelled' AND present), sum(status <> 'cancelled' AND absent)\n"
      "FROM g GROUP BY theme ORDER BY 3 DESC, theme",
      p);
  UniversityRow& t = r.university_total;
  while (s.Step()) {
    UniversityRow u;
    u.theme = s.Text(0);
    u.sessions = I(s, 1);
    u.registrations = I(s, 2);
    u.confirmed = I(s, 3);
    u.waitlisted = I(s, 4);
    u.requested = I(s, 5);
    u.cancelled = I(s, 6);
    u.present = I(s, 7);
    u.absent = I(s, 8);
    r.university.push_back(u);
    // A session has one course, so one theme: the rows add up to the total.
    t.sessions += u.sessions;
    t.registrations += u.registrations;
    t.confirmed += u.confirmed;
    t.waitlisted += u.waitlisted;
    t.requested += u.requested;
    t.cancelled += u.cancelled;
    t.present += u.present;
    t.absent += u.absent;
  }
}

void ReadDiagnoses(Store& st, const Params& p, Report& r) {
  // One scan of the responses (their scores come after the long answers
  // document, so reading them is the cost), kept for both parts: the overall
  // figures (part 0), then each theme's (part 1). json_extract of a score
  // that was not assessed is NULL: count() and avg() skip it.
  Stmt s = Prepare(
      st,
      "WITH " RELAIS_REPORT_DEPT
      ",\n"
      "g AS MATERIALIZED (SELECT q.template_id, q.scores FROM questionnaire_responses AS q\n"
      "  JOIN companies AS c ON c.id = q.company_id LEFT JOIN members AS m ON m.id = q.author_member_id\n"
      "  LEFT JOIN dept AS d ON d.code = substr(c.postcode, 1, 2)\n"
      "  WHERE q.deleted_hlc IS NULL AND c.deleted_hlc IS NULL AND q.status = 'completed'\n"
      "    AND q.completed_at >= ?5 AND q.completed_at < ?6\n"
      "    AND (?3 = '' OR d.office_id = ?3) AND (?4 = '' OR m.organisation_id = ?4)\n"
      "    AND ?1 IS NOT NULL AND ?2 IS NOT NULL)\n"
      "SELECT 0, '', '', count(*), count(json_extract(scores, '$.overall')), avg(json_extract(scores, '$.overall')),\n"
      "  0 FROM g\n"
      "UNION ALL\n"
      "SELECT 1, g.template_id, json_extract(t.value, '$.id') AS theme, 0, count(json_extract(t.value, '$.score')),\n"
      "  avg(json_extract(t.value, '$.score')), min(t.key)\n"
      "FROM g, json_each(g.scores, '$.themes') AS t GROUP BY g.template_id, theme\n"
      "ORDER BY 1, 2, 7",
      p);
  while (s.Step()) {
    const double average = s.IsNull(5) ? 0 : s.Double(5);
    if (s.Int(0) == 0) {
      r.diagnoses = I(s, 3);
      r.overall_assessed = I(s, 4);
      r.overall_average = average;
      continue;
    }
    ThemeAverage a;
    a.template_id = s.Text(1);
    a.theme_id = s.Text(2);
    a.assessed = I(s, 4);
    a.average = average;
    r.diagnosis_themes.push_back(a);
  }
}

void ReadReferrals(Store& st, const Params& p, int64_t now_ms, Report& r) {
  Stmt s =
      Prepare(st,
              "WITH " RELAIS_REPORT_DEPT
              "\n"
              "SELECT f.status, count(*), sum(f.status = 'sent' AND ?7 - f.sent_at >= ?8),\n"
              "  count(coalesce(f.accepted_at, f.declined_at)),\n"
              "  sum(coalesce(f.accepted_at, f.declined_at) - f.sent_at)\n"
              "FROM referrals AS f JOIN companies AS c ON c.id = f.company_id\n"
              "LEFT JOIN members AS mf ON mf.id = f.from_member_id LEFT JOIN members AS mt ON mt.id = f.to_member_id\n"
              "LEFT JOIN dept AS d ON d.code = substr(c.postcode, 1, 2)\n"
              "WHERE f.deleted_hlc IS NULL AND c.deleted_hlc IS NULL AND f.sent_at >= ?5 AND f.sent_at < ?6\n"
              "  AND (?3 = '' OR d.office_id = ?3)\n"
              "  AND (?4 = '' OR mf.organisation_id = ?4 OR mt.organisation_id = ?4)\n"
              "  AND ?1 IS NOT NULL AND ?2 IS NOT NULL\n"
              "GROUP BY f.status",
              p);
  s.BindInt(7, now_ms).BindInt(8, kReferralReminderMs);
  ReferralOutcomes& o = r.referrals;
  double answer_ms = 0;
  while (s.Step()) {
    const std::string status = s.Text(0);
    const int n = I(s, 1);
    o.total += n;
    if (status == "sent") o.sent = n;
    if (status == "accepted") o.accepted = n;
    if (status == "declined") o.declined = n;
    if (status == "done") o.done = n;
    o.to_chase += I(s, 2);
    o.answered += I(s, 3);
    answer_ms += s.IsNull(4) ? 0 : s.Double(4);
  }
  o.average_answer_days = o.answered ? answer_ms / o.answered / kDayMs : 0;
}

#undef RELAIS_REPORT_DEPT

}  // namespace

int64_t ParisDayStartMs(const std::string& iso) {
  const int64_t day = DayOf(iso);
  // Paris midnight is 22:00 or 23:00 UTC the day before; summer time changes
  // at 01:00 UTC, so the offset two hours before midnight UTC is the one in force.
  const int64_t utc_midnight = day * kDayMs;
  return utc_midnight - int64_t(ParisOffsetMinutes(utc_midnight - 2 * 3600000)) * 60000;
}

std::vector<std::string> MonthsBetween(const std::string& from, const std::string& to) {
  std::vector<std::string> out;
  if (from.size() < 7 || to.size() < 7) return out;
  int y = std::stoi(from.substr(0, 4)), m = std::stoi(from.substr(5, 2));
  const int ly = std::stoi(to.substr(0, 4)), lm = std::stoi(to.substr(5, 2));
  // (Bounded: a mistyped year must not make a million rows.)
  while ((y < ly || (y == ly && m <= lm)) && out.size() < 600) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    out.push_back(buf);
    if (++m > 12) m = 1, y++;
  }
  return out;
}

std::string MonthFirstDay(const std::string& month) { return month.substr(0, 7) + "-01"; }

std::string MonthLastDay(const std::string& month) {
  int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2));
  return IsoDate(DaysFromCivil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1);
}

Filter PeriodRange(Period p, const std::string& today) {
  Filter f;
  const int y = std::stoi(today.substr(0, 4)), m = std::stoi(today.substr(5, 2));
  char buf[16];
  auto month = [&](int year, int mon) {
    while (mon < 1) mon += 12, year--;
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, mon);
    return std::string(buf);
  };
  switch (p) {
    case Period::Last12Months:
      f.from = MonthFirstDay(month(y, m - 11));
      f.to = today;
      break;
    case Period::ThisMonth:
      f.from = MonthFirstDay(month(y, m));
      f.to = MonthLastDay(month(y, m));
      break;
    case Period::LastMonth:
      f.from = MonthFirstDay(month(y, m - 1));
      f.to = MonthLastDay(month(y, m - 1));
      break;
    case Period::ThisYear:
      f.from = std::to_string(y) + "-01-01";
      f.to = std::to_string(y) + "-12-31";
      break;
    case Period::LastYear:
      f.from = std::to_string(y - 1) + "-01-01";
      f.to = std::to_string(y - 1) + "-12-31";
      break;
    case Period::All:
    case Period::Custom:
      break;
  }
  return f;
}

Report ComputeReport(Store& st, const Filter& f, int64_t now_ms) {
  Require(f.from.empty() || IsIsoDate(f.from), "from", "not a date: " + f.from);
  Require(f.to.empty() || IsIsoDate(f.to), "to", "not a date: " + f.to);
  Report r;
  r.filter = f;
  const Params p = ParamsOf(f);
  ReadNotes(st, p, r);
  ReadUniversity(st, p, r);
  ReadDiagnoses(st, p, r);
  ReadReferrals(st, p, now_ms, r);
  return r;
}

}  // namespace relais::reports
