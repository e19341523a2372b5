// admin_ui.h — pieces the University management screens share (office
// staff, src/ui/university/admin_*.cpp): level names, the form problems as
// sentences, a field's problem under it, and where a write stands (saved on
// this device, synced, refused), as the other screens say it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/university_admin.h"
#include "ui/companies/advisor_data.h"  // SaveStatus
#include "ui/i18n.h"

namespace relais::ui {

// The stored levels in the order of the University's path, and their names.
const std::vector<std::string>& CourseLevels();  // "intro", "workshop", "study_visit"
const char* LevelName(const std::string& level);

Msg CourseIssueMsg(CourseIssue i);
Msg SessionIssueMsg(SessionIssue i);
Msg RegisterIssueMsg(RegisterIssue i);

// The problem of `field` among issues, in red under the field (a status for
// screen readers); nothing when the field is fine.
void FieldProblem(const std::vector<FieldIssue>& issues, const char* field);
// confirmed: for SeatsBelowConfirmed, how many hold a seat.
void FieldProblem(const std::vector<SessionFieldIssue>& issues, const char* field, int confirmed);

// Where a write of this session stands (w: RowSaveState, read per data
// version), with the server's reason when refused (the sync engine then
// pulls the server's values back). commit: that write's storage commit; 0:
// nothing said.
void WriteState(const SaveStatus& w, uint64_t commit, Msg saved_on_device);

// A section title said to screen readers too.
void AdminHeading(const std::string& text);

}  // namespace relais::ui
