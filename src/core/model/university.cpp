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

}  // namespace relais
