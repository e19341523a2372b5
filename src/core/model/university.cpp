// university.cpp — see university.h.
#include "core/model/university.h"

namespace relais {

void BeforeWrite(Course& c) {
  Require(!c.title.empty(), "title", "a course needs a title");
  Require(c.duration_minutes > 0, "duration_minutes", "a course lasts some time");
}

void BeforeWrite(CourseSession& s) {
  Require(s.ends_at >= s.starts_at, "ends_at", "a session cannot end before it starts");
  Require(s.seats >= 0, "seats", "seats cannot be negative");
}

void BeforeWrite(Registration& r) {
  if (r.member_id && r.member_id->empty()) r.member_id.reset();
  Require(r.member_id || !r.trainee_email.empty(), "member_id", "who registers? a member or a trainee's e-mail");
  if (r.attendance && r.attendance->empty()) r.attendance.reset();
  Require(!r.attendance || *r.attendance == "present" || *r.attendance == "absent", "attendance",
          "attendance is present or absent");
  Require(!r.feedback_rating || (*r.feedback_rating >= 1 && *r.feedback_rating <= 5), "feedback_rating",
          "la note va de 1 à 5");
  Require(r.feedback_comment.size() <= kFeedbackCommentMax, "feedback_comment", "commentaire trop long");
}

void RequestRegistration(Store& st, Registration& r) {
  Registration copy = r;
  copy.status = "requested";
  copy.requested_at = st.now_ms();
  copy.waitlist_position.reset();
  Insert(st, copy);
  r = std::move(copy);
}

std::vector<CourseSession> ListSessions(Store& st, std::string_view course_id) {
  return List<CourseSession>(st, "course_id = ?", course_id);
}

std::vector<Registration> ListRegistrations(Store& st, std::string_view session_id) {
  return List<Registration>(st, "session_id = ?", session_id);
}

std::vector<Registration> ListRegistrationsOf(Store& st, std::string_view member_id) {
  return List<Registration>(st, "member_id = ? AND status <> 'cancelled'", member_id);
}

void CancelRegistration(Store& st, Registration& r) {
  if (r.status == "cancelled") return;
  Registration copy = r;
  copy.status = "cancelled";  // waitlist_position stays: the line is the server's to write
  Update(st, copy);
  r = std::move(copy);
}

void MarkAttendance(Store& st, Registration& r, bool present) {
  Registration copy = r;
  copy.attendance = present ? "present" : "absent";
  Update(st, copy);
  r = std::move(copy);
}

bool IsPresent(const Registration& r) {
  return r.attendance ? *r.attendance == "present" : r.status == "attended";
}

void SaveFeedback(Store& st, Registration& r, int rating, const std::string& comment) {
  Registration copy = r;
  copy.feedback_rating = rating;
  copy.feedback_comment = comment;
  Update(st, copy);  // BeforeWrite refuses a bad rating before anything is written
  r = std::move(copy);
}

CourseStep StepOf(const Course& c) {
  if (c.level == "intro") return CourseStep::Discovery;
  if (c.level == "study_visit") return CourseStep::StudyVisit;
  return c.duration_minutes > 240 ? CourseStep::SpecialisedWorkshop : CourseStep::Workshop;
}

bool InElectedTrack(const Course& c) {
  return c.level == "study_visit" || c.description.find("élus") != std::string::npos;
}

std::vector<CourseSession> UpcomingSessions(Store& st, int64_t from_ms, int limit) {
  std::vector<CourseSession> out = List<CourseSession>(
      st, "starts_at >= ? AND course_id NOT IN (SELECT id FROM courses WHERE active = 0)", from_ms);
  if (limit >= 0 && out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
  return out;
}

int SeatsLeft(Store& st, const CourseSession& s) {
  Stmt q = st.db.Prepare(
      "SELECT count(*) FROM registrations WHERE session_id = ? AND deleted_hlc IS NULL "
      "AND status IN ('confirmed', 'attended')");
  q.BindText(1, s.id);
  int64_t taken = q.Step() ? q.Int(0) : 0;
  if (s.seats_taken && *s.seats_taken > taken) taken = *s.seats_taken;
  return taken >= s.seats ? 0 : s.seats - static_cast<int>(taken);
}

}  // namespace relais
