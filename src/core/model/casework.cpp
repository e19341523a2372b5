// casework.cpp — see casework.h.
#include "core/model/casework.h"

#include "core/model/directory.h"
#include "core/model/french_codes.h"

namespace relais {

void BeforeWrite(Interaction& i) {
  Require(IsValidIsoDate(i.occurred_on), "occurred_on", "not a date (YYYY-MM-DD): " + i.occurred_on);
  if (i.contact_id && i.contact_id->empty()) i.contact_id.reset();
}

void BeforeWrite(FollowUpAction& a) {
  Require(!a.title.empty(), "title", "a follow-up action needs a title");
  if (a.due_on && a.due_on->empty()) a.due_on.reset();
  if (a.done_on && a.done_on->empty()) a.done_on.reset();
  if (a.assignee_member_id && a.assignee_member_id->empty()) a.assignee_member_id.reset();
  Require(!a.due_on || IsValidIsoDate(*a.due_on), "due_on", "not a date (YYYY-MM-DD): " + a.due_on.value_or(""));
  Require(!a.done_on || IsValidIsoDate(*a.done_on), "done_on", "not a date (YYYY-MM-DD): " + a.done_on.value_or(""));
}

void InsertInteraction(Store& st, Interaction& note, std::vector<FollowUpAction>& actions) {
  // Work on copies: the caller's structs change only once everything is stored.
  Interaction n = note;
  std::vector<FollowUpAction> acts = actions;
  Tx tx(st.db);
  if (n.organisation_id.empty()) {
    std::optional<Member> author = Get<Member>(st, n.author_member_id);
    if (!author) throw ValidationError("author_member_id", "no member " + n.author_member_id);
    n.organisation_id = author->organisation_id;
  }
  Insert(st, n);
  for (FollowUpAction& a : acts) {
    a.interaction_id = n.id;
    Insert(st, a);
  }
  tx.Commit();
  note = std::move(n);
  actions = std::move(acts);
}

std::vector<Interaction> ListInteractions(Store& st, std::string_view company_id) {
  return List<Interaction>(st, "company_id = ?", company_id);
}

std::vector<FollowUpAction> ListActions(Store& st, std::string_view interaction_id) {
  return List<FollowUpAction>(st, "interaction_id = ?", interaction_id);
}

std::vector<FollowUpAction> ListOpenActionsFor(Store& st, std::string_view member_id) {
  return List<FollowUpAction>(st, "assignee_member_id = ? AND status = 'open'", member_id);
}

void BeforeWrite(Referral& r) {
  Require(r.from_member_id != r.to_member_id, "to_member_id", "a member cannot refer a company to themselves");
  Require(r.status != "declined" || !r.reason.empty(), "reason", "a declined referral needs a reason");
}

void SendReferral(Store& st, Referral& r) {
  Referral copy = r;
  copy.status = "sent";
  copy.reason.clear();
  copy.sent_at = st.now_ms();
  copy.accepted_at = copy.declined_at = copy.done_at = std::nullopt;
  Insert(st, copy);
  r = std::move(copy);
}

void SetReferralStatus(Store& st, Referral& r, const std::string& status, const std::string& reason) {
  Tx tx(st.db);
  // The stored status decides, not the caller's copy, which may be stale
  // (a sync may have moved the referral meanwhile).
  std::optional<Referral> cur = Get<Referral>(st, r.id);
  if (!cur || cur->deleted()) throw RowNotFound("referral " + r.id + ": no such row");
  const std::string& from = cur->status;
  bool allowed =
      (from == "sent" && (status == "accepted" || status == "declined")) || (from == "accepted" && status == "done");
  Require(allowed, "status", "a referral cannot go from " + from + " to " + status);
  Referral next = *cur;
  next.status = status;
  if (!reason.empty()) next.reason = reason;
  int64_t now = st.now_ms();
  if (status == "accepted") next.accepted_at = now;
  if (status == "declined") next.declined_at = now;
  if (status == "done") next.done_at = now;
  Update(st, next);
  tx.Commit();
  r = std::move(next);
}

std::vector<Referral> ListReferralsTo(Store& st, std::string_view member_id) {
  return List<Referral>(st, "to_member_id = ?", member_id);
}

std::vector<Referral> ListReferralsFrom(Store& st, std::string_view member_id) {
  return List<Referral>(st, "from_member_id = ?", member_id);
}

bool ReferralNeedsReminder(const Referral& r, int64_t now_ms) {
  return r.status == "sent" && now_ms - r.sent_at >= kReferralReminderMs;
}

static bool BlankText(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

void SendReferralFrom(Store& st, Referral& r, const std::string& from_member_id) {
  Require(!from_member_id.empty(), "from_member_id", "sign in as a member to refer a company");
  Require(!r.company_id.empty(), "company_id", "a referral is about a company");
  Require(!r.to_member_id.empty(), "to_member_id", "a referral needs a recipient");
  Require(!BlankText(r.message), "message", "a referral needs a message");
  Referral copy = r;
  copy.from_member_id = from_member_id;
  SendReferral(st, copy);
  r = std::move(copy);
}

bool CanRespondToReferral(const Referral& r, std::string_view member_id) {
  return !member_id.empty() && r.to_member_id == member_id;
}

void RespondToReferral(Store& st, Referral& r, std::string_view member_id, const std::string& status,
                       const std::string& reason) {
  std::optional<Referral> cur = Get<Referral>(st, r.id);
  if (!cur || cur->deleted()) throw RowNotFound("referral " + r.id + ": no such row");
  Require(CanRespondToReferral(*cur, member_id), "to_member_id", "only the recipient answers a referral");
  Require(status != "declined" || !BlankText(reason), "reason", "a declined referral needs a reason");
  SetReferralStatus(st, r, status, reason);
}

std::vector<Referral> ListReferralsForCompany(Store& st, std::string_view company_id) {
  return List<Referral>(st, "company_id = ?", company_id);
}

}  // namespace relais
