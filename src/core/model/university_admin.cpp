// university_admin.cpp — see university_admin.h.
#include "core/model/university_admin.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <unordered_map>

#include "core/paris_time.h"
#include "core/search/fold.h"

namespace relais {

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// Reads digits at i (at most max_digits); -1 when there are none.
int Digits(const std::string& s, size_t* i, size_t max_digits = 4) {
  size_t start = *i;
  int v = 0;
  while (*i < s.size() && std::isdigit(static_cast<unsigned char>(s[*i])) && *i - start < max_digits)
    v = v * 10 + (s[(*i)++] - '0');
  return *i == start ? -1 : v;
}

// Skips spaces, including the no-break ones French typography puts around "h".
void Spaces(const std::string& s, size_t* i) {
  for (;;) {
    if (*i < s.size() && (s[*i] == ' ' || s[*i] == '\t')) {
      (*i)++;
    } else if (s.compare(*i, 2, "\xC2\xA0") == 0) {
      *i += 2;
    } else if (s.compare(*i, 3, "\xE2\x80\xAF") == 0) {
      *i += 3;
    } else {
      return;
    }
  }
}

bool Eat(const std::string& s, size_t* i, const char* word) {
  size_t n = std::char_traits<char>::length(word);
  if (s.size() - *i < n) return false;
  for (size_t k = 0; k < n; k++)
    if (std::tolower(static_cast<unsigned char>(s[*i + k])) != word[k]) return false;
  *i += n;
  return true;
}

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<int> ParseDurationMinutes(const std::string& text) {
  const std::string s = Trim(text);
  size_t i = 0;
  int first = Digits(s, &i);
  if (first < 0) return std::nullopt;
  Spaces(s, &i);
  if (i == s.size()) return first;  // minutes
  if (Eat(s, &i, "min")) {
    Spaces(s, &i);
    return i == s.size() ? std::optional<int>(first) : std::nullopt;
  }
  if (!Eat(s, &i, "h") && !Eat(s, &i, ":")) return std::nullopt;
  Spaces(s, &i);
  int minutes = 0;
  if (i < s.size()) {
    minutes = Digits(s, &i, 2);
    if (minutes < 0 || minutes >= 60) return std::nullopt;
    Spaces(s, &i);
    Eat(s, &i, "min");
    Spaces(s, &i);
    if (i != s.size()) return std::nullopt;
  }
  return first * 60 + minutes;
}

std::string FormatDurationMinutes(int minutes) {
  char buf[32];
  if (minutes < 60) {
    std::snprintf(buf, sizeof buf, "%d min", minutes);
  } else if (minutes % 60 == 0) {
    std::snprintf(buf, sizeof buf, "%d h", minutes / 60);
  } else {
    std::snprintf(buf, sizeof buf, "%d h %02d", minutes / 60, minutes % 60);
  }
  return buf;
}

std::optional<DayInput> ParseDay(const std::string& text) {
  const std::string s = Trim(text);
  size_t i = 0;
  int a = Digits(s, &i);
  if (a < 0 || i >= s.size()) return std::nullopt;
  char sep = s[i++];
  if (sep != '/' && sep != '-' && sep != '.') return std::nullopt;
  int b = Digits(s, &i, 2);
  if (b < 0 || i >= s.size() || s[i++] != sep) return std::nullopt;
  int c = Digits(s, &i);
  if (c < 0 || i != s.size()) return std::nullopt;
  DayInput d;
  if (a >= 1000) {
    d = {a, b, c};  // ISO: 2026-12-01
  } else {
    d = {c, b, a};  // French: 01/12/2026
  }
  if (d.year < 2000 || d.year > 2200 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > DaysInMonth(d.year, d.month))
    return std::nullopt;
  return d;
}

std::optional<int> ParseClock(const std::string& text) {
  const std::string s = Trim(text);
  size_t i = 0;
  int h = Digits(s, &i, 2);
  if (h < 0 || h > 23) return std::nullopt;
  Spaces(s, &i);
  if (i == s.size()) return h * 60;
  if (!Eat(s, &i, "h") && !Eat(s, &i, ":")) return std::nullopt;
  Spaces(s, &i);
  if (i == s.size()) return h * 60;
  int m = Digits(s, &i, 2);
  if (m < 0 || m > 59) return std::nullopt;
  Spaces(s, &i);
  return i == s.size() ? std::optional<int>(h * 60 + m) : std::nullopt;
}

int64_t ParisToUtcMs(const DayInput& day, int minute_of_day) {
  const int64_t local = DaysFromCivil(day.year, day.month, day.day) * 86400000LL + minute_of_day * 60000LL;
  for (int offset : {120, 60}) {  // summer time first: the first of two 02:30 in October
    int64_t utc = local - offset * 60000LL;
    if (ParisOffsetMinutes(utc) == offset) return utc;
  }
  return local - 60 * 60000LL;  // in the spring gap: read as winter time, an hour later on the clock
}

std::string DayText(int64_t utc_ms) {
  CivilTime c = ParisCivil(utc_ms);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", c.day, c.month, c.year);
  return buf;
}

std::string ClockText(int64_t utc_ms) {
  CivilTime c = ParisCivil(utc_ms);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", c.hour, c.minute);
  return buf;
}

// --- courses -----------------------------------------------------------------

std::vector<FieldIssue> CheckCourseForm(const CourseForm& f) {
  std::vector<FieldIssue> out;
  const std::string title = Trim(f.title);
  if (title.empty()) out.push_back({"title", CourseIssue::TitleMissing});
  else if (title.size() > kCourseTitleMax) out.push_back({"title", CourseIssue::TitleTooLong});
  if (Trim(f.theme).empty()) out.push_back({"theme", CourseIssue::ThemeMissing});
  if (f.level != "intro" && f.level != "workshop" && f.level != "study_visit")
    out.push_back({"level", CourseIssue::LevelUnknown});
  if (Trim(f.duration).empty()) {
    out.push_back({"duration", CourseIssue::DurationMissing});
  } else {
    std::optional<int> d = ParseDurationMinutes(f.duration);
    if (!d || *d <= 0) out.push_back({"duration", CourseIssue::DurationUnreadable});
    else if (*d > kCourseDurationMaxMinutes) out.push_back({"duration", CourseIssue::DurationTooLong});
  }
  if (f.description.size() > kCourseDescriptionMax) out.push_back({"description", CourseIssue::DescriptionTooLong});
  return out;
}

CourseForm FormOf(const Course& c) {
  CourseForm f;
  f.title = c.title;
  f.theme = c.theme;
  f.level = c.level;
  f.description = c.description;
  f.duration = c.duration_minutes > 0 ? FormatDurationMinutes(c.duration_minutes) : "";
  return f;
}

Course SaveCourse(Store& st, const std::string& id, const CourseForm& f) {
  std::vector<FieldIssue> issues = CheckCourseForm(f);
  if (!issues.empty()) throw ValidationError(issues[0].field, "formulaire de formation incomplet");
  Course c;
  if (!id.empty()) {
    std::optional<Course> stored = Get<Course>(st, id);
    if (!stored || stored->deleted()) throw RowNotFound("course " + id);
    c = *stored;
  }
  c.title = Trim(f.title);
  c.theme = Trim(f.theme);
  c.level = f.level;
  c.description = Trim(f.description);
  c.duration_minutes = *ParseDurationMinutes(f.duration);
  if (id.empty()) Insert(st, c);
  else Update(st, c);  // only the columns that changed go to the outbox
  return c;
}

Course SetCourseActive(Store& st, const std::string& id, bool active) {
  std::optional<Course> c = Get<Course>(st, id);
  if (!c || c->deleted()) throw RowNotFound("course " + id);
  c->active = active;
  Update(st, *c);
  return *c;
}

std::vector<CourseAdminLine> ListCoursesAdmin(Store& st, const CourseAdminFilter& f, int64_t now_ms) {
  // Per course, over its sessions to come: how many, the next, seats, and
  // the seats held and waiting by the registrations the device holds (staff
  // devices hold them all).
  std::unordered_map<std::string, CourseAdminLine> counts;
  Stmt q = st.db.Prepare(
      "SELECT s.course_id, count(*), min(s.starts_at), sum(s.seats), "
      "  sum((SELECT count(*) FROM registrations r WHERE r.session_id = s.id AND r.deleted_hlc IS NULL "
      "       AND r.status IN ('confirmed', 'attended'))), "
      "  sum((SELECT count(*) FROM registrations r WHERE r.session_id = s.id AND r.deleted_hlc IS NULL "
      "       AND r.status = 'waitlisted')) "
      "FROM course_sessions s WHERE s.deleted_hlc IS NULL AND s.starts_at >= ? GROUP BY s.course_id");
  q.BindInt(1, now_ms);
  while (q.Step()) {
    CourseAdminLine& l = counts[q.Text(0)];
    l.upcoming = static_cast<int>(q.Int(1));
    l.next_start = q.Int(2);
    l.seats = static_cast<int>(q.Int(3));
    l.filled = static_cast<int>(q.Int(4));
    l.waitlisted = static_cast<int>(q.Int(5));
  }
  std::vector<std::string> words;
  {
    std::string folded = search::FoldWords(f.text);
    size_t i = 0;
    while (i < folded.size()) {
      size_t j = folded.find(' ', i);
      if (j == std::string::npos) j = folded.size();
      if (j > i) words.push_back(folded.substr(i, j - i));
      i = j + 1;
    }
  }
  std::vector<CourseAdminLine> out;
  for (const Course& c : List<Course>(st)) {
    if (!f.theme.empty() && c.theme != f.theme) continue;
    if (!f.level.empty() && c.level != f.level) continue;
    if (f.status == CourseAdminFilter::Status::Active && !c.active) continue;
    if (f.status == CourseAdminFilter::Status::Withdrawn && c.active) continue;
    if (!words.empty()) {
      const std::string hay = " " + search::FoldWords(c.title + " " + c.theme + " " + c.description);
      bool all = true;
      for (const std::string& w : words) all = all && hay.find(" " + w) != std::string::npos;  // word prefixes
      if (!all) continue;
    }
    CourseAdminLine l;
    auto it = counts.find(c.id);
    if (it != counts.end()) l = it->second;
    l.course = c;
    out.push_back(std::move(l));
  }
  return out;
}

// --- sessions ----------------------------------------------------------------

std::vector<SessionFieldIssue> CheckSessionForm(const SessionForm& f, int confirmed) {
  std::vector<SessionFieldIssue> out;
  std::optional<DayInput> day = ParseDay(f.day), last = day;
  if (Trim(f.day).empty()) out.push_back({"day", SessionIssue::DayMissing});
  else if (!day) out.push_back({"day", SessionIssue::DayUnreadable});
  std::optional<int> start = ParseClock(f.start), end = ParseClock(f.end);
  if (!start) out.push_back({"start", SessionIssue::StartUnreadable});
  if (!end) out.push_back({"end", SessionIssue::EndUnreadable});
  if (!Trim(f.last_day).empty()) {
    last = ParseDay(f.last_day);
    if (!last) out.push_back({"last_day", SessionIssue::LastDayUnreadable});
  }
  if (day && last && start && end) {
    int64_t a = ParisToUtcMs(*day, *start), b = ParisToUtcMs(*last, *end);
    if (b <= a) out.push_back({"end", SessionIssue::EndNotAfterStart});
    else if (b - a > int64_t(kCourseDurationMaxMinutes) * 60000) out.push_back({"last_day", SessionIssue::TooLong});
  }
  if (Trim(f.place).empty()) out.push_back({"place", SessionIssue::PlaceMissing});
  const std::string seats = Trim(f.seats);
  size_t i = 0;
  bool negative = !seats.empty() && seats[0] == '-';
  if (negative) i = 1;
  int n = Digits(seats, &i, 5);
  if (n < 0 || i != seats.size()) out.push_back({"seats", SessionIssue::SeatsUnreadable});
  else if (negative && n > 0) out.push_back({"seats", SessionIssue::SeatsNegative});
  else if (n > kSessionSeatsMax) out.push_back({"seats", SessionIssue::SeatsTooMany});
  else if (confirmed >= 0 && n < confirmed) out.push_back({"seats", SessionIssue::SeatsBelowConfirmed});
  return out;
}

SessionForm FormOf(const CourseSession& s) {
  SessionForm f;
  f.day = DayText(s.starts_at);
  f.start = ClockText(s.starts_at);
  f.end = ClockText(s.ends_at);
  std::string last = DayText(s.ends_at);
  if (last != f.day) f.last_day = last;
  f.place = s.place;
  f.trainer = s.trainer;
  f.seats = std::to_string(s.seats);
  return f;
}

CourseSession SaveSession(Store& st, const std::string& id, const std::string& course_id, const SessionForm& f) {
  CourseSession s;
  if (!id.empty()) {
    std::optional<CourseSession> stored = Get<CourseSession>(st, id);
    if (!stored || stored->deleted()) throw RowNotFound("session " + id);
    s = *stored;  // seats_taken as stored: Update leaves it out of the outbox
  } else {
    std::optional<Course> c = Get<Course>(st, course_id);
    if (!c || c->deleted()) throw RowNotFound("course " + course_id);
    s.course_id = course_id;
  }
  std::vector<SessionFieldIssue> issues = CheckSessionForm(f, id.empty() ? -1 : ConfirmedCount(st, id));
  if (!issues.empty()) throw ValidationError(issues[0].field, "formulaire de session incomplet");
  DayInput day = *ParseDay(f.day), last = Trim(f.last_day).empty() ? day : *ParseDay(f.last_day);
  s.starts_at = ParisToUtcMs(day, *ParseClock(f.start));
  s.ends_at = ParisToUtcMs(last, *ParseClock(f.end));
  s.place = Trim(f.place);
  s.trainer = Trim(f.trainer);
  s.seats = std::stoi(Trim(f.seats));
  if (id.empty()) Insert(st, s);
  else Update(st, s);
  return s;
}

std::vector<SessionAdminLine> CourseSessionsAdmin(Store& st, const std::string& course_id) {
  std::vector<SessionAdminLine> out;
  for (const CourseSession& s : ListSessions(st, course_id)) {
    SessionAdminLine l;
    l.session = s;
    Stmt q = st.db.Prepare(
        "SELECT status, count(*) FROM registrations WHERE session_id = ? AND deleted_hlc IS NULL GROUP BY status");
    q.BindText(1, s.id);
    while (q.Step()) {
      const std::string status = q.Text(0);
      int n = static_cast<int>(q.Int(1));
      if (status == "confirmed" || status == "attended") l.confirmed += n;
      else if (status == "waitlisted") l.waitlisted += n;
      else if (status == "requested") l.pending += n;
      else if (status == "cancelled") l.cancelled += n;
    }
    out.push_back(std::move(l));
  }
  return out;
}

// --- a session's registrations ----------------------------------------------

Roster SessionRoster(Store& st, const std::string& session_id) {
  Roster out;
  std::unordered_map<std::string, std::pair<std::string, std::string>> names;  // member -> name, e-mail
  std::unordered_map<std::string, std::string> orgs;                           // member -> organisation
  Stmt q = st.db.Prepare(
      "SELECT m.id, trim(m.first_name || ' ' || m.last_name), m.email, coalesce(o.name, '') FROM members m "
      "LEFT JOIN organisations o ON o.id = m.organisation_id WHERE m.id IN "
      "(SELECT member_id FROM registrations WHERE session_id = ? AND member_id IS NOT NULL)");
  q.BindText(1, session_id);
  while (q.Step()) {
    names[q.Text(0)] = {q.Text(1), q.Text(2)};
    orgs[q.Text(0)] = q.Text(3);
  }
  for (const Registration& r : ListRegistrations(st, session_id)) {
    RosterEntry e;
    e.reg = r;
    if (r.member_id) {
      auto it = names.find(*r.member_id);
      if (it != names.end()) e.name = it->second.first, e.email = it->second.second;
      e.organisation = orgs[*r.member_id];
    }
    if (e.name.empty()) e.name = r.trainee_name;
    if (!r.trainee_email.empty()) e.email = r.trainee_email;
    if (e.name.empty()) e.name = e.email;
    if (r.status == "confirmed" || r.status == "attended") out.confirmed.push_back(std::move(e));
    else if (r.status == "waitlisted") out.waitlist.push_back(std::move(e));
    else if (r.status == "cancelled") out.cancelled.push_back(std::move(e));
    else out.pending.push_back(std::move(e));
  }
  // ListRegistrations is by request time: pending and cancelled stay so.
  std::stable_sort(out.confirmed.begin(), out.confirmed.end(),
                   [](const RosterEntry& a, const RosterEntry& b) { return a.name < b.name; });
  // The server's line: position, then arrival (sync-server/seats.cpp).
  std::stable_sort(out.waitlist.begin(), out.waitlist.end(), [](const RosterEntry& a, const RosterEntry& b) {
    int64_t pa = a.reg.waitlist_position.value_or(INT64_MAX), pb = b.reg.waitlist_position.value_or(INT64_MAX);
    return pa != pb ? pa < pb : a.reg.created_hlc < b.reg.created_hlc;
  });
  return out;
}

int ConfirmedCount(Store& st, const std::string& session_id) {
  return static_cast<int>(st.db
                              .QueryInt("SELECT count(*) FROM registrations WHERE session_id = ? AND deleted_hlc IS "
                                        "NULL AND status IN ('confirmed', 'attended')",
                                        session_id)
                              .value_or(0));
}

bool LooksLikeEmail(const std::string& s) {
  size_t at = s.find('@');
  if (at == std::string::npos || at == 0 || s.find('@', at + 1) != std::string::npos) return false;
  size_t dot = s.find('.', at + 2);
  if (dot == std::string::npos || dot + 1 >= s.size()) return false;
  for (char c : s)
    if (c == ' ' || c == '\t' || c == ',' || c == ';' || c == '<' || c == '>') return false;
  return true;
}

std::optional<RegisterIssue> CheckRegisterOnBehalf(Store& st, const std::string& session_id,
                                                   const std::string& member_id, const std::string& name,
                                                   const std::string& email) {
  const std::string mail = Trim(email);
  if (member_id.empty()) {
    if (Trim(name).empty() && mail.empty()) return RegisterIssue::NobodyChosen;
    if (Trim(name).empty()) return RegisterIssue::NameMissing;
    if (!LooksLikeEmail(mail)) return RegisterIssue::EmailInvalid;
  } else if (!mail.empty() && !LooksLikeEmail(mail)) {
    return RegisterIssue::EmailInvalid;
  }
  // The server refuses a second live registration of the same person (and
  // with it the whole push): said here first.
  int64_t same =
      member_id.empty()
          ? st.db
                .QueryInt("SELECT count(*) FROM registrations WHERE session_id = ? AND deleted_hlc IS NULL AND "
                          "status <> 'cancelled' AND member_id IS NULL AND lower(trainee_email) = lower(?)",
                          session_id, mail)
                .value_or(0)
          : st.db
                .QueryInt("SELECT count(*) FROM registrations WHERE session_id = ? AND deleted_hlc IS NULL AND "
                          "status <> 'cancelled' AND member_id = ?",
                          session_id, member_id)
                .value_or(0);
  if (same > 0) return RegisterIssue::AlreadyRegistered;
  return std::nullopt;
}

Registration RegisterOnBehalf(Store& st, const std::string& session_id, const std::string& member_id,
                              const std::string& name, const std::string& email) {
  if (std::optional<RegisterIssue> issue = CheckRegisterOnBehalf(st, session_id, member_id, name, email))
    throw ValidationError(*issue == RegisterIssue::AlreadyRegistered ? "member_id" : "trainee_email",
                          "inscription impossible");
  std::optional<CourseSession> s = Get<CourseSession>(st, session_id);
  if (!s || s->deleted()) throw RowNotFound("session " + session_id);
  Registration r;
  r.session_id = session_id;
  if (!member_id.empty()) {
    if (st.db.QueryInt("SELECT count(*) FROM members WHERE id = ? AND deleted_hlc IS NULL", member_id).value_or(0) == 0)
      throw ValidationError("member_id", "membre inconnu");
    r.member_id = member_id;
  }
  r.trainee_name = Trim(name);
  r.trainee_email = Trim(email);
  RequestRegistration(st, r);
  return r;
}

}  // namespace relais
