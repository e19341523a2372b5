// advisor_data.h — what the company and case-note screens read from the
// device's store, kept out of the drawing code so that tests call it directly
// and the screens stay about layout. Plain functions over Store; the screens
// cache their results per query and per data version (DataVersion), never
// per frame.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/casework.h"
#include "core/model/company.h"

namespace relais {

struct SessionInfo;  // ui/app.h

// Changes whenever this connection wrote (local edits, sync, demo): the key
// screens cache their queries under. Cheap: one SQLite call.
int64_t DataVersion(Store& st);

// The store's today as YYYY-MM-DD (its clock, so tests can fix it), and that
// date moved by `days`.
std::string TodayIso(Store& st);
std::string AddDaysIso(const std::string& iso, int days);
// What people type as a date: "27/11/2026", "27/11/26" or "2026-11-27" -> ISO;
// nullopt when it is not a real date. "" stays "" (no date).
std::optional<std::string> ParseUserDate(const std::string& text);
// ISO -> "27/11/2026" (French) or the ISO form (English).
std::string ShortDate(const std::string& iso);

// The GDPR bases the contact form offers ("" : not collected), and a basis in words.
extern const char* const kConsentBases[4];
const char* ConsentBasisLabel(const std::string& basis);
// A contact's GDPR status in one line: "Consentement RGPD · 28/03/2025",
// "Base légale RGPD : Intérêt légitime · …", "Consentement RGPD non recueilli".
std::string ConsentText(const Contact& c);

// NAF rev. 2 section letter of a code ("62.01Z" -> 'J'), 0 when unknown.
char NafSection(const std::string& naf);

// The company list's query: as-you-type text plus filters, and the order.
enum class LastContact { Any, Within3Months, Within12Months, Older };  // Older includes "never"
enum class CompanySort { Relevance, Name, LastContact, Commune };
struct CompanyQuery {
  std::string text;
  std::string office_id;   // companies in the office's departments (postcode)
  char naf_section = 0;    // 'A'..'U', 0: any
  LastContact last_contact = LastContact::Any;
  bool mine = false;       // companies the member wrote a note about
  CompanySort sort = CompanySort::Relevance;  // Relevance without text: by name
  bool operator==(const CompanyQuery& o) const;
};
// The ids of the matching live companies, in order. The text goes through
// the full-text search (name, SIREN/SIRET, commune; prefix as typed), which
// ranks at most search::kMaxLimit companies: enough for a narrowing search.
std::vector<std::string> QueryCompanyIds(Store& st, const CompanyQuery& q, const std::string& member_id);

// One line of the list, read only for the rows on screen.
struct CompanyLine {
  std::string id, name, commune, postcode, siret, naf;
  std::string last_contact;  // ISO date or ""
};
std::optional<CompanyLine> ReadCompanyLine(Store& st, const std::string& id);

// SIRET as typed in the create form.
enum class SiretCheck { Empty, Incomplete, NotDigits, BadChecksum, Valid };
SiretCheck CheckSiret(const std::string& typed, int* digits = nullptr);

// "Who in the network already works with this company": each member who
// wrote about it, most recent first, and the lead (most notes in the last 12
// months, then most recent).
struct NetworkContact {
  std::string member_id, name, organisation, office;
  std::string last_on;  // ISO
  int notes = 0, recent_notes = 0;
  bool lead = false;
};
std::vector<NetworkContact> NetworkContacts(Store& st, const std::string& company_id);

// Where a note written on this device stands: not yet on the disk, saved on
// the device (waiting in the outbox), synced (nothing pending), or refused by
// the server. commit: the storage commit of the write, 0 when unknown (a note
// read back after a reload is on the disk).
enum class SaveState { Saving, SavedOnDevice, Synced, Rejected };

// One line of the company timeline: a note, a referral or a diagnosis.
struct TimelineEntry {
  enum Kind { Note, Referral, Diagnosis } kind = Note;
  std::string date;  // ISO
  std::string id;
  std::string who;   // author or "A › B"
  Interaction note;  // Note only
  std::vector<FollowUpAction> actions;  // Note only
  std::string status;  // Referral: its status; Diagnosis: the template id
  std::string text;    // Referral: its message
  bool reminder = false;  // Referral: unanswered 7 days after it was sent
  SaveState save = SaveState::Synced;  // Referral: still on this device only, synced, or refused
};
std::vector<TimelineEntry> CompanyTimeline(Store& st, const std::string& company_id);

std::string MemberName(Store& st, const std::string& member_id);  // "Claire Martin", or "" when unknown

// Only the author edits a note (and only when signed in as a member).
bool CanEditNote(const SessionInfo& session, const Interaction& note);

// A save state and, when refused, why.
struct SaveStatus {
  SaveState state = SaveState::Synced;
  std::string reason;  // Rejected: the server's message (French), "" if it gave none
};
// The same for a row and the rows of child_table whose child_key is its id
// (child_table null: the row alone). A refusal still in the outbox wins (the
// reason of the latest); the Synchro screen dismisses it.
SaveStatus GroupSaveState(Store& st, const char* table, const std::string& id, const char* child_table,
                          const char* child_key, uint64_t commit);
SaveStatus NoteSaveState(Store& st, const std::string& note_id);  // a note and its actions
// Any one synced row (a referral): Saving is not told apart.
SaveStatus RowSaveState(Store& st, const char* table, const std::string& row_id);
// A state read earlier (per data version), as it stands now: SavedOnDevice
// is Saving while commit (0: unknown, so on the disk) is not durable yet.
// Durability moves without the data changing, so screens ask each frame: no query.
SaveState SaveStateNow(SaveState cached, uint64_t commit);

// The follow-ups of the member: open actions assigned to them, or unassigned
// on their own notes; overdue first, then by due date, undated last.
struct FollowUpLine {
  FollowUpAction action;
  std::string company_id, company_name;
  bool overdue = false;
};
std::vector<FollowUpLine> MyFollowUps(Store& st, const std::string& member_id);

// Saves a new note (note.id empty) or an edit of the session's own note with
// its follow-up actions, in one transaction: actions with an id are updated,
// new ones inserted, stored ones missing from `actions` deleted. Throws
// ValidationError (nothing stored) for bad input or a note not theirs.
void SaveNote(Store& st, const SessionInfo& session, Interaction& note, std::vector<FollowUpAction>& actions);

}  // namespace relais

namespace relais {
// The storage commit of this session's last write on a note, a diagnosis or a
// hotline question, by row id (ui only): it says "saved on this device" once
// that commit is durable; 0 when this session wrote nothing on it.
void RememberNoteCommit(const std::string& note_id, uint64_t commit);
uint64_t NoteCommit(const std::string& note_id);
}  // namespace relais
