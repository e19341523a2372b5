// The University screens, headless over a native in-memory store, driven by
// role and name through the mirror: a trainee lands on them, registers
// offline (pending), downloads the session's .ics; staff mark attendance;
// the feedback form refuses a missing rating.
#include <catch2/catch.hpp>

#include <memory>

#include "core/model/directory.h"
#include "core/model/profile.h"
#include "core/model/store.h"
#include "core/model/university.h"
#include "headless.h"
#include "ui_driver.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/sync/sync_client.h"
#include "ui/university/university_data.h"

using namespace relais;
using relais::mirror::Role;

namespace {

struct UniWorld {
  Store st;
  Member lea;
  Course course;
  CourseSession session, past;
  AppState app;

  explicit UniWorld(const char* role) {
    st = OpenStore(":memory:", StoreOptions());
    Organisation org;
    org.name = "CCI";
    Insert(st, org);
    lea.first_name = "Léa";
    lea.last_name = "Bernard";
    lea.organisation_id = org.id;
    Insert(st, lea);
    course.theme = "export";
    course.level = "workshop";
    course.title = "Exporter en Allemagne";
    course.duration_minutes = 210;
    Insert(st, course);
    const int64_t day = 86400000;
    session.course_id = course.id;
    session.starts_at = (NowMs() / day + 10) * day + 8 * 3600000;  // in ten days
    session.ends_at = session.starts_at + 210 * 60000;
    session.place = "Tours";
    session.trainer = "Claire Martin";
    session.seats = 12;
    Insert(st, session);
    past = session;
    past.id.clear();
    past.starts_at -= 30 * day;
    past.ends_at -= 30 * day;
    Insert(st, past);
    app.store = &st;
    LocalProfile p;
    p.user_id = "0190aaaa000070008000000000000009";
    p.member_id = lea.id;
    p.display_name = "Léa Bernard";
    p.role = role;
    SaveLocalProfile(st, p);
    st.db.Exec("INSERT INTO sync_state(key, value) VALUES ('auth.refresh', 'test-refresh-token')");
    app.online = false;  // everything below works offline
    Platform().downloads.clear();
    SetLang(Lang::Fr);
  }
};

struct UniUi : UiDriver {
  explicit UniUi(AppState& a) : UiDriver(a) { Frames(1); }
};

}  // namespace

TEST_CASE("university routes carry their ids", "[university]") {
  Screen s;
  Route r;
  const std::string id = "0123456789abcdef0123456789abcdef";
  REQUIRE(ScreenFromPath("/universite", &s, &r));
  CHECK(s == Screen::University);
  REQUIRE(ScreenFromPath("/universite/planning", &s, &r));
  CHECK(s == Screen::MySchedule);
  REQUIRE(ScreenFromPath(("/universite/cours/" + id).c_str(), &s, &r));
  CHECK((s == Screen::Course && r.id == id));
  REQUIRE(ScreenFromPath(("/universite/presence/" + id).c_str(), &s, &r));
  CHECK(s == Screen::Attendance);
  REQUIRE(ScreenFromPath(("/universite/avis/" + id).c_str(), &s, &r));
  CHECK(s == Screen::Feedback);
  CHECK(ScreenPath(Screen::Course, Route{id, ""}) == "/universite/cours/" + id);
  CHECK_FALSE(ScreenFromPath("/universite/cours/nope", &s, &r));
}

TEST_CASE("a trainee lands on the University, registers offline and downloads the .ics", "[university]") {
  UniWorld w("trainee");
  UniUi ui(w.app);
  CHECK(w.app.screen == Screen::University);
  // Trainees have no company screens in their navigation.
  CHECK(ui.Find(Role::Tab, "Entreprises") == nullptr);
  CHECK(ui.Find(Role::Tab, "Mon planning") != nullptr);

  ui.Tap(Role::Button, LabelValue(Msg::UniOpenCourse, "Exporter en Allemagne"));
  REQUIRE(w.app.screen == Screen::Course);
  const std::string title = "Exporter en Allemagne, " + SessionDay(w.session.starts_at, Lang::Fr);
  ui.Tap(Role::Button, LabelValue(Msg::UniRegister, title));
  ui.Frames(2);
  CHECK(ui.Find(Role::Status, "En attente") != nullptr);
  std::vector<Registration> mine = ListRegistrationsOf(w.st, w.lea.id);
  REQUIRE(mine.size() == 1);
  CHECK(mine[0].status == "requested");
  // A past session offers no registration.
  CHECK(ui.Find(Role::Button, LabelValue(Msg::UniRegister, "Exporter en Allemagne, " +
                                                               SessionDay(w.past.starts_at, Lang::Fr))) == nullptr);

  ui.Tap(Role::Button, LabelValue(Msg::UniDownloadIcs, title));
  REQUIRE(Platform().downloads.size() == 1);
  const PlatformLog::Download& d = Platform().downloads[0];
  CHECK(d.filename == "session-" + w.session.id + ".ics");
  CHECK(d.content.find("BEGIN:VCALENDAR") == 0);
  CHECK(d.content.find("DTSTART;TZID=Europe/Paris:") != std::string::npos);
  CHECK(d.content.find("SUMMARY:Exporter en Allemagne (demande en cours)") != std::string::npos);

  // Mon planning: the session, pending; a promotion is said once seen.
  ui.Tap(Role::Tab, "Mon planning");
  REQUIRE(w.app.screen == Screen::MySchedule);
  CHECK(ui.Find(Role::Status, "En attente") != nullptr);
  w.st.db.Exec("UPDATE registrations SET status = 'waitlisted', waitlist_position = 1");
  ui.Frames(2);
  CHECK(ui.Find(Role::Status, "Liste d'attente") != nullptr);
  w.st.db.Exec("UPDATE registrations SET status = 'confirmed', waitlist_position = NULL");
  ui.Frames(2);
  CHECK(ui.Find(Role::Status, "Confirmée") != nullptr);
  CHECK(ui.Find(Role::Status, T(Msg::UniPromoted)) != nullptr);

  // Offline, the feed address cannot be asked for: said, nothing sent.
  ui.Tap(Role::Button, T(Msg::UniSubscribe));
  CHECK(ui.Find(Role::Status, T(Msg::UniFeedOffline)) != nullptr);
}

TEST_CASE("office staff mark attendance; the trainee's feedback needs a rating", "[university]") {
  UniWorld w("office_staff");
  Registration r;
  r.session_id = w.past.id;
  r.member_id = w.lea.id;
  RequestRegistration(w.st, r);
  w.st.db.Exec("UPDATE registrations SET status = 'confirmed'");
  w.app.screen = Screen::Attendance;
  w.app.route = Route{w.past.id, ""};
  UniUi ui(w.app);
  ui.Tap(Role::Radio, LabelValue(Msg::UniPresent, "Léa Bernard"));
  CHECK(Get<Registration>(w.st, r.id)->attendance == std::optional<std::string>("present"));
  ui.Tap(Role::Radio, LabelValue(Msg::UniAbsent, "Léa Bernard"));
  CHECK(Get<Registration>(w.st, r.id)->attendance == std::optional<std::string>("absent"));

  w.app.screen = Screen::Feedback;
  w.app.route = Route{r.id, ""};
  ui.Frames(2);
  ui.Tap(Role::Button, T(Msg::UniSendFeedback));
  CHECK(ui.Find(Role::Status, T(Msg::UniRatingMissing)) != nullptr);
  CHECK_FALSE(Get<Registration>(w.st, r.id)->feedback_rating);
  ui.Tap(Role::Radio, std::string("4 \xE2\x80\x93 ") + T(Msg::UniRating4));
  ui.Tap(Role::Button, T(Msg::UniSendFeedback));
  CHECK(Get<Registration>(w.st, r.id)->feedback_rating == std::optional<int64_t>(4));
}
