// University management on the device (core/model/university_admin.h): what
// staff type (durations, dates and times in Paris), the course and session
// forms' validation, their saves (one outbox entry each, only the changed
// columns, never the server's seats_taken), withdrawn courses leaving the
// trainees' catalogue, the staff list's counts, a session's roster in the
// server's order, and registrations made on someone's behalf.
#include <catch2/catch.hpp>

#include <string>

#include "core/model/directory.h"
#include "core/model/store.h"
#include "core/model/university.h"
#include "core/model/university_admin.h"
#include "core/paris_time.h"

using namespace relais;

namespace {

constexpr int64_t kNow = 1795000000000;  // 2026-11-18

struct Admin {
  Store st;
  Member lea, tom;
  Organisation org;

  Admin() {
    StoreOptions o;
    o.now_ms = [] { return kNow; };
    st = OpenStore(":memory:", o);
    st.author_id = "user-sophie";
    org.name = "CCI Centre";
    Insert(st, org);
    lea.first_name = "Léa";
    lea.last_name = "Bernard";
    lea.email = "lea@cci.example";
    lea.organisation_id = org.id;
    Insert(st, lea);
    tom.first_name = "Tom";
    tom.last_name = "Leroy";
    tom.organisation_id = org.id;
    Insert(st, tom);
  }
  CourseForm Form(const std::string& title = "Exporter en Allemagne") {
    CourseForm f;
    f.title = title;
    f.theme = "export";
    f.level = "workshop";
    f.description = "Les bases.";
    f.duration = "3 h 30";
    return f;
  }
  SessionForm SForm(const std::string& seats = "2") {
    SessionForm f;
    f.day = "01/12/2026";
    f.start = "9h30";
    f.end = "13:00";
    f.place = "Orléans, CCI";
    f.trainer = "Claire Martin";
    f.seats = seats;
    return f;
  }
};

int64_t Outbox(Store& st) { return st.db.QueryInt("SELECT count(*) FROM outbox").value_or(-1); }

bool Has(const std::vector<FieldIssue>& v, const char* field, CourseIssue i) {
  for (const FieldIssue& f : v)
    if (f.field == field && f.issue == i) return true;
  return false;
}
bool Has(const std::vector<SessionFieldIssue>& v, const char* field, SessionIssue i) {
  for (const SessionFieldIssue& f : v)
    if (f.field == field && f.issue == i) return true;
  return false;
}

}  // namespace

TEST_CASE("staff input: durations, days and Paris clock times", "[university][admin]") {
  CHECK(ParseDurationMinutes("210") == 210);
  CHECK(ParseDurationMinutes("3 h 30") == 210);
  CHECK(ParseDurationMinutes("3h30") == 210);
  CHECK(ParseDurationMinutes("3\xC2\xA0h\xC2\xA0" "30") == 210);
  CHECK(ParseDurationMinutes("3h") == 180);
  CHECK(ParseDurationMinutes("1:45") == 105);
  CHECK(ParseDurationMinutes("45 min") == 45);
  CHECK_FALSE(ParseDurationMinutes("trois heures"));
  CHECK_FALSE(ParseDurationMinutes("3h75"));
  CHECK(FormatDurationMinutes(210) == "3 h 30");
  CHECK(FormatDurationMinutes(420) == "7 h");
  CHECK(FormatDurationMinutes(45) == "45 min");

  std::optional<DayInput> d = ParseDay("1/12/2026");
  REQUIRE(d);
  CHECK((d->year == 2026 && d->month == 12 && d->day == 1));
  CHECK(ParseDay("2026-12-01"));
  CHECK(ParseDay("29/02/2028"));
  CHECK_FALSE(ParseDay("29/02/2027"));
  CHECK_FALSE(ParseDay("31/04/2027"));
  CHECK_FALSE(ParseDay("demain"));
  CHECK(ParseClock("9h30") == 570);
  CHECK(ParseClock("09 h 30") == 570);
  CHECK(ParseClock("14") == 840);
  CHECK(ParseClock("14:05") == 845);
  CHECK_FALSE(ParseClock("25:00"));
  CHECK_FALSE(ParseClock("9h61"));

  // Winter (CET, +1) and summer (CEST, +2) read back as typed.
  int64_t winter = ParisToUtcMs({2026, 12, 1}, 9 * 60 + 30);
  CHECK(winter == 1796113800000);  // 08:30 UTC
  CHECK(ClockText(winter) == "09:30");
  CHECK(DayText(winter) == "01/12/2026");
  int64_t summer = ParisToUtcMs({2026, 7, 1}, 9 * 60 + 30);
  CHECK(UtcCivil(summer).hour == 7);
  CHECK(ClockText(summer) == "09:30");
  // 29 March 2026, 02:30 does not exist in Paris: read an hour later.
  CHECK(ClockText(ParisToUtcMs({2026, 3, 29}, 2 * 60 + 30)) == "03:30");
}

TEST_CASE("course form: every problem named by field; a save is one outbox entry", "[university][admin]") {
  Admin a;
  CourseForm bad;
  bad.level = "conference";
  bad.duration = "longtemps";
  bad.description = std::string(kCourseDescriptionMax + 1, 'x');
  std::vector<FieldIssue> issues = CheckCourseForm(bad);
  CHECK(Has(issues, "title", CourseIssue::TitleMissing));
  CHECK(Has(issues, "theme", CourseIssue::ThemeMissing));
  CHECK(Has(issues, "level", CourseIssue::LevelUnknown));
  CHECK(Has(issues, "duration", CourseIssue::DurationUnreadable));
  CHECK(Has(issues, "description", CourseIssue::DescriptionTooLong));
  bad = a.Form();
  bad.duration = "";
  CHECK(Has(CheckCourseForm(bad), "duration", CourseIssue::DurationMissing));
  bad.duration = "400 h";
  CHECK(Has(CheckCourseForm(bad), "duration", CourseIssue::DurationTooLong));
  CHECK_THROWS_AS(SaveCourse(a.st, "", bad), ValidationError);
  CHECK(Outbox(a.st) == 3);  // the directory rows of the fixture, nothing more

  Course c = SaveCourse(a.st, "", a.Form());
  CHECK(c.duration_minutes == 210);
  CHECK(c.active);
  CHECK(Outbox(a.st) == 4);
  // An edit writes only what changed.
  CourseForm f = FormOf(c);
  CHECK(f.duration == "3 h 30");
  f.title = "  Exporter en Allemagne et en Autriche ";
  Course edited = SaveCourse(a.st, c.id, f);
  CHECK(edited.title == "Exporter en Allemagne et en Autriche");
  CHECK(a.st.db.QueryText("SELECT fields FROM outbox ORDER BY seq DESC LIMIT 1").value_or("").find("duration") ==
        std::string::npos);
}

TEST_CASE("a withdrawn course leaves the trainees' catalogue and agenda; its registrations stay",
          "[university][admin]") {
  Admin a;
  Course c = SaveCourse(a.st, "", a.Form());
  CourseSession s = SaveSession(a.st, "", c.id, a.SForm());
  Registration r;
  r.session_id = s.id;
  r.member_id = a.lea.id;
  RequestRegistration(a.st, r);
  CHECK(UpcomingSessions(a.st, kNow).size() == 1);

  Course off = SetCourseActive(a.st, c.id, false);
  CHECK_FALSE(off.active);
  CHECK(a.st.db.QueryInt("SELECT active FROM courses WHERE id = ?", c.id) == 0);
  CHECK(a.st.db.QueryText("SELECT fields FROM outbox ORDER BY seq DESC LIMIT 1").value_or("").find("\"active\":0") !=
        std::string::npos);
  CHECK(UpcomingSessions(a.st, kNow).empty());
  CHECK(ListRegistrationsOf(a.st, a.lea.id).size() == 1);
  // Staff still see it, filtered by status.
  CourseAdminFilter f;
  CHECK(ListCoursesAdmin(a.st, f, kNow).size() == 1);
  f.status = CourseAdminFilter::Status::Active;
  CHECK(ListCoursesAdmin(a.st, f, kNow).empty());
  f.status = CourseAdminFilter::Status::Withdrawn;
  CHECK(ListCoursesAdmin(a.st, f, kNow).size() == 1);
  SetCourseActive(a.st, c.id, true);
  CHECK(UpcomingSessions(a.st, kNow).size() == 1);
}

TEST_CASE("staff course list: search, theme and level filters, upcoming sessions and seats filled",
          "[university][admin]") {
  Admin a;
  Course de = SaveCourse(a.st, "", a.Form("Exporter en Allemagne"));
  CourseForm visit = a.Form("Visite d'une zone d'activités");
  visit.theme = "aménagement";
  visit.level = "study_visit";
  visit.duration = "7h";
  Course v = SaveCourse(a.st, "", visit);
  CourseSession s1 = SaveSession(a.st, "", de.id, a.SForm("2"));
  SessionForm later = a.SForm("10");
  later.day = "12/01/2027";
  CourseSession s2 = SaveSession(a.st, "", de.id, later);
  SessionForm past = a.SForm("5");
  past.day = "01/10/2026";
  SaveSession(a.st, "", de.id, past);
  // Decided rows as a sync brings them.
  a.st.db.Exec("INSERT INTO registrations (id, created_hlc, updated_hlc, session_id, member_id, trainee_email, status, "
               "requested_at, waitlist_position) VALUES ('r1', 1, 1, ?1, ?3, '', 'confirmed', 1, NULL), "
               "('r2', 2, 2, ?1, ?4, '', 'confirmed', 2, NULL), "
               "('r3', 3, 3, ?1, NULL, 'elu@mairie.fr', 'waitlisted', 3, 1), "
               "('r4', 4, 4, ?2, ?3, '', 'cancelled', 4, NULL)",
               s1.id, s2.id, a.lea.id, a.tom.id);

  std::vector<CourseAdminLine> all = ListCoursesAdmin(a.st, CourseAdminFilter(), kNow);
  REQUIRE(all.size() == 2);
  CHECK(all[0].course.id == de.id);  // by title
  CHECK(all[0].upcoming == 2);
  CHECK(all[0].next_start == s1.starts_at);
  CHECK(all[0].seats == 12);
  CHECK(all[0].filled == 2);
  CHECK(all[0].waitlisted == 1);
  CHECK(all[1].upcoming == 0);

  CourseAdminFilter f;
  f.text = "activites";  // accents ignored, word prefixes
  REQUIRE(ListCoursesAdmin(a.st, f, kNow).size() == 1);
  CHECK(ListCoursesAdmin(a.st, f, kNow)[0].course.id == v.id);
  f.text = "EXPORT allem";
  CHECK(ListCoursesAdmin(a.st, f, kNow).size() == 1);
  f.text = "";
  f.theme = "aménagement";
  CHECK(ListCoursesAdmin(a.st, f, kNow).size() == 1);
  f.theme = "";
  f.level = "workshop";
  REQUIRE(ListCoursesAdmin(a.st, f, kNow).size() == 1);
  CHECK(ListCoursesAdmin(a.st, f, kNow)[0].course.id == de.id);

  std::vector<SessionAdminLine> lines = CourseSessionsAdmin(a.st, de.id);
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].session.id == s1.id);  // by start: the past one first
  CHECK((lines[1].confirmed == 2 && lines[1].waitlisted == 1 && lines[1].pending == 0));
  CHECK(lines[2].cancelled == 1);
}

TEST_CASE("session form: Paris times, end after start, seats never below those confirmed", "[university][admin]") {
  Admin a;
  Course c = SaveCourse(a.st, "", a.Form());
  SessionForm f = a.SForm();
  f.end = "9:00";
  CHECK(Has(CheckSessionForm(f), "end", SessionIssue::EndNotAfterStart));
  f.end = "9:30";
  CHECK(Has(CheckSessionForm(f), "end", SessionIssue::EndNotAfterStart));
  f = a.SForm("-1");
  CHECK(Has(CheckSessionForm(f), "seats", SessionIssue::SeatsNegative));
  f = a.SForm("douze");
  CHECK(Has(CheckSessionForm(f), "seats", SessionIssue::SeatsUnreadable));
  f = a.SForm("0");
  CHECK(CheckSessionForm(f).empty());  // 0 seats: everyone waits
  f.day = "";
  f.place = " ";
  f.start = "8h70";
  std::vector<SessionFieldIssue> issues = CheckSessionForm(f);
  CHECK(Has(issues, "day", SessionIssue::DayMissing));
  CHECK(Has(issues, "place", SessionIssue::PlaceMissing));
  CHECK(Has(issues, "start", SessionIssue::StartUnreadable));
  // A study visit over several days.
  f = a.SForm();
  f.last_day = "03/12/2026";
  f.end = "17:00";
  CHECK(CheckSessionForm(f).empty());
  f.last_day = "30/11/2026";
  CHECK(Has(CheckSessionForm(f), "end", SessionIssue::EndNotAfterStart));

  CourseSession s = SaveSession(a.st, "", c.id, a.SForm("2"));
  CHECK(s.starts_at == 1796113800000);
  CHECK(s.ends_at == s.starts_at + 210 * 60000);
  CHECK_FALSE(s.seats_taken);
  SessionForm back = FormOf(s);
  CHECK((back.day == "01/12/2026" && back.start == "09:30" && back.end == "13:00" && back.last_day.empty()));

  // The server counted two seats taken; an edit of the place leaves that
  // column alone (only the server writes it).
  a.st.db.Exec("UPDATE course_sessions SET seats_taken = 2 WHERE id = ?", s.id);
  a.st.db.Exec("INSERT INTO registrations (id, created_hlc, updated_hlc, session_id, member_id, status, requested_at) "
               "VALUES ('r1', 1, 1, ?1, ?2, 'confirmed', 1), ('r2', 2, 2, ?1, ?3, 'attended', 2)",
               s.id, a.lea.id, a.tom.id);
  SessionForm edit = FormOf(*Get<CourseSession>(a.st, s.id));
  edit.place = "Tours, Maison des entreprises";
  int64_t before = Outbox(a.st);
  SaveSession(a.st, s.id, c.id, edit);
  CHECK(Outbox(a.st) == before + 1);
  std::string last = a.st.db.QueryText("SELECT fields FROM outbox ORDER BY seq DESC LIMIT 1").value_or("");
  CHECK(last.find("place") != std::string::npos);
  CHECK(last.find("seats_taken") == std::string::npos);
  CHECK(last.find("starts_at") == std::string::npos);

  // Two confirmed: one seat is refused on the device already.
  edit.seats = "1";
  CHECK(Has(CheckSessionForm(edit, ConfirmedCount(a.st, s.id)), "seats", SessionIssue::SeatsBelowConfirmed));
  CHECK_THROWS_AS(SaveSession(a.st, s.id, c.id, edit), ValidationError);
  CHECK(Get<CourseSession>(a.st, s.id)->seats == 2);
  edit.seats = "5";
  SaveSession(a.st, s.id, c.id, edit);
  CHECK(Get<CourseSession>(a.st, s.id)->seats == 5);
}

TEST_CASE("a session's roster in the server's order; registering and cancelling on someone's behalf",
          "[university][admin]") {
  Admin a;
  Course c = SaveCourse(a.st, "", a.Form());
  CourseSession s = SaveSession(a.st, "", c.id, a.SForm("1"));
  a.st.db.Exec(
      "INSERT INTO registrations (id, created_hlc, updated_hlc, session_id, member_id, trainee_name, trainee_email, "
      "status, requested_at, waitlist_position) VALUES "
      "('r1', 1, 1, ?1, ?2, '', '', 'confirmed', 1, NULL), "
      "('r2', 2, 2, ?1, NULL, 'Maire de Blois', 'maire@blois.fr', 'waitlisted', 2, 2), "
      "('r3', 3, 3, ?1, ?3, '', '', 'waitlisted', 3, 1), "
      "('r4', 4, 4, ?1, NULL, 'Élue de Vierzon', 'elue@vierzon.fr', 'cancelled', 4, NULL)",
      s.id, a.lea.id, a.tom.id);
  Roster r = SessionRoster(a.st, s.id);
  REQUIRE(r.confirmed.size() == 1);
  CHECK(r.confirmed[0].name == "Léa Bernard");
  CHECK(r.confirmed[0].email == "lea@cci.example");
  CHECK(r.confirmed[0].organisation == "CCI Centre");
  REQUIRE(r.waitlist.size() == 2);
  CHECK(r.waitlist[0].name == "Tom Leroy");  // position 1, though he asked later
  CHECK(r.waitlist[1].name == "Maire de Blois");
  CHECK(r.pending.empty());
  REQUIRE(r.cancelled.size() == 1);

  // On someone's behalf: checked first, then a plain request.
  CHECK(CheckRegisterOnBehalf(a.st, s.id, "", "", "") == RegisterIssue::NobodyChosen);
  CHECK(CheckRegisterOnBehalf(a.st, s.id, "", "Adjoint", "") == RegisterIssue::EmailInvalid);
  CHECK(CheckRegisterOnBehalf(a.st, s.id, "", "", "adjoint@mairie.fr") == RegisterIssue::NameMissing);
  CHECK(CheckRegisterOnBehalf(a.st, s.id, "", "Adjoint", "adjoint@mairie") == RegisterIssue::EmailInvalid);
  CHECK(CheckRegisterOnBehalf(a.st, s.id, a.lea.id, "", "") == RegisterIssue::AlreadyRegistered);
  CHECK(CheckRegisterOnBehalf(a.st, s.id, "", "Le maire", "MAIRE@blois.fr") == RegisterIssue::AlreadyRegistered);
  // Cancelled ones may register again.
  CHECK_FALSE(CheckRegisterOnBehalf(a.st, s.id, "", "Élue", "elue@vierzon.fr"));
  int64_t before = Outbox(a.st);
  CHECK_THROWS_AS(RegisterOnBehalf(a.st, s.id, a.lea.id, "", ""), ValidationError);
  CHECK(Outbox(a.st) == before);
  Registration adj = RegisterOnBehalf(a.st, s.id, "", " Adjoint aux finances ", "adjoint@mairie.fr");
  CHECK(adj.status == "requested");
  CHECK(adj.requested_at == kNow);
  CHECK(adj.trainee_name == "Adjoint aux finances");
  CHECK(Outbox(a.st) == before + 1);
  r = SessionRoster(a.st, s.id);
  REQUIRE(r.pending.size() == 1);
  CHECK(r.pending[0].name == "Adjoint aux finances");

  // Cancelling Léa's seat on her behalf is one write; the server then
  // promotes Tom (sync-server/seats.cpp), not the device.
  Registration lea = r.confirmed[0].reg;
  CancelRegistration(a.st, lea);
  r = SessionRoster(a.st, s.id);
  CHECK(r.confirmed.empty());
  CHECK(r.cancelled.size() == 2);
  CHECK(r.waitlist.size() == 2);
}
