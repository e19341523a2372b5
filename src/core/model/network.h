// network.h — the office staff's management of the network: members,
// organisations and offices created, edited and deactivated (never deleted:
// notes, referrals and registrations name them for years), the convention and
// code-of-conduct signatures, and who has not signed.
//
// Every write goes through repo.h (Insert / Update), so the row and its
// outbox entry commit together and the change syncs like any other. The
// checks here come on top of the entities' BeforeWrite: what a form must
// refuse (a member with no organisation, a malformed email), which the sync
// must still accept from older rows.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/directory.h"
#include "core/reports/csv.h"

namespace relais {

// The four signatures every active member owes.
enum class SignatureSlot { ConventionMember, ConventionHierarchy, CodeMember, CodeHierarchy };
constexpr SignatureSlot kSignatureSlots[] = {SignatureSlot::ConventionMember, SignatureSlot::ConventionHierarchy,
                                             SignatureSlot::CodeMember, SignatureSlot::CodeHierarchy};
bool HasSlot(const SignatureStatus& s, SignatureSlot slot);
std::vector<SignatureSlot> MissingSlots(const SignatureStatus& s);
const char* SlotKind(SignatureSlot slot);    // "convention" | "code_of_conduct"
const char* SlotSigner(SignatureSlot slot);  // "member" | "hierarchy"

// The organisation kinds the forms offer (keys stored in organisations.kind).
const std::vector<std::string>& OrganisationKinds();
const std::vector<std::string>& MemberRoles();  // advisor, manager, network_staff, legal_expert

// "a@b.fr": one @, something before, a dotted domain after, no spaces.
bool LooksLikeEmail(std::string_view email);
// "45", "2A", "971": a French department code.
bool IsDepartmentCode(std::string_view code);
// What people type in a list field: "export, innovation ,,R&D" ->
// {"export", "innovation", "R&D"} (trimmed, empty and repeated ones dropped).
std::vector<std::string> SplitList(std::string_view text);
std::string JoinList(const std::vector<std::string>& items);  // ", "

// Create (empty id) or edit, after the form's checks; throws ValidationError
// (field = the column at fault) and writes nothing when one fails. Text is
// trimmed. The row's sync columns are filled in on success.
void SaveMember(Store& st, Member& m);
void SaveOrganisation(Store& st, Organisation& o);
void SaveOffice(Store& st, Office& o);
// Deactivate (active false) or reactivate; false when there is no such live
// row or it already was so (nothing queued).
bool SetMemberActive(Store& st, const std::string& id, bool active);
// An organisation that leaves the network takes its members with it:
// deactivating it deactivates its active members in the same write (their
// accounts can no longer sign in or sync); *members (if given) says how
// many. Reactivating it brings back the organisation alone: each member is
// reactivated from their own record, as staff decide.
bool SetOrganisationActive(Store& st, const std::string& id, bool active, int* members = nullptr);
// The organisation's active members (what deactivating it would take along).
int ActiveMemberCount(Store& st, const std::string& organisation_id);
bool SetOfficeActive(Store& st, const std::string& id, bool active);
// A signature of an existing member: kind, signer, a signer's name, a real
// date not after today (Paris). Throws ValidationError.
void RecordSignature(Store& st, Signature& s);

// One member as the staff's list shows them.
struct NetworkMemberLine {
  Member member;
  std::string organisation_name, office_name;  // "" when none
  SignatureStatus signatures;
};
struct NetworkMemberFilter {
  std::string text;       // in the name, organisation, office, job title or email; accents and case ignored
  int active = 1;         // 1 active only, 0 inactive only, -1 both
  std::string office_id;  // "" every office
};
std::vector<NetworkMemberLine> ListNetworkMembers(Store& st, const NetworkMemberFilter& f);

// Active members who miss one of the four signatures, by office name (members
// with no office last), then name; with what each misses.
struct NotSignedLine {
  std::string member_id, name, organisation_name, office_id, office_name;
  std::vector<SignatureSlot> missing;
};
std::vector<NotSignedLine> ListNotSigned(Store& st, const std::string& office_id = "");
// The same as a table for the CSV export (French headers, one row per member).
reports::Table NotSignedTable(const std::vector<NotSignedLine>& lines);

// Choices for pickers: (id, name) of active rows by name, plus keep_id's row
// when it is inactive (the record being edited still names it).
std::vector<std::pair<std::string, std::string>> ActiveOrganisationChoices(Store& st, const std::string& keep_id = "");
std::vector<std::pair<std::string, std::string>> ActiveOfficeChoices(Store& st, const std::string& keep_id = "");

}  // namespace relais
