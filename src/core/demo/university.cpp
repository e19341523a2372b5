// university.cpp — the Economic Developers' University: 80 courses from
// half-day introductions to study visits, 300 sessions over fifteen months
// (the last five still to come on the dataset's "today"), and who registered.
#include "core/model/university.h"

#include <cmath>

#include "core/demo/calendar.h"
#include "core/demo/french_data.h"
#include "core/demo/generator.h"
#include "core/demo/identifiers.h"
#include "core/demo/texts.h"

namespace relais::demo {

std::vector<GenSession> MakeUniversity(Writer& w, Rng& rng, const Network& net, DemoStats& stats) {
  std::vector<CourseText> catalogue = CourseCatalogue(rng, 80);
  std::vector<GenSession> sessions;
  const char* const kStudyPlaces[] = {"Lyon", "Düsseldorf", "Munich", "Bruxelles", "Barcelone", "Stuttgart", "Nantes"};
  std::vector<size_t> course_of_session;
  for (int i = 0; i < 300; i++) course_of_session.push_back(static_cast<size_t>(i) % catalogue.size());
  for (size_t ci = 0; ci < catalogue.size(); ci++) {
    const CourseText& ct = catalogue[ci];
    Course c;
    c.theme = ct.theme;
    c.level = ct.level;
    c.title = ct.title;
    c.description = ct.description;
    c.duration_minutes = ct.duration_minutes;
    w.Put(c);
    stats.courses++;
    for (size_t si = 0; si < course_of_session.size(); si++) {
      if (course_of_session[si] != ci) continue;
      CourseSession s;
      s.course_id = c.id;
      // From ten months before "today" to five months after: history, and a
      // catalogue where most courses have a session to register for.
      int64_t day = Weekday(w.cal.today - 300 + static_cast<int64_t>(rng.Below(450)));
      bool morning = ct.level != "intro" || rng.Chance(0.5);
      s.starts_at = DayMs(day) + (morning ? 7 : 12) * 3600000 + 30 * 60000;  // 09:30 / 14:30 in Paris, winter time
      s.ends_at = s.starts_at + (ct.level == "study_visit" ? 33 : ct.duration_minutes > 300 ? 8 : 4) * 3600000;
      if (ct.level == "study_visit") {
        s.place = rng.Pick(kStudyPlaces);
        s.seats = rng.Between(18, 25);
      } else {
        const Office& o = net.offices[rng.Below(net.offices.size())];
        s.place = o.name + ", " + o.address + ", " + o.postcode + " " + o.commune_name;
        s.seats = rng.Between(10, 30);
      }
      s.trainer = rng.Chance(0.6) ? net.members[rng.Below(net.members.size())].name
                                  : "Cabinet " + rng.Pick(LastNames()) + " Conseil";
      w.Put(s);
      stats.course_sessions++;
      sessions.push_back(GenSession{s.id, day, s.seats, ct.level});
    }
  }
  return sessions;
}

// Seats are filled, then a waiting list; sessions already held are attended
// (or cancelled). Elected officials join the study visits.
std::vector<PlannedRegistration> PlanRegistrations(Rng& rng, const Network& net,
                                                   const std::vector<GenSession>& sessions, const Calendar& cal) {
  std::vector<PlannedRegistration> registrations;
  for (const GenSession& s : sessions) {
    bool past = s.starts_day < cal.today;
    int wanted = static_cast<int>(std::lround(s.seats * (0.4 + 0.9 * rng.Unit())));
    std::vector<size_t> who = rng.Sample(net.members.size(), static_cast<size_t>(wanted));
    rng.Shuffle(who);
    int position = 0;
    for (int k = 0; k < wanted; k++) {
      PlannedRegistration r;
      r.session_id = s.id;
      bool official = s.level == "study_visit" && rng.Chance(0.4);
      if (official) {
        bool female = rng.Chance(0.4);
        const std::string first = rng.Pick(female ? FemaleFirstNames() : MaleFirstNames());
        const std::string last = rng.Pick(LastNames());
        const Commune& town = rng.Pick(Communes());
        r.trainee_name =
            first + " " + last + (female ? ", adjointe au maire de " : ", adjoint au maire de ") + town.name;
        r.trainee_email = EmailLocalPart(first, last) + "@mairie-" + Slug(town.name) + ".example";
      } else {
        r.member_id = net.members[who[static_cast<size_t>(k)]].id;
      }
      int64_t requested_day = std::max(cal.setup, s.starts_day - 10 - static_cast<int64_t>(rng.Below(50)));
      r.requested_at = DayMs(requested_day) + 9 * 3600000;
      bool seated = k < s.seats;
      if (past)
        r.status = seated ? (rng.Chance(0.9) ? "attended" : "cancelled") : "cancelled";
      else if (rng.Chance(0.1))
        r.status = "requested";  // waiting for the server
      else if (seated)
        r.status = "confirmed";
      else {
        r.status = "waitlisted";
        r.waitlist_position = ++position;
      }
      if (requested_day > cal.last) continue;  // not asked yet on the dataset's "today"
      r.requested_day = requested_day;
      registrations.push_back(std::move(r));
    }
  }
  return registrations;
}

}  // namespace relais::demo
