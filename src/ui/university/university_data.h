// university_data.h — what the University screens read and write on the
// device's store, out of the drawing code (tests call it directly). Plain
// functions over Store; screens cache results per data version.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/locale.h"
#include "core/model/university.h"

namespace relais {

struct SessionInfo;  // ui/app.h

// The catalogue's filters: free text (the core full-text search, which
// covers courses), a theme ("" any), a step of the path (nullopt any) and
// the elected officials' track.
struct CourseFilter {
  std::string text;
  std::string theme;
  std::optional<CourseStep> step;
  bool elected = false;
  bool operator==(const CourseFilter& o) const {
    return text == o.text && theme == o.theme && step == o.step && elected == o.elected;
  }
};

std::vector<std::string> CourseThemes(Store& st);  // distinct, sorted

struct CourseLine {
  Course course;
  int upcoming = 0;          // sessions still to come
  int64_t next_start = 0;    // the next one, 0 when none
};
// Matching courses: by relevance when searching, else by title.
std::vector<CourseLine> QueryCourses(Store& st, const CourseFilter& f, int64_t now_ms);

// A session with what the device knows about it for this user.
struct SessionLine {
  CourseSession session;
  std::string course_title;
  int seats_left = 0;                 // as last synced
  std::optional<Registration> mine;   // the user's live registration (not cancelled), if any
  bool promoted = false;              // confirmed after this device saw it waitlisted
};
std::vector<SessionLine> CourseSessionLines(Store& st, const std::string& course_id, const std::string& member_id);
std::vector<SessionLine> AgendaLines(Store& st, int64_t now_ms, const std::string& member_id, int limit = 60);
// "Mon planning": the user's registrations. Upcoming ones next first; past
// ones (ended before now) most recent first.
std::vector<SessionLine> MySchedule(Store& st, const std::string& member_id, int64_t now_ms, bool past);
std::optional<SessionLine> SessionById(Store& st, const std::string& session_id, const std::string& member_id);

// Registers the signed-in member (a pending request until the server
// decides) or cancels. Throw ValidationError / DbError; nothing is written then.
Registration RegisterForSession(Store& st, const SessionInfo& session, const std::string& session_id);

// The attendance sheet: who holds a seat (confirmed, attended), by name.
struct Registrant {
  Registration reg;
  std::string name;
};
std::vector<Registrant> SessionRegistrants(Store& st, const std::string& session_id);
bool CanMarkAttendance(const SessionInfo& session);  // office staff and admins

// The .ics of one session, built on the device (core/ics.h, the writer the
// server uses): works offline. status: the user's registration status or "".
std::string SessionIcs(Store& st, const std::string& session_id, const std::string& status, int64_t now_ms);

// Waiting-list promotions: the device remembers the last status it showed
// for each registration (sync_state "univ.seen.<id>"); one seen waitlisted
// and now confirmed is marked promoted ("univ.promoted.<id>") for good.
void NoteRegistrationStatuses(Store& st);

// Dates and times in Paris: "mardi 1er décembre 2026", "9 h 30 – 13 h 00"
// (English: "Tuesday 1 December 2026", "9:30 – 13:00").
std::string SessionDay(int64_t utc_ms, Lang lang);
std::string SessionHours(int64_t start_ms, int64_t end_ms, Lang lang);

}  // namespace relais
