// ics.h (core: the client builds a session's .ics offline, the server its
// downloads and feeds, with this one writer) — iCalendar (RFC 5545) text for University sessions: CRLF line
// ends, lines folded at 75 octets without cutting a UTF-8 character, TEXT
// values escaped, times in Europe/Paris with its VTIMEZONE.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace relais {

struct IcsEvent {
  std::string uid;  // stable across exports: the same session is the same event
  int64_t starts_ms = 0, ends_ms = 0;  // UTC
  std::string summary, location, description;
  std::string status;  // CONFIRMED | TENTATIVE | CANCELLED ("" : none)
};

// \ ; , and line breaks escaped as RFC 5545 §3.3.11 says.
std::string IcsEscapeText(const std::string& s);
// One content line, folded, with its CRLF.
std::string IcsFoldLine(const std::string& line);
// "20260329T093000" in Europe/Paris.
std::string IcsParisDateTime(int64_t utc_ms);
std::string IcsUtcDateTime(int64_t utc_ms);  // "20261127T083200Z"

// A VCALENDAR with METHOD:PUBLISH, the Europe/Paris VTIMEZONE and events.
// name: X-WR-CALNAME (calendar apps show it for subscriptions); now_ms: DTSTAMP.
std::string IcsCalendar(const std::string& name, const std::vector<IcsEvent>& events, int64_t now_ms);

// A University session as an event, the same on the server (downloads and
// personal feed) and on the device (offline export): the UID is stable, so a
// calendar app that imported one and subscribed to the other sees one event.
// registration_status ("" for the public export; requested | confirmed |
// waitlisted) is said in the summary and description.
struct IcsSession {
  std::string id;
  int64_t starts_ms = 0, ends_ms = 0;
  std::string place, trainer;
  std::string course_title, course_description;
};
IcsEvent UniversitySessionEvent(const IcsSession& s, const std::string& registration_status);
std::string UniversitySessionFileName(const std::string& session_id);  // "session-<id>.ics"

constexpr const char* kIcsContentType = "text/calendar; charset=utf-8";

}  // namespace relais
