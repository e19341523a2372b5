// university_admin.h — University management by the network's office staff:
// the course and session forms (parsing what staff type, validation with one
// reason per field), their saves (one local write each, queued for sync, so
// offline too), the catalogue as staff see it (withdrawn courses included,
// with their sessions and seats), a session's roster (confirmed, waiting list
// in the server's order, requests the server has not decided yet, cancelled)
// and registrations made on someone's behalf. Seats stay the server's
// decision (sync-server/seats.h): the device only records requests.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/university.h"

namespace relais {

// --- what staff type ---------------------------------------------------------

// "3 h 30", "3h30", "3h", "1:30", "45 min", "210" (minutes) -> minutes.
std::optional<int> ParseDurationMinutes(const std::string& text);
std::string FormatDurationMinutes(int minutes);  // 210 -> "3 h 30", 60 -> "1 h", 45 -> "45 min"
// "01/12/2026", "1/12/2026", "2026-12-01" -> {y, m, d} (a real calendar day).
struct DayInput {
  int year = 0, month = 0, day = 0;
};
std::optional<DayInput> ParseDay(const std::string& text);
// "9:30", "9h30", "09 h 30", "9h", "14" -> minutes after midnight.
std::optional<int> ParseClock(const std::string& text);
// A Paris wall-clock time as an instant (ms since the epoch, UTC). In the
// spring-forward gap (02:00-03:00 does not exist) the time an hour later;
// in the autumn overlap the first (summer-time) one.
int64_t ParisToUtcMs(const DayInput& day, int minute_of_day);
std::string DayText(int64_t utc_ms);    // "01/12/2026" in Paris
std::string ClockText(int64_t utc_ms);  // "09:30" in Paris

// --- courses -----------------------------------------------------------------

constexpr size_t kCourseTitleMax = 200;
constexpr size_t kCourseDescriptionMax = 4000;
constexpr int kCourseDurationMaxMinutes = 14 * 24 * 60;  // a two-week study visit

// What the course form holds, as typed.
struct CourseForm {
  std::string title, theme, level = "intro", description, duration;
};
enum class CourseIssue { TitleMissing, TitleTooLong, ThemeMissing, LevelUnknown, DurationMissing, DurationUnreadable,
                         DurationTooLong, DescriptionTooLong };
struct FieldIssue {
  std::string field;  // "title", "theme", "level", "duration", "description"
  CourseIssue issue;
};
std::vector<FieldIssue> CheckCourseForm(const CourseForm& f);
CourseForm FormOf(const Course& c);

// Stores the form as a new course (id empty) or onto the stored one (only
// the columns the form holds). Throws ValidationError (nothing written) when
// CheckCourseForm finds a problem; returns the stored row.
Course SaveCourse(Store& st, const std::string& id, const CourseForm& f);
// Withdraws a course from the trainees' catalogue (active = false) or puts it
// back. Its sessions and registrations stay.
Course SetCourseActive(Store& st, const std::string& id, bool active);

// One course as the management list shows it.
struct CourseAdminLine {
  Course course;
  int upcoming = 0;           // sessions still to come
  int64_t next_start = 0;     // the next one, 0 when none
  int seats = 0;              // of the upcoming sessions
  int filled = 0;             // confirmed (or attended) in them
  int waitlisted = 0;         // waiting in them
};
struct CourseAdminFilter {
  std::string text;   // words of the title, theme or description (accents and case ignored)
  std::string theme;  // "" any
  std::string level;  // "" any, else the stored level
  enum class Status { All, Active, Withdrawn } status = Status::All;
};
// By title, active and withdrawn alike.
std::vector<CourseAdminLine> ListCoursesAdmin(Store& st, const CourseAdminFilter& f, int64_t now_ms);

// --- sessions ----------------------------------------------------------------

constexpr int kSessionSeatsMax = 1000;

struct SessionForm {
  std::string day, start, end, last_day;  // last_day: "" the same day (study visits span several)
  std::string place, trainer, seats;
};
enum class SessionIssue { DayMissing, DayUnreadable, StartUnreadable, EndUnreadable, LastDayUnreadable,
                          EndNotAfterStart, TooLong, PlaceMissing, SeatsUnreadable, SeatsNegative, SeatsTooMany,
                          SeatsBelowConfirmed };
struct SessionFieldIssue {
  std::string field;  // "day", "start", "end", "last_day", "place", "seats"
  SessionIssue issue;
};
// confirmed: how many hold a seat now (the seats cannot go below; -1 unknown).
std::vector<SessionFieldIssue> CheckSessionForm(const SessionForm& f, int confirmed = -1);
SessionForm FormOf(const CourseSession& s);

// A new session of course_id (id empty) or the stored one with the form's
// columns (never seats_taken: the server's). Throws ValidationError when
// CheckSessionForm (with the confirmed seats the device holds) refuses.
CourseSession SaveSession(Store& st, const std::string& id, const std::string& course_id, const SessionForm& f);

// The sessions of a course with their counts, by start.
struct SessionAdminLine {
  CourseSession session;
  int confirmed = 0, waitlisted = 0, pending = 0, cancelled = 0;
};
std::vector<SessionAdminLine> CourseSessionsAdmin(Store& st, const std::string& course_id);

// --- a session's registrations ----------------------------------------------

struct RosterEntry {
  Registration reg;
  std::string name;          // the member's name, else the trainee's name, else the e-mail
  std::string email;         // the trainee's, else the member's
  std::string organisation;  // the member's organisation, "" for a trainee outside the network
};
struct Roster {
  std::vector<RosterEntry> confirmed;   // confirmed and attended, by name
  std::vector<RosterEntry> waitlist;    // the server's order: position, then request time
  std::vector<RosterEntry> pending;     // requested, not decided yet: by request time
  std::vector<RosterEntry> cancelled;   // by request time
};
Roster SessionRoster(Store& st, const std::string& session_id);
int ConfirmedCount(Store& st, const std::string& session_id);

// Registers someone on the session: a member (member_id), or a trainee
// outside the network (name and e-mail). A request like any other: the
// server confirms or waitlists it. Throws ValidationError (nothing written)
// for a missing or malformed e-mail, an unknown member, or someone already
// registered and not cancelled.
enum class RegisterIssue { NobodyChosen, NameMissing, EmailInvalid, AlreadyRegistered };
std::optional<RegisterIssue> CheckRegisterOnBehalf(Store& st, const std::string& session_id,
                                                   const std::string& member_id, const std::string& name,
                                                   const std::string& email);
Registration RegisterOnBehalf(Store& st, const std::string& session_id, const std::string& member_id,
                              const std::string& name, const std::string& email);

bool LooksLikeEmail(const std::string& s);

}  // namespace relais
