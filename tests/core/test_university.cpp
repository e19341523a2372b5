// The University on the device: schema v6 (attendance and feedback), the
// writes the screens make (register, cancel, attendance, feedback), the
// catalogue's levels, the agenda, and the .ics a device builds offline with
// the writer the server uses.
#include <catch2/catch.hpp>

#include <string>

#include "core/db/migrations.h"
#include "core/ics.h"
#include "core/model/directory.h"
#include "core/model/schema.h"
#include "core/model/store.h"
#include "core/model/university.h"
#include "core/paris_time.h"

using namespace relais;

namespace {

constexpr int64_t kNow = 1795000000000;  // 2026-11-18

struct Uni {
  Store st;
  Member lea;
  Course course;
  CourseSession session;

  Uni() {
    StoreOptions o;
    o.now_ms = [] { return kNow; };
    st = OpenStore(":memory:", o);
    st.author_id = "user-lea";
    Organisation org;
    org.name = "CCI";
    Insert(st, org);
    lea.first_name = "Léa";
    lea.last_name = "Bernard";
    lea.organisation_id = org.id;
    Insert(st, lea);
    course.theme = "export";
    course.level = "workshop";
    course.title = "Exporter en Allemagne, Schritt für Schritt";
    course.description = "Atelier; avec « guillemets », virgules, et un retour\nà la ligne.";
    course.duration_minutes = 420;
    Insert(st, course);
    session.course_id = course.id;
    session.starts_at = 1796113800000;  // 2026-12-01 09:30 Paris (08:30 UTC)
    session.ends_at = session.starts_at + 7 * 3600000;
    session.place = "Orléans, CCI";
    session.trainer = "Sophie Durand";
    session.seats = 2;
    Insert(st, session);
  }

  Registration Register() {
    Registration r;
    r.session_id = session.id;
    r.member_id = lea.id;
    RequestRegistration(st, r);
    return r;
  }
};

int64_t Outbox(Store& st) { return st.db.QueryInt("SELECT count(*) FROM outbox").value_or(-1); }

}  // namespace

TEST_CASE("schema v6: attendance and feedback on registrations, migrated forward", "[db][schema][university]") {
  Db db(":memory:");
  Migrate(db, RelaisMigrations(), 5);
  db.ExecScript(
      "INSERT INTO organisations (id, created_hlc, updated_hlc, name) VALUES ('g', 1, 1, 'CCI');"
      "INSERT INTO courses (id, created_hlc, updated_hlc, level, title, duration_minutes)"
      "  VALUES ('c', 1, 1, 'intro', 'Cours', 60);"
      "INSERT INTO course_sessions (id, created_hlc, updated_hlc, course_id, starts_at, ends_at, seats)"
      "  VALUES ('s', 1, 1, 'c', 1, 2, 3);"
      "INSERT INTO registrations (id, created_hlc, updated_hlc, session_id, trainee_email, status, requested_at)"
      "  VALUES ('r', 1, 1, 's', 'a@b.example', 'attended', 1);");
  CHECK(Migrate(db, RelaisMigrations()) == LatestSchemaVersion());
  CHECK(LatestSchemaVersion() >= 6);
  // The row from before keeps its status; the new columns start empty.
  CHECK(db.QueryText("SELECT status FROM registrations WHERE id = 'r'") == "attended");
  CHECK(db.QueryText("SELECT feedback_comment FROM registrations WHERE id = 'r'") == "");
  CHECK(db.QueryInt("SELECT attendance IS NULL AND feedback_rating IS NULL FROM registrations") == 1);
  db.ExecScript("UPDATE registrations SET attendance = 'present', feedback_rating = 5");
  CHECK_THROWS_AS(db.ExecScript("UPDATE registrations SET attendance = 'late'"), DbError);
  CHECK_THROWS_AS(db.ExecScript("UPDATE registrations SET feedback_rating = 6"), DbError);
  CHECK_THROWS_AS(db.ExecScript("UPDATE registrations SET feedback_rating = 0"), DbError);
}

TEST_CASE_METHOD(Uni, "registering, cancelling, attendance and feedback are local writes queued for sync",
                 "[university]") {
  Registration r = Register();
  CHECK(r.status == "requested");
  CHECK(r.requested_at == kNow);
  CHECK(Outbox(st) > 0);
  CHECK(ListRegistrationsOf(st, lea.id).size() == 1);

  int64_t before = Outbox(st);
  CancelRegistration(st, r);
  CHECK(r.status == "cancelled");
  CHECK(Outbox(st) == before + 1);
  CHECK(ListRegistrationsOf(st, lea.id).empty());
  CancelRegistration(st, r);  // twice: nothing more queued
  CHECK(Outbox(st) == before + 1);

  Registration r2 = Register();
  CHECK_FALSE(IsPresent(r2));
  MarkAttendance(st, r2, true);
  CHECK(IsPresent(*Get<Registration>(st, r2.id)));
  MarkAttendance(st, r2, false);
  CHECK(Get<Registration>(st, r2.id)->attendance == std::optional<std::string>("absent"));
  CHECK_FALSE(IsPresent(*Get<Registration>(st, r2.id)));
  Registration old_attended = r2;
  old_attended.attendance.reset();
  old_attended.status = "attended";
  CHECK(IsPresent(old_attended));  // marked before v6

  SaveFeedback(st, r2, 4, "Très concret, « merci » !");
  CHECK(Get<Registration>(st, r2.id)->feedback_rating == std::optional<int64_t>(4));
  CHECK(Get<Registration>(st, r2.id)->feedback_comment == "Très concret, « merci » !");
  // Bad input: a clear error and nothing changes.
  int64_t queued = Outbox(st);
  CHECK_THROWS_AS(SaveFeedback(st, r2, 0, "x"), ValidationError);
  CHECK_THROWS_AS(SaveFeedback(st, r2, 6, "x"), ValidationError);
  CHECK_THROWS_AS(SaveFeedback(st, r2, 3, std::string(kFeedbackCommentMax + 1, 'a')), ValidationError);
  CHECK(Outbox(st) == queued);
  CHECK(Get<Registration>(st, r2.id)->feedback_rating == std::optional<int64_t>(4));
  CHECK(r2.feedback_rating == std::optional<int64_t>(4));
}

TEST_CASE_METHOD(Uni, "catalogue levels, the elected officials' track, the agenda and seats left", "[university]") {
  CHECK(StepOf(course) == CourseStep::SpecialisedWorkshop);
  Course c = course;
  c.duration_minutes = 210;
  CHECK(StepOf(c) == CourseStep::Workshop);
  c.level = "intro";
  CHECK(StepOf(c) == CourseStep::Discovery);
  CHECK_FALSE(InElectedTrack(c));
  c.level = "study_visit";
  CHECK(StepOf(c) == CourseStep::StudyVisit);
  CHECK(InElectedTrack(c));
  c.level = "workshop";
  c.description = "Ouvert aux élus du territoire.";
  CHECK(InElectedTrack(c));

  CourseSession past = session;
  past.id.clear();
  past.starts_at = kNow - 86400000;
  past.ends_at = past.starts_at + 3600000;
  Insert(st, past);
  std::vector<CourseSession> up = UpcomingSessions(st, kNow);
  REQUIRE(up.size() == 1);
  CHECK(up[0].id == session.id);
  CHECK(UpcomingSessions(st, 0).size() == 2);
  CHECK(UpcomingSessions(st, 0, 1).size() == 1);

  CHECK(SeatsLeft(st, session) == 2);
  Registration r = Register();
  CHECK(SeatsLeft(st, session) == 2);  // requested holds no seat until the server says so
  st.db.Exec("UPDATE registrations SET status = 'confirmed' WHERE id = ?", r.id);
  CHECK(SeatsLeft(st, session) == 1);
}

TEST_CASE_METHOD(Uni, "a session's .ics built on the device: Europe/Paris, escaped, the server's UID", "[university][ics]") {
  IcsSession s{session.id, session.starts_at, session.ends_at, session.place, session.trainer, course.title,
               course.description};
  std::string ics = IcsCalendar(course.title, {UniversitySessionEvent(s, "")}, kNow);
  CHECK(ics.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
  CHECK(ics.find("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n") != std::string::npos);
  CHECK(ics.find("DTSTART;TZID=Europe/Paris:20261201T093000\r\n") != std::string::npos);
  CHECK(ics.find("DTEND;TZID=Europe/Paris:20261201T163000\r\n") != std::string::npos);
  CHECK(ics.find("UID:session-" + session.id + "@relais.devup\r\n") != std::string::npos);
  CHECK(ics.find("SUMMARY:Exporter en Allemagne\\, Schritt für Schritt\r\n") != std::string::npos);
  CHECK(ics.find("LOCATION:Orléans\\, CCI\r\n") != std::string::npos);
  CHECK(ics.find("STATUS:CONFIRMED") != std::string::npos);
  CHECK(ics.substr(ics.size() - 15) == "END:VCALENDAR\r\n");
  // Every physical line is at most 75 octets.
  size_t start = 0;
  for (size_t end; (end = ics.find("\r\n", start)) != std::string::npos; start = end + 2) CHECK(end - start <= 75);
  CHECK(UniversitySessionFileName(session.id) == "session-" + session.id + ".ics");

  std::string waiting = IcsCalendar("x", {UniversitySessionEvent(s, "waitlisted")}, kNow);
  CHECK(waiting.find("STATUS:TENTATIVE") != std::string::npos);
  CHECK(waiting.find("(liste d'attente)") != std::string::npos);

  // Summer time: 09:30 in Paris is 07:30 UTC.
  CHECK(IcsParisDateTime(1782891000000) == "20260701T093000");
  CHECK(ParisOffsetMinutes(1782891000000) == 120);
  CHECK(ParisOffsetMinutes(session.starts_at) == 60);
}
