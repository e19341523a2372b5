// ics.h — iCalendar (RFC 5545) text for University sessions: CRLF line
// ends, lines folded at 75 octets without cutting a UTF-8 character, TEXT
// values escaped, times in Europe/Paris with its VTIMEZONE.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

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

constexpr const char* kIcsContentType = "text/calendar; charset=utf-8";
