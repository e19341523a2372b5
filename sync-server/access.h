// access.h — who may see and who may write which synced rows. Enforced on
// every pushed change and every pulled row: the device's own filtering is a
// convenience, never the rule.
//
// Read scope
//   courses, course_sessions            everyone
//   registrations                       office_staff/admin: all; others: their own
//                                       (created by them, or member_id = their member)
//   interactions                        not trainees; visibility network: all others,
//                                       organisation: same organisation_id,
//                                       author: the author (author_member_id) only
//   follow_up_actions                   as their interaction
//   members, organisations, offices     not trainees: all; trainees: their own member
//                                       row, its organisation and office (the rows
//                                       their registrations refer to)
//   contact_requests                    admin: all; office_staff: those routed to
//                                       their office; nobody else
//   legal_questions, legal_answers      staff and legal experts: all; the asker: their
//                                       questions and the answers to them; others:
//                                       published answers and their questions
//   every other synced table            everyone but trainees
// Write rules: see CheckWrite in access.cpp, one block per table.
#pragma once
#include <map>
#include <string>

#include "core/sync/protocol.h"
#include "store.h"

// The signed-in user as the rules see them. organisation, office and member
// role come from the synced members row, read in the same transaction as the
// change: a change of organisation applies from the next request on.
struct Actor {
  std::string user_id;
  std::string login;
  std::string display_name;
  std::string role;  // advisor | trainee | office_staff | admin
  std::string member_id;
  std::string organisation_id;
  std::string office_id;
  std::string member_role;  // members.role: advisor | manager | network_staff | legal_expert

  bool staff() const { return role == "office_staff" || role == "admin"; }
  bool trainee() const { return role == "trainee"; }
};

Actor LoadActor(SyncTxn& tx, const UserRecord& u);

// Changes whenever what the actor may see can change as a whole (role,
// member, organisation, office). Part of the pull cursor: a cursor made under
// another scope triggers a full rescan with removals.
std::string ScopeKey(const Actor& a);

bool CanRead(SyncTxn& tx, const Actor& a, const RowRecord& row);
// The same, with the parent notes of follow-up actions already read (by id):
// a pull page reads them in one go instead of one GetRow per action. A
// parent missing from the map is read from tx.
bool CanRead(SyncTxn& tx, const Actor& a, const RowRecord& row, const std::map<std::string, RowPtr>& notes);

// True when rows of this table may leave the actor's sight without the
// actor's scope changing (a note made private, a registration moved): such
// rows are sent as removals when they change. For the other tables an
// unreadable row was never readable under the same scope: nothing to send.
bool RowScoped(const Actor& a, const std::string& table);

// What a reader may see of a row CanRead let through. A hotline question
// published to the knowledge base reaches the whole network, but which SME it
// was about stays with the asker and the legal team: company_id goes out null.
void RedactForReader(const Actor& a, const RowRecord& row, relais::sync::RowState& out);
// Whether it changes anything of this row for this reader (a pull sends the
// row as every reader sees it when not).
bool RedactsForReader(const Actor& a, const RowRecord& row);

struct Refusal {
  int status = 0;  // 0: allowed
  std::string code;
  std::string message;  // French
  explicit operator bool() const { return status != 0; }
};

// before: the stored row (exists == false for a creation).
Refusal CheckWrite(SyncTxn& tx, const Actor& a, const relais::sync::Change& c, const RowRecord& before);
