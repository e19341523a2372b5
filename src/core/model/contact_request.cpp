// contact_request.cpp — see contact_request.h.
#include "core/model/contact_request.h"

namespace relais {

bool IsContactRequestStatus(const std::string& status) {
  return status == "new" || status == "assigned" || status == "contacted" || status == "closed";
}

void BeforeWrite(ContactRequest& r) {
  Require(IsContactRequestStatus(r.status), "status", "unknown status: " + r.status);
  Require(!r.office_id.empty(), "office_id", "a request is routed to an office");
  if (r.assignee_member_id && r.assignee_member_id->empty()) r.assignee_member_id.reset();
}

std::vector<ContactRequest> ListContactRequests(Store& st, std::string_view office_id) {
  if (office_id.empty()) return List<ContactRequest>(st);
  return List<ContactRequest>(st, "office_id = ?", office_id);
}

int CountNewContactRequests(Store& st, std::string_view office_id) {
  return static_cast<int>(st.db
                              .QueryInt("SELECT count(*) FROM contact_requests WHERE deleted_hlc IS NULL AND "
                                        "status = 'new' AND (?1 = '' OR office_id = ?1)",
                                        office_id)
                              .value_or(0));
}

ContactRequest FollowUpContactRequest(Store& st, const std::string& request_id, const ContactRequestFollowUp& f,
                                      int64_t now_ms) {
  Tx tx(st.db);
  std::optional<ContactRequest> cur = Get<ContactRequest>(st, request_id);
  if (!cur || cur->deleted()) throw RowNotFound("contact request " + request_id + ": no such row");
  ContactRequest r = *cur;

  if (f.office_id && *f.office_id != r.office_id) {
    Require(st.db.QueryInt("SELECT 1 FROM offices WHERE id = ? AND deleted_hlc IS NULL AND active = 1", *f.office_id)
                .has_value(),
            "office_id", "no such office: " + *f.office_id);
    r.office_id = *f.office_id;
    r.status = "new";
    r.assignee_member_id.reset();
    r.assigned_at.reset();
  }
  if (f.assignee_member_id && *f.assignee_member_id != r.assignee_member_id.value_or("")) {
    if (f.assignee_member_id->empty()) {
      r.assignee_member_id.reset();
      r.assigned_at.reset();
      if (r.status == "assigned") r.status = "new";
    } else {
      Require(st.db
                  .QueryInt("SELECT 1 FROM members WHERE id = ? AND deleted_hlc IS NULL AND active = 1",
                            *f.assignee_member_id)
                  .has_value(),
              "assignee_member_id", "no such member: " + *f.assignee_member_id);
      r.assignee_member_id = *f.assignee_member_id;
      r.assigned_at = now_ms;
      if (r.status == "new") r.status = "assigned";
    }
  }
  if (f.status) {
    Require(IsContactRequestStatus(*f.status), "status", "unknown status: " + *f.status);
    r.status = *f.status;
  }
  Require(r.status != "assigned" || r.assignee_member_id.has_value(), "assignee_member_id",
          "an assigned request needs someone to follow it");
  if (f.staff_note) r.staff_note = *f.staff_note;

  Update(st, r);
  tx.Commit();
  return r;
}

}  // namespace relais
