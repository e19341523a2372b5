// ics.cpp — see ics.h.
#include "core/ics.h"

#include <cstdio>

#include "core/paris_time.h"

namespace relais {

std::string IcsEscapeText(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); i++) {
    char c = s[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\r':
        if (i + 1 < s.size() && s[i + 1] == '\n') break;  // CR LF: one break
        out += "\\n";
        break;
      case '\n': out += "\\n"; break;
      default:
        // Other controls are not allowed in TEXT (§3.3.11): dropped.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') out += c;
    }
  }
  return out;
}

std::string IcsFoldLine(const std::string& line) {
  // 75 octets per physical line, CRLF excluded; a continuation line starts
  // with one space, which counts. Cut before a UTF-8 continuation byte, never
  // inside a character.
  std::string out;
  size_t i = 0;
  size_t room = 75;
  while (line.size() - i > room) {
    size_t cut = i + room;
    while (cut > i && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) cut--;
    out.append(line, i, cut - i);
    out += "\r\n ";
    i = cut;
    room = 74;
  }
  out.append(line, i, std::string::npos);
  out += "\r\n";
  return out;
}

namespace {

std::string Format(const CivilTime& c, bool utc) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02d%s", c.year, c.month, c.day, c.hour, c.minute, c.second,
                utc ? "Z" : "");
  return buf;
}

// The EU rule since 1996, as calendar apps expect it spelt out.
const char* const kParisTimezone =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Paris\r\n"
    "X-LIC-LOCATION:Europe/Paris\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\n"
    "DTSTART:19810329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:CET\r\n"
    "DTSTART:19961027T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

}  // namespace

std::string IcsParisDateTime(int64_t utc_ms) { return Format(ParisCivil(utc_ms), false); }
std::string IcsUtcDateTime(int64_t utc_ms) { return Format(UtcCivil(utc_ms), true); }

std::string IcsCalendar(const std::string& name, const std::vector<IcsEvent>& events, int64_t now_ms) {
  std::string out;
  auto line = [&](const std::string& l) { out += IcsFoldLine(l); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//dev'up Centre-Val de Loire//Relais Universite//FR");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + IcsEscapeText(name));
  line("X-WR-TIMEZONE:Europe/Paris");
  out += kParisTimezone;
  const std::string stamp = IcsUtcDateTime(now_ms);
  for (const IcsEvent& e : events) {
    line("BEGIN:VEVENT");
    line("UID:" + e.uid);
    line("DTSTAMP:" + stamp);
    line("DTSTART;TZID=Europe/Paris:" + IcsParisDateTime(e.starts_ms));
    line("DTEND;TZID=Europe/Paris:" + IcsParisDateTime(e.ends_ms));
    line("SUMMARY:" + IcsEscapeText(e.summary));
    if (!e.location.empty()) line("LOCATION:" + IcsEscapeText(e.location));
    if (!e.description.empty()) line("DESCRIPTION:" + IcsEscapeText(e.description));
    if (!e.status.empty()) line("STATUS:" + e.status);
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

IcsEvent UniversitySessionEvent(const IcsSession& s, const std::string& registration_status) {
  IcsEvent e;
  e.uid = "session-" + s.id + "@relais.devup";
  e.starts_ms = s.starts_ms;
  e.ends_ms = s.ends_ms < s.starts_ms ? s.starts_ms : s.ends_ms;
  e.summary = s.course_title.empty() ? "Session de l'Université" : s.course_title;
  e.location = s.place;
  std::string d;
  if (!s.trainer.empty()) d += "Formateur : " + s.trainer + "\n";
  if (!e.location.empty()) d += "Lieu : " + e.location + "\n";
  if (registration_status == "confirmed") d += "Inscription confirmée.\n";
  if (registration_status == "waitlisted") d += "Vous êtes en liste d'attente.\n";
  if (registration_status == "requested") d += "Inscription en attente de décision.\n";
  if (!s.course_description.empty()) d += "\n" + s.course_description;
  while (!d.empty() && d.back() == '\n') d.pop_back();
  e.description = d;
  if (registration_status == "waitlisted") e.summary += " (liste d'attente)";
  if (registration_status == "requested") e.summary += " (demande en cours)";
  e.status = registration_status.empty() || registration_status == "confirmed" ? "CONFIRMED" : "TENTATIVE";
  return e;
}

std::string UniversitySessionFileName(const std::string& session_id) { return "session-" + session_id + ".ics"; }

}  // namespace relais
