// contact_request.h — contact requests left by SMEs on the public
// orientation portal (schema v5). The server creates them (sync-server/
// portal.cpp) and sends each to the staff of the office it is routed to, who
// follow it up on their devices: assign it to a member of the office, move
// its status along, keep a note, or send it to another office.
//
// What the SME wrote and consented to is a record that never changes: the
// server refuses any change but status, assignee_member_id, assigned_at,
// staff_note and office_id (sync-server/access.cpp). FollowUpContactRequest
// writes only those, starting from the stored row.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/model/repo.h"

namespace relais {

// status: "new" | "assigned" | "contacted" | "closed". needs: the portal's
// need keys ("export", "financement", ...). consent_* as on contacts, with
// the exact text the SME agreed to. submitted_at, assigned_at: ms since the epoch.
struct ContactRequest : Row {
  static constexpr const char* kTable = "contact_requests";
  // New ones first, then the ones under way; newest first within each.
  static constexpr const char* kOrder =
      "CASE status WHEN 'new' THEN 0 WHEN 'assigned' THEN 1 WHEN 'contacted' THEN 2 ELSE 3 END, "
      "submitted_at DESC, id";
  std::string office_id;
  std::string commune_insee;
  std::string commune_name;
  std::string company_name;
  std::string contact_name;
  std::string email;
  std::string phone;
  std::vector<std::string> needs;
  std::string message;
  std::string consent_basis = "consent";
  std::string consent_date;  // YYYY-MM-DD
  std::string consent_source = "portal";
  std::string consent_text;
  int64_t submitted_at = 0;
  std::string status = "new";
  std::optional<std::string> assignee_member_id;
  std::optional<int64_t> assigned_at;
  std::string staff_note;

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("office_id", s.office_id);
    v("commune_insee", s.commune_insee);
    v("commune_name", s.commune_name);
    v("company_name", s.company_name);
    v("contact_name", s.contact_name);
    v("email", s.email);
    v("phone", s.phone);
    v("needs", s.needs);
    v("message", s.message);
    v("consent_basis", s.consent_basis);
    v("consent_date", s.consent_date);
    v("consent_source", s.consent_source);
    v("consent_text", s.consent_text);
    v("submitted_at", s.submitted_at);
    v("status", s.status);
    v("assignee_member_id", s.assignee_member_id);
    v("assigned_at", s.assigned_at);
    v("staff_note", s.staff_note);
  }
};
// Checks the status; nothing of the SME's is normalised (it must stay as sent).
void BeforeWrite(ContactRequest& r);

bool IsContactRequestStatus(const std::string& status);

// The requests routed to an office, new first ("" : every office's).
std::vector<ContactRequest> ListContactRequests(Store& st, std::string_view office_id);
// How many requests of the office wait for someone ("new").
int CountNewContactRequests(Store& st, std::string_view office_id);

// What staff change on a request; unset members stay as stored.
struct ContactRequestFollowUp {
  std::optional<std::string> status;
  std::optional<std::string> assignee_member_id;  // "" unassigns
  std::optional<std::string> staff_note;
  std::optional<std::string> office_id;  // another office takes it over
};

// Applies a follow-up to the stored request as one write (one outbox entry
// holding only the changed columns) and returns the request as stored.
// Rules:
//   - another office: the request starts over there ("new", nobody assigned);
//   - a new assignee stamps assigned_at (now_ms) and moves a "new" request to
//     "assigned"; unassigning clears assigned_at and moves "assigned" back to "new";
//   - an explicit status applies last; "assigned" needs an assignee.
// Throws RowNotFound (no such live request) and ValidationError (unknown
// status, "assigned" without assignee, an assignee or office that is not on
// the device).
ContactRequest FollowUpContactRequest(Store& st, const std::string& request_id, const ContactRequestFollowUp& f,
                                      int64_t now_ms);

}  // namespace relais
