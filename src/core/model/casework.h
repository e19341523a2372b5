// casework.h — the shared follow-up of SMEs: interactions (case notes), their
// follow-up actions, and referrals of a company from one member to another.
#pragma once
#include <string>
#include <vector>

#include "core/model/repo.h"

namespace relais {

// kind: "visit" | "call" | "email" | "event".
// visibility: "network" (every member), "organisation" (members of
// organisation_id, the author's organisation when written) or "author".
// topics and services are tags; services are the services delivered.
struct Interaction : Row {
  static constexpr const char* kTable = "interactions";
  static constexpr const char* kOrder = "occurred_on DESC, created_hlc DESC";
  std::string company_id;
  std::string kind = "visit";
  std::string occurred_on;  // YYYY-MM-DD
  std::string author_member_id;
  std::string organisation_id;
  std::optional<std::string> contact_id;
  std::vector<std::string> topics;
  std::vector<std::string> services;
  std::string note;
  std::string visibility = "network";

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("company_id", s.company_id);
    v("kind", s.kind);
    v("occurred_on", s.occurred_on);
    v("author_member_id", s.author_member_id);
    v("organisation_id", s.organisation_id);
    v("contact_id", s.contact_id);
    v("topics", s.topics);
    v("services", s.services);
    v("note", s.note);
    v("visibility", s.visibility);
  }
};
void BeforeWrite(Interaction& i);

// status: "open" | "done".
struct FollowUpAction : Row {
  static constexpr const char* kTable = "follow_up_actions";
  static constexpr const char* kOrder = "due_on IS NULL, due_on, created_hlc";
  std::string interaction_id;
  std::string title;
  std::optional<std::string> due_on;  // YYYY-MM-DD
  std::string status = "open";
  std::optional<std::string> assignee_member_id;
  std::optional<std::string> done_on;  // YYYY-MM-DD

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("interaction_id", s.interaction_id);
    v("title", s.title);
    v("due_on", s.due_on);
    v("status", s.status);
    v("assignee_member_id", s.assignee_member_id);
    v("done_on", s.done_on);
  }
};
void BeforeWrite(FollowUpAction& a);

// Stores a case note with its follow-up actions as one transaction: all of
// them (rows and outbox entries) or none. Fills organisation_id from the
// author's member record when empty, and each action's interaction_id.
void InsertInteraction(Store& st, Interaction& note, std::vector<FollowUpAction>& actions);

// The company's timeline, newest first.
std::vector<Interaction> ListInteractions(Store& st, std::string_view company_id);
std::vector<FollowUpAction> ListActions(Store& st, std::string_view interaction_id);
// Open actions assigned to a member, soonest due first.
std::vector<FollowUpAction> ListOpenActionsFor(Store& st, std::string_view member_id);

// status: "sent" -> "accepted" | "declined"; "accepted" -> "done".
// Each status change stamps its time (ms since the epoch); reason explains a
// decline or the outcome.
struct Referral : Row {
  static constexpr const char* kTable = "referrals";
  static constexpr const char* kOrder = "sent_at DESC";
  std::string company_id;
  std::string from_member_id;
  std::string to_member_id;
  std::string message;
  std::string status = "sent";
  std::string reason;
  int64_t sent_at = 0;
  std::optional<int64_t> accepted_at;
  std::optional<int64_t> declined_at;
  std::optional<int64_t> done_at;

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("company_id", s.company_id);
    v("from_member_id", s.from_member_id);
    v("to_member_id", s.to_member_id);
    v("message", s.message);
    v("status", s.status);
    v("reason", s.reason);
    v("sent_at", s.sent_at);
    v("accepted_at", s.accepted_at);
    v("declined_at", s.declined_at);
    v("done_at", s.done_at);
  }
};
void BeforeWrite(Referral& r);

// Sends a referral: status "sent", sent_at now.
void SendReferral(Store& st, Referral& r);
// Moves a referral along ("accepted", "declined", "done"), stamping the time.
// Throws ValidationError for a move the workflow does not allow.
void SetReferralStatus(Store& st, Referral& r, const std::string& status, const std::string& reason = "");
std::vector<Referral> ListReferralsTo(Store& st, std::string_view member_id);
std::vector<Referral> ListReferralsFrom(Store& st, std::string_view member_id);
std::vector<Referral> ListReferralsForCompany(Store& st, std::string_view company_id);

// A referral nobody answered (still "sent") this long after it was sent is to
// be chased up ("à relancer") by both sides.
constexpr int64_t kReferralReminderMs = 7LL * 24 * 3600 * 1000;
bool ReferralNeedsReminder(const Referral& r, int64_t now_ms);

// Sends a referral written on the device by `from_member_id`: it needs a
// company, a recipient other than the sender and a message (ValidationError,
// nothing stored, otherwise).
void SendReferralFrom(Store& st, Referral& r, const std::string& from_member_id);

// Only the recipient answers a referral (accepts, declines with a reason, or
// closes it as done): the server enforces the same rule (sync-server/access.cpp).
bool CanRespondToReferral(const Referral& r, std::string_view member_id);
void RespondToReferral(Store& st, Referral& r, std::string_view member_id, const std::string& status,
                       const std::string& reason = "");

}  // namespace relais
