// The University in calendar apps over real HTTP: one session's .ics and each
// user's subscription feed, checked by parsing them as RFC 5545 says (CRLF,
// folding at 75 octets, escaped TEXT, Europe/Paris times across a change to
// summer time), and the feed's address: stable, revocable, 404 when unknown.
#include <catch2/catch.hpp>

#include "core/text.h"
#include "portal_support.h"

using namespace portaltest;

namespace {

const std::string kCourseFr = "a0000000000000000000000000000061";
const std::string kWinter = "a0000000000000000000000000000062";  // Friday 27 March 2026, 09:00 Paris (UTC+1)
const std::string kSummer = "a0000000000000000000000000000063";  // Tuesday 31 March 2026, 09:30 Paris (UTC+2)
const std::string kTitle = "Export, douane; fiscalité : l'essentiel \\ les pièges";
const std::string kPlace = "CCI Loiret, salle « Jeanne d'Arc » ; 2e étage";
const std::string kTrainer = "Élodie Lefèvre-Giraud, juriste";
const std::string kDescription =
    "Une demi-journée pour comprendre l'Incoterm, la TVA intracommunautaire et les formalités douanières.\n"
    "Prévoir vos questions ; exemples concrets, échanges.";

// One property after unfolding: name, parameters and unescaped-as-is value.
struct Prop {
  std::string name, params, value;
};
struct Component {
  std::string kind;
  std::vector<Prop> props;
  std::vector<Component> children;
  std::string Get(const std::string& name) const {
    for (const Prop& p : props)
      if (p.name == name) return p.value;
    return "";
  }
  const Prop* Find(const std::string& name) const {
    for (const Prop& p : props)
      if (p.name == name) return &p;
    return nullptr;
  }
};

// RFC 5545 §3.1: lines end with CRLF; a line starting with a space or a tab
// continues the previous one. Checks the physical lines on the way.
std::vector<std::string> Unfold(const std::string& text) {
  std::vector<std::string> lines;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find("\r\n", i);
    REQUIRE(end != std::string::npos);  // every line ends with CRLF, the last one too
    std::string physical = text.substr(i, end - i);
    INFO(physical);
    CHECK(physical.size() <= 75);
    CHECK(physical.find('\n') == std::string::npos);
    CHECK(relais::IsValidUtf8(physical));  // folding never cuts a character
    if (!physical.empty() && (physical[0] == ' ' || physical[0] == '\t')) {
      REQUIRE(!lines.empty());
      lines.back() += physical.substr(1);
    } else {
      lines.push_back(physical);
    }
    i = end + 2;
  }
  return lines;
}

std::string UnescapeText(const std::string& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); i++) {
    if (v[i] == '\\' && i + 1 < v.size()) {
      char n = v[++i];
      out += (n == 'n' || n == 'N') ? '\n' : n;
    } else {
      out += v[i];
    }
  }
  return out;
}

Component Parse(const std::string& text) {
  std::vector<Component> stack(1);
  for (const std::string& line : Unfold(text)) {
    size_t colon = line.find(':');
    REQUIRE(colon != std::string::npos);
    std::string head = line.substr(0, colon), value = line.substr(colon + 1);
    size_t semi = head.find(';');
    Prop p{head.substr(0, semi), semi == std::string::npos ? "" : head.substr(semi + 1), value};
    if (p.name == "BEGIN") {
      stack.push_back(Component{value, {}, {}});
    } else if (p.name == "END") {
      REQUIRE(stack.size() > 1);
      REQUIRE(stack.back().kind == value);
      Component c = stack.back();
      stack.pop_back();
      stack.back().children.push_back(c);
    } else {
      stack.back().props.push_back(p);
    }
  }
  REQUIRE(stack.size() == 1);
  REQUIRE(stack[0].children.size() == 1);
  return stack[0].children[0];
}

std::vector<const Component*> Children(const Component& c, const std::string& kind) {
  std::vector<const Component*> out;
  for (const Component& k : c.children)
    if (k.kind == kind) out.push_back(&k);
  return out;
}

void CheckCalendar(const Component& cal) {
  CHECK(cal.kind == "VCALENDAR");
  CHECK(cal.Get("VERSION") == "2.0");
  CHECK(!cal.Get("PRODID").empty());
  CHECK(cal.Get("METHOD") == "PUBLISH");
  auto tz = Children(cal, "VTIMEZONE");
  REQUIRE(tz.size() == 1);
  CHECK(tz[0]->Get("TZID") == "Europe/Paris");
  auto daylight = Children(*tz[0], "DAYLIGHT"), standard = Children(*tz[0], "STANDARD");
  REQUIRE(daylight.size() == 1);
  REQUIRE(standard.size() == 1);
  CHECK(daylight[0]->Get("TZOFFSETTO") == "+0200");
  CHECK(daylight[0]->Get("RRULE") == "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
  CHECK(standard[0]->Get("TZOFFSETTO") == "+0100");
  CHECK(standard[0]->Get("RRULE") == "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
}

const Component* EventWithUid(const Component& cal, const std::string& session) {
  for (const Component* e : Children(cal, "VEVENT"))
    if (e->Get("UID").find(session) != std::string::npos) return e;
  return nullptr;
}

void SeedCourse(Network& net) {
  Device staff = net.SeedNetwork();
  using S = std::string;
  std::vector<Change> c;
  c.push_back(staff.Upsert("courses", kCourseFr,
                           {{"level", S("intro")},
                            {"title", kTitle},
                            {"description", kDescription},
                            {"duration_minutes", int64_t(210)}}));
  c.push_back(staff.Upsert("course_sessions", kWinter,
                           {{"course_id", kCourseFr},
                            {"starts_at", int64_t(1774598400000)},  // 2026-03-27T08:00Z
                            {"ends_at", int64_t(1774611000000)},    // 11:30Z
                            {"place", kPlace},
                            {"trainer", kTrainer},
                            {"seats", int64_t(10)}}));
  c.push_back(staff.Upsert("course_sessions", kSummer,
                           {{"course_id", kCourseFr},
                            {"starts_at", int64_t(1774942200000)},  // 2026-03-31T07:30Z
                            {"ends_at", int64_t(1774969200000)},    // 15:00Z
                            {"place", kPlace},
                            {"trainer", kTrainer},
                            {"seats", int64_t(1)}}));
  REQUIRE(staff.Push(c).http.status == 200);
}

std::string FeedPath(int port, const std::string& access) {
  HttpReply r = Post(port, "/api/calendar/feed", "{}", "application/json", access);
  REQUIRE(r.status == 200);
  size_t at = r.body.find("\"path\":\"");
  REQUIRE(at != std::string::npos);
  at += 8;
  return r.body.substr(at, r.body.find('"', at) - at);
}

}  // namespace

TEST_CASE("calendar: one session's .ics is valid RFC 5545 in Europe/Paris", "[server][calendar]") {
  Network net;
  SeedCourse(net);

  HttpReply r = Get(net.port(), "/calendrier/session/" + kWinter + ".ics");
  REQUIRE(r.status == 200);
  CHECK(r.content_type == "text/calendar; charset=utf-8");
  Component cal = Parse(r.body);
  CheckCalendar(cal);
  auto events = Children(cal, "VEVENT");
  REQUIRE(events.size() == 1);
  const Component& e = *events[0];
  CHECK(e.Get("UID") == "session-" + kWinter + "@relais.devup");
  CHECK(e.Get("DTSTAMP").size() == 16);
  CHECK(e.Get("DTSTAMP").back() == 'Z');
  REQUIRE(e.Find("DTSTART"));
  CHECK(e.Find("DTSTART")->params == "TZID=Europe/Paris");
  CHECK(e.Get("DTSTART") == "20260327T090000");  // UTC+1 before the change
  CHECK(e.Get("DTEND") == "20260327T123000");
  CHECK(UnescapeText(e.Get("SUMMARY")) == kTitle);
  CHECK(e.Get("SUMMARY") == "Export\\, douane\\; fiscalité : l'essentiel \\\\ les pièges");
  CHECK(UnescapeText(e.Get("LOCATION")) == kPlace);
  std::string description = UnescapeText(e.Get("DESCRIPTION"));
  CHECK(description.find("Formateur : " + kTrainer) != std::string::npos);
  CHECK(description.find("Lieu : " + kPlace) != std::string::npos);
  CHECK(description.find(kDescription) != std::string::npos);
  CHECK(e.Get("DESCRIPTION").find('\n') == std::string::npos);

  HttpReply summer = Get(net.port(), "/calendrier/session/" + kSummer + ".ics");
  REQUIRE(summer.status == 200);
  Component cal2 = Parse(summer.body);
  const Component* s = EventWithUid(cal2, kSummer);
  REQUIRE(s);
  CHECK(s->Get("DTSTART") == "20260331T093000");  // UTC+2 after the change
  CHECK(s->Get("DTEND") == "20260331T170000");

  // The same session is the same event every time.
  CHECK(Parse(Get(net.port(), "/calendrier/session/" + kWinter + ".ics").body).children.back().Get("UID") ==
        e.Get("UID"));
  CHECK(Get(net.port(), "/calendrier/session/" + NewRowId() + ".ics").status == 404);
  CHECK(Get(net.port(), "/calendrier/session/../../etc.ics").status == 404);
  CHECK(Get(net.port(), "/calendrier/session/xyz.ics").status == 404);
}

TEST_CASE("calendar: a personal feed follows registrations; its address is stable, revocable and secret",
          "[server][calendar]") {
  Network net;
  SeedCourse(net);
  Device lea = net.NewDevice("lea"), claire = net.NewDevice("claire");

  std::string path = FeedPath(net.port(), lea.session.access);
  CHECK(path.rfind("/calendrier/flux/", 0) == 0);
  CHECK(path.size() > 17 + 90);  // user id, then a 256-bit HMAC in hex
  CHECK(FeedPath(net.port(), lea.session.access) == path);  // asked again (another device): the same

  HttpReply empty = Get(net.port(), path);
  REQUIRE(empty.status == 200);
  CHECK(empty.content_type == "text/calendar; charset=utf-8");
  Component cal = Parse(empty.body);
  CheckCalendar(cal);
  CHECK(Children(cal, "VEVENT").empty());

  // Claire takes the summer session's only seat; Léa registers for both.
  REQUIRE(claire.Push({claire.Upsert("registrations", NewRowId(),
                                     {{"session_id", kSummer}, {"member_id", kMemberClaire}, {"requested_at", NowMs()}})})
              .http.status == 200);
  REQUIRE(lea.Push({lea.Upsert("registrations", NewRowId(),
                               {{"session_id", kWinter}, {"member_id", kMemberLea}, {"requested_at", NowMs()}})})
              .http.status == 200);
  Component one = Parse(Get(net.port(), path).body);
  REQUIRE(Children(one, "VEVENT").size() == 1);
  const Component* w = EventWithUid(one, kWinter);
  REQUIRE(w);
  CHECK(w->Get("STATUS") == "CONFIRMED");
  CHECK(w->Get("DTSTART") == "20260327T090000");

  REQUIRE(lea.Push({lea.Upsert("registrations", NewRowId(),
                               {{"session_id", kSummer}, {"member_id", kMemberLea}, {"requested_at", NowMs()}})})
              .http.status == 200);
  Component two = Parse(Get(net.port(), path).body);
  REQUIRE(Children(two, "VEVENT").size() == 2);
  const Component* s = EventWithUid(two, kSummer);
  REQUIRE(s);
  CHECK(s->Get("STATUS") == "TENTATIVE");  // waitlisted
  CHECK(UnescapeText(s->Get("SUMMARY")) == kTitle + " (liste d'attente)");
  CHECK(s->Get("DTSTART") == "20260331T093000");
  CHECK(EventWithUid(two, kWinter)->Get("UID") == w->Get("UID"));

  // Claire's feed is hers: her one session only.
  Component theirs = Parse(Get(net.port(), FeedPath(net.port(), claire.session.access)).body);
  REQUIRE(Children(theirs, "VEVENT").size() == 1);
  CHECK(EventWithUid(theirs, kSummer));

  // Revoked: the old address is gone; asking again gives a new one.
  REQUIRE(Post(net.port(), "/api/calendar/feed/revoke", "{}", "application/json", lea.session.access).status == 204);
  CHECK(Get(net.port(), path).status == 404);
  std::string fresh = FeedPath(net.port(), lea.session.access);
  CHECK(fresh != path);
  CHECK(Get(net.port(), fresh).status == 200);
  CHECK(Get(net.port(), path).status == 404);

  // Unknown or forged addresses: 404, whatever is wrong.
  std::string user_part = fresh.substr(17, 32);
  CHECK(Get(net.port(), "/calendrier/flux/" + user_part + "." + std::string(64, 'a') + ".ics").status == 404);
  CHECK(Get(net.port(), "/calendrier/flux/" + NewRowId() + "." + std::string(64, 'a') + ".ics").status == 404);
  CHECK(Get(net.port(), "/calendrier/flux/nimporte.ics").status == 404);
  CHECK(Post(net.port(), "/api/calendar/feed", "{}", "application/json").status == 401);
  CHECK(Post(net.port(), "/api/calendar/feed", "{}", "application/json", "not-a-token").status == 401);

  // The feed survives a restart (the key is kept in the data folder).
  REQUIRE(net.Start());
  CHECK(Get(net.port(), fresh).status == 200);
}
