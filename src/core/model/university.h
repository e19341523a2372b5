// university.h — the Economic Developers' University: courses, their
// sessions, and registrations (seats and waiting list are decided by the
// server; the device records the request).
#pragma once
#include <string>
#include <vector>

#include "core/model/repo.h"

namespace relais {

// level: "intro" (half-day introduction) | "workshop" (specialised) |
// "study_visit".
struct Course : Row {
  static constexpr const char* kTable = "courses";
  static constexpr const char* kOrder = "title";
  std::string theme;
  std::string level = "intro";
  std::string title;
  std::string description;
  int duration_minutes = 0;
  bool active = true;  // false: withdrawn from the trainees' catalogue; its registrations stay (schema v9)

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("theme", s.theme);
    v("level", s.level);
    v("title", s.title);
    v("description", s.description);
    v("duration_minutes", s.duration_minutes);
    v("active", s.active);
  }
};
void BeforeWrite(Course& c);

// Times are instants, ms since the epoch (UTC); the UI shows them in Paris time.
struct CourseSession : Row {
  static constexpr const char* kTable = "course_sessions";
  static constexpr const char* kOrder = "starts_at";
  std::string course_id;
  int64_t starts_at = 0;
  int64_t ends_at = 0;
  std::string place;
  std::string trainer;
  int seats = 0;
  std::optional<int64_t> seats_taken;  // the server's count as last synced (schema v6)

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("course_id", s.course_id);
    v("starts_at", s.starts_at);
    v("ends_at", s.ends_at);
    v("place", s.place);
    v("trainer", s.trainer);
    v("seats", s.seats);
    v("seats_taken", s.seats_taken);
  }
};
void BeforeWrite(CourseSession& s);

// A trainee is a member (member_id) or someone outside the network, such as
// an elected official (trainee_name + trainee_email).
// status: "requested" (set on the device) | "confirmed" | "waitlisted"
// (decided by the server) | "cancelled" | "attended".
struct Registration : Row {
  static constexpr const char* kTable = "registrations";
  static constexpr const char* kOrder = "requested_at";
  std::string session_id;
  std::optional<std::string> member_id;
  std::string trainee_name;
  std::string trainee_email;
  std::string status = "requested";
  int64_t requested_at = 0;
  std::optional<int64_t> waitlist_position;
  std::optional<std::string> attendance;  // "present" | "absent"; none: not marked (schema v6)
  std::optional<int64_t> feedback_rating;  // 1..5
  std::string feedback_comment;

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("session_id", s.session_id);
    v("member_id", s.member_id);
    v("trainee_name", s.trainee_name);
    v("trainee_email", s.trainee_email);
    v("status", s.status);
    v("requested_at", s.requested_at);
    v("waitlist_position", s.waitlist_position);
    v("attendance", s.attendance);
    v("feedback_rating", s.feedback_rating);
    v("feedback_comment", s.feedback_comment);
  }
};
void BeforeWrite(Registration& r);

// A registration request, stamped now; the server confirms or waitlists it.
void RequestRegistration(Store& st, Registration& r);

std::vector<CourseSession> ListSessions(Store& st, std::string_view course_id);
std::vector<Registration> ListRegistrations(Store& st, std::string_view session_id);
// A member's registrations that are not cancelled: their schedule.
std::vector<Registration> ListRegistrationsOf(Store& st, std::string_view member_id);

// --- what the University screens do (ui/university) --------------------------

// The trainee gives their seat (or place in line) back; the server then
// promotes the waiting list. Already cancelled: nothing written.
void CancelRegistration(Store& st, Registration& r);
// Attendance after the session, by the trainer or the network's staff.
void MarkAttendance(Store& st, Registration& r, bool present);
// Present: marked present, or "attended" from before attendance was marked.
bool IsPresent(const Registration& r);
// The trainee's feedback: rating 1..5 (ValidationError otherwise, nothing
// stored), comment up to kFeedbackCommentMax bytes.
constexpr size_t kFeedbackCommentMax = 2000;
void SaveFeedback(Store& st, Registration& r, int rating, const std::string& comment);

// The levels the catalogue shows, in the order of the University's path:
// the stored level, with workshops split by length (a full day is a
// specialised workshop), and the elected officials' track (study visits,
// and any course whose description says it is open to elected officials).
enum class CourseStep { Discovery, Workshop, SpecialisedWorkshop, StudyVisit };
CourseStep StepOf(const Course& c);
bool InElectedTrack(const Course& c);

// Sessions starting at or after from_ms, soonest first (the agenda); those
// of withdrawn courses are left out.
std::vector<CourseSession> UpcomingSessions(Store& st, int64_t from_ms, int limit = 200);

// Seats left as the device last heard: seats minus the larger of the
// server's count (seats_taken) and the confirmed or attended registrations
// the device holds (staff devices hold them all; a trainee's only their own).
int SeatsLeft(Store& st, const CourseSession& s);

}  // namespace relais
