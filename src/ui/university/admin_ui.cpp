// admin_ui.cpp — see admin_ui.h.
#include "ui/university/admin_ui.h"

#include <cstdio>

#include "imgui.h"
#include "ui/mirror.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais::ui {

const std::vector<std::string>& CourseLevels() {
  static const std::vector<std::string> kLevels = {"intro", "workshop", "study_visit"};
  return kLevels;
}

const char* LevelName(const std::string& level) {
  if (level == "intro") return T(Msg::UaLevelIntro);
  if (level == "workshop") return T(Msg::UaLevelWorkshop);
  if (level == "study_visit") return T(Msg::UaLevelStudyVisit);
  return level.c_str();
}

Msg CourseIssueMsg(CourseIssue i) {
  switch (i) {
    case CourseIssue::TitleMissing: return Msg::UaTitleMissing;
    case CourseIssue::TitleTooLong: return Msg::UaTitleTooLong;
    case CourseIssue::ThemeMissing: return Msg::UaThemeMissing;
    case CourseIssue::LevelUnknown: return Msg::UaLevelUnknown;
    case CourseIssue::DurationMissing: return Msg::UaDurationMissing;
    case CourseIssue::DurationUnreadable: return Msg::UaDurationUnreadable;
    case CourseIssue::DurationTooLong: return Msg::UaDurationTooLong;
    case CourseIssue::DescriptionTooLong: return Msg::UaDescriptionTooLong;
  }
  return Msg::UaFixErrors;
}

Msg SessionIssueMsg(SessionIssue i) {
  switch (i) {
    case SessionIssue::DayMissing: return Msg::UaDayMissing;
    case SessionIssue::DayUnreadable: case SessionIssue::LastDayUnreadable: return Msg::UaDayUnreadable;
    case SessionIssue::StartUnreadable: case SessionIssue::EndUnreadable: return Msg::UaClockUnreadable;
    case SessionIssue::EndNotAfterStart: return Msg::UaEndNotAfterStart;
    case SessionIssue::TooLong: return Msg::UaTooLong;
    case SessionIssue::PlaceMissing: return Msg::UaPlaceMissing;
    case SessionIssue::SeatsUnreadable: return Msg::UaSeatsUnreadable;
    case SessionIssue::SeatsNegative: return Msg::UaSeatsNegative;
    case SessionIssue::SeatsTooMany: return Msg::UaSeatsTooMany;
    case SessionIssue::SeatsBelowConfirmed: return Msg::UaSeatsBelowConfirmed;
  }
  return Msg::UaFixErrors;
}

Msg RegisterIssueMsg(RegisterIssue i) {
  switch (i) {
    case RegisterIssue::NobodyChosen: return Msg::UaNobodyChosen;
    case RegisterIssue::NameMissing: return Msg::UaNameMissing;
    case RegisterIssue::EmailInvalid: return Msg::UaEmailInvalid;
    case RegisterIssue::AlreadyRegistered: return Msg::UaAlreadyRegistered;
  }
  return Msg::UaNobodyChosen;
}

void FieldProblem(const std::vector<FieldIssue>& issues, const char* field) {
  for (const FieldIssue& f : issues)
    if (f.field == field) {
      StatusText(T(CourseIssueMsg(f.issue)), theme::ColDanger());
      return;
    }
}

void FieldProblem(const std::vector<SessionFieldIssue>& issues, const char* field, int confirmed) {
  for (const SessionFieldIssue& f : issues) {
    if (f.field != field) continue;
    if (f.issue == SessionIssue::SeatsBelowConfirmed) {
      char buf[256];
      std::snprintf(buf, sizeof buf, T(Msg::UaSeatsBelowConfirmed), confirmed, confirmed);
      StatusText(buf, theme::ColDanger());
    } else {
      StatusText(T(SessionIssueMsg(f.issue)), theme::ColDanger());
    }
    return;
  }
}

void WriteState(const SaveStatus& w, uint64_t commit, Msg saved_on_device) {
  if (commit == 0) return;  // said only after a write of this session
  SaveStateLine(SaveStateNow(w.state, commit), w.reason, {saved_on_device});
}

void AdminHeading(const std::string& text) {
  SectionTitle(text.c_str());
  mirror::AddText(text);
}

}  // namespace relais::ui
