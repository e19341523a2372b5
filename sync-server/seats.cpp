// seats.cpp — see seats.h.
#include "seats.h"

#include <algorithm>

using relais::Value;

namespace {

bool Holds(const std::string& status) { return status == "confirmed" || status == "attended"; }

struct SessionState {
  int64_t seats = 0;
  int64_t taken = 0;
  std::vector<RowRecord> waitlist;  // by position, then arrival
};

SessionState Load(WriteCtx& w, const std::string& session_id, const std::string& skip_id = "") {
  SessionState s;
  RowRecord session = w.tx.GetRow("course_sessions", session_id);
  s.seats = session.Int("seats").value_or(0);
  for (const std::string& id : w.tx.FindRows("registrations", "session_id", Value(session_id))) {
    if (id == skip_id) continue;
    RowRecord r = w.tx.GetRow("registrations", id);
    if (!r.live()) continue;
    std::string st = r.Text("status");
    if (Holds(st))
      s.taken++;
    else if (st == "waitlisted")
      s.waitlist.push_back(std::move(r));
  }
  std::sort(s.waitlist.begin(), s.waitlist.end(), [](const RowRecord& a, const RowRecord& b) {
    int64_t pa = a.Int("waitlist_position").value_or(INT64_MAX), pb = b.Int("waitlist_position").value_or(INT64_MAX);
    return pa != pb ? pa < pb : a.created_hlc < b.created_hlc;
  });
  return s;
}

// The session's seats_taken as the devices see it (schema v6): written when
// it changes, so trainees, who pull only their own registrations, know how
// many seats are left.
void PublishTaken(WriteCtx& w, const std::string& session_id) {
  RowRecord session = w.tx.GetRow("course_sessions", session_id);
  if (!session.live()) return;
  int64_t taken = Load(w, session_id).taken;
  if (session.Int("seats_taken") != taken) ServerWrite(w, session, {{"seats_taken", taken}}, "decide");
}

void Rebalance(WriteCtx& w, const std::string& session_id) {
  SessionState s = Load(w, session_id);
  size_t next = 0;
  for (; next < s.waitlist.size() && s.taken < s.seats; next++, s.taken++)
    ServerWrite(w, s.waitlist[next], {{"status", std::string("confirmed")}, {"waitlist_position", Value()}}, "decide");
  int64_t pos = 1;
  for (size_t i = next; i < s.waitlist.size(); i++, pos++)
    if (s.waitlist[i].Int("waitlist_position") != pos)
      ServerWrite(w, s.waitlist[i], {{"waitlist_position", pos}}, "decide");
}

bool SameRegistrant(const RowRecord& a, const RowRecord& b) {
  std::string ma = a.Text("member_id"), mb = b.Text("member_id");
  if (!ma.empty() || !mb.empty()) return ma == mb;
  std::string ea = a.Text("trainee_email"), eb = b.Text("trainee_email");
  return !ea.empty() && ea == eb;
}

}  // namespace

Refusal AfterRegistrationWrite(WriteCtx& w, const relais::sync::Change& c, const RowRecord& before, RowRecord& after,
                               relais::Fields* decided) {
  std::string session_id = after.Text("session_id");
  std::string was = before.live() ? before.Text("status") : "";
  std::string now = after.live() ? after.Text("status") : "";

  // Pushed "cancelled" by an allowed writer: it stands whatever the HLCs say,
  // or a late decision could silently keep a seat the trainee gave up.
  bool cancels = false;
  for (const relais::Field& f : c.fields)
    cancels = cancels || (f.name == "status" && f.value == Value(std::string("cancelled")));
  if (cancels && after.live() && now != "cancelled") {
    ServerWrite(w, after, {{"status", std::string("cancelled")}, {"waitlist_position", Value()}}, "decide");
    now = "cancelled";
  }

  if (!before.exists && after.live() && (now == "requested" || now.empty())) {
    RowRecord session = w.tx.GetRow("course_sessions", session_id);
    if (!session.live())
      return Refusal{422, "unknown_session", "Cette session n'existe pas ou a été supprimée : inscription impossible."};
    // A device may still list a course the staff withdrew since its last
    // pull: the request is refused with the reason, not given a seat.
    RowRecord course = w.tx.GetRow("courses", session.Text("course_id"));
    if (course.live() && course.Int("active").value_or(1) == 0)
      return Refusal{422, "course_withdrawn",
                     "Cette formation a été retirée du catalogue de l'Université : inscription impossible."};
    SessionState s = Load(w, session_id, after.row_id);
    for (const std::string& id : w.tx.FindRows("registrations", "session_id", Value(session_id))) {
      if (id == after.row_id) continue;
      RowRecord other = w.tx.GetRow("registrations", id);
      if (other.live() && other.Text("status") != "cancelled" && SameRegistrant(other, after))
        return Refusal{422, "already_registered", "Vous êtes déjà inscrit(e) à cette session."};
    }
    if (s.taken < s.seats) {
      *decided = {{"status", std::string("confirmed")}, {"waitlist_position", Value()}};
    } else {
      int64_t last = 0;
      for (const RowRecord& r : s.waitlist) last = std::max(last, r.Int("waitlist_position").value_or(0));
      *decided = {{"status", std::string("waitlisted")}, {"waitlist_position", last + 1}};
    }
    ServerWrite(w, after, *decided, "decide");
    PublishTaken(w, session_id);
    return {};
  }
  // A seat or a place in line was given back.
  if ((Holds(was) || was == "waitlisted") && !Holds(now) && now != "waitlisted") Rebalance(w, session_id);
  if (Holds(was) != Holds(now)) PublishTaken(w, session_id);
  return {};
}

Refusal AfterSessionWrite(WriteCtx& w, const RowRecord& before, const RowRecord& after) {
  if (after.live() && before.exists && before.Int("seats") != after.Int("seats")) {
    // Fewer seats than people already confirmed: someone would lose a seat
    // they were promised. Refused (the whole push); staff cancel first.
    int64_t taken = Load(w, after.row_id).taken, seats = after.Int("seats").value_or(0);
    if (seats < taken)
      return Refusal{422, "seats_below_confirmed",
                     "Impossible de réduire cette session à " + std::to_string(seats) + " place" +
                         (seats > 1 ? "s" : "") + " : " + std::to_string(taken) + " personne" + (taken > 1 ? "s ont" : " a") +
                         " déjà une place confirmée. Annulez d'abord des inscriptions."};
  }
  if (after.live() && before.Int("seats") != after.Int("seats")) Rebalance(w, after.row_id);
  if (after.live() && (before.Int("seats") != after.Int("seats") || !before.exists)) PublishTaken(w, after.row_id);
  return {};
}
