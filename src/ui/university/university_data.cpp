// university_data.cpp — see university_data.h.
#include "ui/university/university_data.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "core/ics.h"
#include "core/paris_time.h"
#include "core/search/search.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"

namespace relais {

std::vector<std::string> CourseThemes(Store& st) {
  std::vector<std::string> out;
  Stmt s = st.db.Prepare(
      "SELECT DISTINCT theme FROM courses WHERE deleted_hlc IS NULL AND theme <> '' ORDER BY theme COLLATE NOCASE");
  while (s.Step()) out.push_back(s.Text(0));
  return out;
}

std::vector<CourseLine> QueryCourses(Store& st, const CourseFilter& f, int64_t now_ms) {
  std::vector<Course> courses = List<Course>(st);
  // Next session and count of those to come, per course, in one query.
  std::unordered_map<std::string, std::pair<int, int64_t>> next;
  Stmt s = st.db.Prepare(
      "SELECT course_id, count(*), min(starts_at) FROM course_sessions WHERE deleted_hlc IS NULL AND starts_at >= ? "
      "GROUP BY course_id");
  s.BindInt(1, now_ms);
  while (s.Step()) next[s.Text(0)] = {static_cast<int>(s.Int(1)), s.Int(2)};

  auto keep = [&](const Course& c) {
    if (!c.active) return false;  // withdrawn by the staff: out of the catalogue
    if (!f.theme.empty() && c.theme != f.theme) return false;
    if (f.step && StepOf(c) != *f.step) return false;
    if (f.elected && !InElectedTrack(c)) return false;
    return true;
  };
  auto line = [&](const Course& c) {
    CourseLine l;
    l.course = c;
    auto it = next.find(c.id);
    if (it != next.end()) l.upcoming = it->second.first, l.next_start = it->second.second;
    return l;
  };
  std::vector<CourseLine> out;
  bool searching = f.text.find_first_not_of(" \t") != std::string::npos;
  if (!searching) {
    for (const Course& c : courses)
      if (keep(c)) out.push_back(line(c));
    return out;
  }
  std::unordered_map<std::string, const Course*> by_id;
  for (const Course& c : courses) by_id[c.id] = &c;
  for (const search::SearchHit& h :
       search::Search(st.db, f.text, search::SearchScope::Only(search::SearchKind::Course), search::kMaxLimit)) {
    auto it = by_id.find(h.id);
    if (it != by_id.end() && keep(*it->second)) out.push_back(line(*it->second));
  }
  return out;
}

namespace {

std::string CourseTitle(Store& st, const std::string& course_id) {
  return st.db.QueryText("SELECT title FROM courses WHERE id = ?", course_id).value_or("");
}

std::optional<Registration> MyRegistration(Store& st, const std::string& session_id, const std::string& member_id) {
  if (member_id.empty()) return std::nullopt;
  std::vector<Registration> r =
      List<Registration>(st, "session_id = ? AND member_id = ? AND status <> 'cancelled'", session_id, member_id);
  if (r.empty()) return std::nullopt;
  return r.back();  // the latest request
}

bool Promoted(Store& st, const std::string& reg_id) {
  return st.db.QueryInt("SELECT count(*) FROM sync_state WHERE key = ?", "univ.promoted." + reg_id).value_or(0) > 0;
}

SessionLine MakeLine(Store& st, const CourseSession& s, const std::string& member_id) {
  SessionLine l;
  l.session = s;
  l.course_title = CourseTitle(st, s.course_id);
  l.seats_left = SeatsLeft(st, s);
  l.mine = MyRegistration(st, s.id, member_id);
  l.promoted = l.mine && l.mine->status == "confirmed" && Promoted(st, l.mine->id);
  return l;
}

}  // namespace

std::vector<SessionLine> CourseSessionLines(Store& st, const std::string& course_id, const std::string& member_id) {
  std::vector<SessionLine> out;
  for (const CourseSession& s : ListSessions(st, course_id)) out.push_back(MakeLine(st, s, member_id));
  return out;
}

std::vector<SessionLine> AgendaLines(Store& st, int64_t now_ms, const std::string& member_id, int limit) {
  std::vector<SessionLine> out;
  for (const CourseSession& s : UpcomingSessions(st, now_ms, limit)) out.push_back(MakeLine(st, s, member_id));
  return out;
}

std::vector<SessionLine> MySchedule(Store& st, const std::string& member_id, int64_t now_ms, bool past) {
  std::vector<SessionLine> out;
  for (const Registration& r : ListRegistrationsOf(st, member_id)) {
    std::optional<CourseSession> s = Get<CourseSession>(st, r.session_id);
    if (!s || s->deleted()) continue;
    if ((s->ends_at < now_ms) != past) continue;
    SessionLine l = MakeLine(st, *s, member_id);
    if (!l.mine || l.mine->id != r.id) l.mine = r;
    out.push_back(std::move(l));
  }
  std::sort(out.begin(), out.end(), [past](const SessionLine& a, const SessionLine& b) {
    return past ? a.session.starts_at > b.session.starts_at : a.session.starts_at < b.session.starts_at;
  });
  return out;
}

std::optional<SessionLine> SessionById(Store& st, const std::string& session_id, const std::string& member_id) {
  std::optional<CourseSession> s = Get<CourseSession>(st, session_id);
  if (!s || s->deleted()) return std::nullopt;
  return MakeLine(st, *s, member_id);
}

Registration RegisterForSession(Store& st, const SessionInfo& session, const std::string& session_id) {
  Registration r;
  r.session_id = session_id;
  r.member_id = session.member_id;
  r.trainee_name = session.display_name;
  RequestRegistration(st, r);
  return r;
}

std::vector<Registrant> SessionRegistrants(Store& st, const std::string& session_id) {
  std::vector<Registrant> out;
  for (const Registration& r : ListRegistrations(st, session_id)) {
    if (r.status != "confirmed" && r.status != "attended") continue;
    Registrant g;
    g.reg = r;
    g.name = r.member_id ? MemberName(st, *r.member_id) : "";
    if (g.name.empty()) g.name = r.trainee_name.empty() ? r.trainee_email : r.trainee_name;
    out.push_back(std::move(g));
  }
  std::sort(out.begin(), out.end(), [](const Registrant& a, const Registrant& b) { return a.name < b.name; });
  return out;
}

bool CanMarkAttendance(const SessionInfo& session) {
  return session.role == "office_staff" || session.role == "admin";
}

std::string SessionIcs(Store& st, const std::string& session_id, const std::string& status, int64_t now_ms) {
  std::optional<CourseSession> s = Get<CourseSession>(st, session_id);
  if (!s) return "";
  std::optional<Course> c = Get<Course>(st, s->course_id);
  IcsSession is{s->id, s->starts_at, s->ends_at, s->place, s->trainer, c ? c->title : "", c ? c->description : ""};
  IcsEvent e = UniversitySessionEvent(is, status);
  return IcsCalendar(e.summary, {e}, now_ms);
}

void NoteRegistrationStatuses(Store& st) {
  Tx tx(st.db);
  // Confirmed now, waitlisted when last seen: promoted.
  st.db.Exec(
      "INSERT OR IGNORE INTO sync_state(key, value) SELECT 'univ.promoted.' || r.id, '1' FROM registrations AS r "
      "JOIN sync_state AS s ON s.key = 'univ.seen.' || r.id WHERE s.value = 'waitlisted' AND r.status = 'confirmed'");
  st.db.Exec(
      "INSERT INTO sync_state(key, value) SELECT 'univ.seen.' || id, status FROM registrations WHERE true "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE value <> excluded.value");
  tx.Commit();
}

std::string SessionDay(int64_t utc_ms, Lang lang) {
  static const char* const kDaysFr[] = {"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"};
  static const char* const kDaysEn[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  CivilTime c = ParisCivil(utc_ms);
  int64_t days = DaysFromCivil(c.year, c.month, c.day);
  int weekday = static_cast<int>(((days + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
  return std::string(lang == Lang::Fr ? kDaysFr[weekday] : kDaysEn[weekday]) + " " +
         FormatDate(c.year, c.month, c.day, lang);
}

std::string SessionHours(int64_t start_ms, int64_t end_ms, Lang lang) {
  auto hm = [lang](int64_t ms) {
    CivilTime c = ParisCivil(ms);
    char buf[16];
    if (lang == Lang::Fr)
      std::snprintf(buf, sizeof buf, "%d\xC2\xA0h\xC2\xA0%02d", c.hour, c.minute);
    else
      std::snprintf(buf, sizeof buf, "%d:%02d", c.hour, c.minute);
    return std::string(buf);
  };
  std::string out = hm(start_ms) + " \xE2\x80\x93 " + hm(end_ms);
  if (ParisCivil(start_ms).day != ParisCivil(end_ms).day) out += " (+" + std::string(lang == Lang::Fr ? "j" : "d") + ")";
  return out;
}

}  // namespace relais
