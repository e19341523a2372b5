// University management screens (office staff), headless at desktop size
// over a native in-memory store, driven by role and name through the mirror:
// a course created after its form refused bad input, a session in Paris
// time, the roster in the server's order, seats never below those confirmed,
// a cancellation and a registration on someone's behalf, withdrawing the
// course from the catalogue. Everything offline: each write is in the outbox.
#include <catch2/catch.hpp>

#include "core/model/directory.h"
#include "core/model/profile.h"
#include "core/model/store.h"
#include "core/model/university.h"
#include "core/model/university_admin.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/sync/sync_client.h"
#include "ui/university/university_data.h"
#include "ui_driver.h"

using namespace relais;
using relais::mirror::Role;

namespace {

struct StaffWorld {
  Store st;
  Member lea, tom;
  AppState app;

  StaffWorld() {
    st = OpenStore(":memory:", StoreOptions());
    Organisation org;
    org.name = "CCI";
    Insert(st, org);
    lea.first_name = "Léa";
    lea.last_name = "Bernard";
    lea.organisation_id = org.id;
    Insert(st, lea);
    tom.first_name = "Tom";
    tom.last_name = "Leroy";
    tom.organisation_id = org.id;
    Insert(st, tom);
    app.store = &st;
    LocalProfile p;
    p.user_id = "0190aaaa000070008000000000000024";
    p.display_name = "Sophie Durand";
    p.role = "office_staff";
    SaveLocalProfile(st, p);
    st.db.Exec("INSERT INTO sync_state(key, value) VALUES ('auth.refresh', 'test-refresh-token')");
    app.online = false;  // everything below works offline
    app.screen = Screen::UniversityAdmin;
    Platform().durable_commit = UINT64_MAX;  // IndexedDB keeps up: "saved on this device" at once
    SetLang(Lang::Fr);
  }
  int64_t Outbox(const char* table) {
    return st.db.QueryInt("SELECT count(*) FROM outbox WHERE tbl = ? AND state = 'pending'", table).value_or(-1);
  }
};

}  // namespace

TEST_CASE("staff create a course and a session, keep its registrations and withdraw the course", "[university][admin]") {
  StaffWorld w;
  UiDriver ui(w.app, 1280, 800);
  REQUIRE(w.app.screen == Screen::UniversityAdmin);
  ui.Tap(Role::Button, T(Msg::UaNewCourse));
  REQUIRE(w.app.screen == Screen::CourseEdit);
  CHECK(w.app.route.id.empty());

  // An empty form: every problem said, nothing stored.
  ui.Tap(Role::Button, T(Msg::UaCreateCourse));
  CHECK(ui.HasStatus(T(Msg::UaTitleMissing)));
  CHECK(ui.HasStatus(T(Msg::UaThemeMissing)));
  CHECK(ui.HasStatus(T(Msg::UaDurationMissing)));
  CHECK(ui.HasStatus(T(Msg::UaFixErrors)));
  CHECK(List<Course>(w.st).empty());

  ui.Type(T(Msg::UaTitle), "Exporter en Allemagne");
  ui.Type(T(Msg::UaTheme), "export");
  ui.Tap(Role::Radio, T(Msg::UaLevelWorkshop));
  ui.Type(T(Msg::UaDuration), "trois heures");
  ui.Tap(Role::Button, T(Msg::UaCreateCourse));
  CHECK(ui.HasStatus(T(Msg::UaDurationUnreadable)));
  CHECK(List<Course>(w.st).empty());
  ui.Type(T(Msg::UaDuration), "3 h 30");
  ui.Tap(Role::Button, T(Msg::UaCreateCourse));
  std::vector<Course> courses = List<Course>(w.st);
  REQUIRE(courses.size() == 1);
  const Course course = courses[0];
  CHECK(course.level == "workshop");
  CHECK(course.duration_minutes == 210);
  CHECK(w.app.route.id == course.id);  // the course's own page, where sessions are added
  ui.Frames(2);
  CHECK(ui.HasStatus(T(Msg::UaCourseSaved)));
  CHECK(w.Outbox("courses") == 1);

  // A session: the end must come after the start.
  ui.Tap(Role::Button, T(Msg::UaNewSession));
  REQUIRE(w.app.screen == Screen::SessionAdmin);
  CHECK(w.app.route.sub == course.id);
  ui.Type(T(Msg::UaDay), "01/12/2026");
  ui.Type(T(Msg::UaStart), "9h30");
  ui.Type(T(Msg::UaEnd), "9h");
  ui.Type(T(Msg::UaPlace), "Orléans, CCI");
  ui.Type(T(Msg::UaTrainer), "Claire Martin");
  ui.Type(T(Msg::UaSeats), "1");
  ui.Tap(Role::Button, T(Msg::UaCreateSession));
  CHECK(ui.HasStatus(T(Msg::UaEndNotAfterStart)));
  CHECK(ListSessions(w.st, course.id).empty());
  ui.Type(T(Msg::UaEnd), "13:00");
  ui.Tap(Role::Button, T(Msg::UaCreateSession));
  std::vector<CourseSession> sessions = ListSessions(w.st, course.id);
  REQUIRE(sessions.size() == 1);
  const CourseSession session = sessions[0];
  CHECK(session.starts_at == 1796113800000);  // 09:30 in Paris is 08:30 UTC in December
  CHECK(session.ends_at == session.starts_at + 210 * 60000);
  CHECK(session.seats == 1);
  CHECK(w.app.route.id == session.id);

  // The server's decisions as a sync brings them: Léa holds the seat, an
  // elected official waits.
  w.st.db.Exec(
      "INSERT INTO registrations (id, created_hlc, updated_hlc, session_id, member_id, trainee_name, trainee_email, "
      "status, requested_at, waitlist_position) VALUES "
      "('a0000000000000000000000000000001', 1, 1, ?1, ?2, '', '', 'confirmed', 1, NULL), "
      "('a0000000000000000000000000000002', 2, 2, ?1, NULL, 'Maire de Blois', 'maire@blois.fr', 'waitlisted', 2, 1)",
      session.id, w.lea.id);
  ui.Frames(2);
  CHECK(ui.Reveal(Role::Text, "Confirmées (1)"));
  CHECK(ui.Reveal(Role::Text, "Liste d’attente (1)"));
  CHECK(ui.Reveal(Role::Text, "Rang 1 \xC2\xB7 Maire de Blois"));

  // Fewer seats than those confirmed: refused on the device, with the reason.
  ui.Reveal(Role::TextBox, T(Msg::UaSeats));
  ui.Type(T(Msg::UaSeats), "0");
  ui.Tap(Role::Button, T(Msg::UaSaveSession));
  CHECK(ui.Reveal(Role::Status, "1 personne(s) ont déjà une place confirmée : pas moins de 1 places. Annulez d’abord "
                                "des inscriptions."));
  CHECK(Get<CourseSession>(w.st, session.id)->seats == 1);
  ui.Type(T(Msg::UaSeats), "2");
  ui.Tap(Role::Button, T(Msg::UaSaveSession));
  CHECK(Get<CourseSession>(w.st, session.id)->seats == 2);
  CHECK(w.Outbox("course_sessions") == 2);

  // Cancelling on Léa's behalf takes a second tap; the server will promote.
  ui.Tap(Role::Button, LabelValue(Msg::UaCancelFor, "Léa Bernard"));
  CHECK(Get<Registration>(w.st, "a0000000000000000000000000000001")->status == "confirmed");
  ui.Tap(Role::Button, LabelValue(Msg::UaConfirmCancel, "Léa Bernard"));
  CHECK(Get<Registration>(w.st, "a0000000000000000000000000000001")->status == "cancelled");
  CHECK(w.Outbox("registrations") == 1);
  ui.Frames(2);
  CHECK(ui.Reveal(Role::Text, "Confirmées (0)"));

  // Registering Tom, found by name: a request the server decides.
  ui.Reveal(Role::TextBox, T(Msg::UaFindMember));
  ui.Type(T(Msg::UaFindMember), "tom");
  ui.Tap(Role::Button, LabelValue(Msg::UaChooseMember, "Tom Leroy (CCI)"));
  ui.Tap(Role::Button, T(Msg::UaRegister));
  std::vector<Registration> toms =
      List<Registration>(w.st, "session_id = ? AND member_id = ?", session.id, w.tom.id);
  REQUIRE(toms.size() == 1);
  CHECK(toms[0].status == "requested");
  CHECK(ui.Reveal(Role::Status, T(Msg::UaRegistered)));
  CHECK(ui.Reveal(Role::Text, "Demandes en attente de décision du serveur (1)"));
  // Twice is said, not written.
  ui.Reveal(Role::TextBox, T(Msg::UaFindMember));
  ui.Type(T(Msg::UaFindMember), "leroy");
  ui.Tap(Role::Button, LabelValue(Msg::UaChooseMember, "Tom Leroy (CCI)"));
  ui.Tap(Role::Button, T(Msg::UaRegister));
  CHECK(ui.Reveal(Role::Status, T(Msg::UaAlreadyRegistered)));
  // Someone outside the network needs a valid e-mail.
  ui.Tap(Role::Button, T(Msg::UaClearMember));
  ui.Reveal(Role::TextBox, T(Msg::UaTraineeEmail));
  ui.Type(T(Msg::UaTraineeName), "Adjointe aux finances");
  ui.Type(T(Msg::UaTraineeEmail), "adjointe@mairie");
  ui.Tap(Role::Button, T(Msg::UaRegister));
  CHECK(ui.Reveal(Role::Status, T(Msg::UaEmailInvalid)));
  ui.Reveal(Role::TextBox, T(Msg::UaTraineeEmail));
  ui.Type(T(Msg::UaTraineeEmail), "adjointe@mairie-blois.fr");
  ui.Tap(Role::Button, T(Msg::UaRegister));
  CHECK(List<Registration>(w.st, "trainee_email = 'adjointe@mairie-blois.fr'").size() == 1);
  CHECK(w.Outbox("registrations") == 3);

  // The attendance sheet is one tap away.
  ui.Tap(Role::Button, LabelValue(Msg::UaAttendanceSheet, SessionDay(session.starts_at, Lang::Fr)));
  CHECK(w.app.screen == Screen::Attendance);
  CHECK(w.app.route.id == session.id);

  // Withdrawn from the catalogue: gone for trainees, still in the staff's list.
  w.app.screen = Screen::CourseEdit;
  w.app.route = Route{course.id, ""};
  ui.Frames(2);
  ui.Tap(Role::Button, T(Msg::UaWithdraw));
  CHECK_FALSE(Get<Course>(w.st, course.id)->active);
  CourseFilter catalogue;
  CHECK(QueryCourses(w.st, catalogue, 0).empty());
  ui.Tap(Role::Button, T(Msg::UaAllCourses));
  REQUIRE(w.app.screen == Screen::UniversityAdmin);
  CHECK(ui.Find(Role::Status, T(Msg::UaWithdrawn)) != nullptr);
  ui.Tap(Role::Button, LabelValue(Msg::UaStatus, T(Msg::UaAllStatuses)));
  ui.Tap(Role::Radio, T(Msg::UaActiveOnly));
  CHECK(ui.Find(Role::Button, LabelValue(Msg::UaOpenCourse, "Exporter en Allemagne")) == nullptr);
  ui.Tap(Role::Button, LabelValue(Msg::UaStatus, T(Msg::UaActiveOnly)));
  ui.Tap(Role::Radio, T(Msg::UaWithdrawnOnly));
  ui.Tap(Role::Button, LabelValue(Msg::UaOpenCourse, "Exporter en Allemagne"));
  CHECK(w.app.screen == Screen::CourseEdit);
  ui.Tap(Role::Button, T(Msg::UaRestore));
  CHECK(Get<Course>(w.st, course.id)->active);
}
