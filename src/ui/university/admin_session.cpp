// A session, for office staff (/office/universite/session/<id>, and a new
// one at /office/universite/cours/<course>/session/new): its form (date,
// start and end in Paris time, place, trainer, seats) checked field by field,
// then its registrations: confirmed, the waiting list in the server's order,
// requests the server has not decided yet, cancelled. Staff cancel on
// someone's behalf (two taps: the server then gives the seat to the head of
// the line) and register a member or someone outside the network (a request
// the server decides like any other). Seats are the server's: raising them
// promotes the waiting list at the next sync, and it refuses fewer seats than
// those confirmed (sync-server/seats.cpp); the form says so first. Every
// write is local and queued, so all of it works offline.
#include <algorithm>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model/directory.h"
#include "core/paris_time.h"
#include "core/search/fold.h"
#include "imgui.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/platform.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/university/admin_ui.h"
#include "ui/university/university_data.h"
#include "ui/widgets.h"

namespace relais {

namespace {

struct MemberChoice {
  std::string id, name, organisation, folded;
};

struct SessionAdminState {
  // Cache, valid for (store, device, data version, route).
  Store* store = nullptr;
  std::string device, session_id, course_for_new;
  int64_t version = -1;
  std::optional<CourseSession> session;
  std::optional<Course> course;
  Roster roster;
  int confirmed = 0;
  SaveStatus write;
  std::unordered_map<std::string, SaveStatus> reg_writes;    // registrations written in this session
  std::vector<MemberChoice> members;                         // active members, for "Inscrire"
  // The session form.
  SessionForm form;
  bool dirty = false, tried = false;
  std::vector<SessionFieldIssue> issues;
  std::string error;
  std::string saved_id;
  uint64_t commit = 0;
  // Registrations.
  std::unordered_map<std::string, uint64_t> reg_commits;
  std::string confirm_cancel;  // the registration whose cancellation awaits a second tap
  bool show_cancelled = false;
  std::string member_query, member_id, member_name, trainee_name, trainee_email;
  std::optional<RegisterIssue> reg_issue;
  bool registered = false;
};
SessionAdminState g_sa;

void Refresh(AppState& app) {
  SessionAdminState& s = g_sa;
  Store& st = *app.store;
  const int64_t version = DataVersion(st);
  const bool other = s.session_id != app.route.id || s.course_for_new != app.route.sub || s.store != app.store ||
                     s.device != st.device_id;
  if (!other && s.version == version) return;
  if (other) {
    ImGui::SetScrollY(0);  // the content pane is shared by every screen: start at the top
    const bool just_created = !app.route.id.empty() && s.saved_id == app.route.id;
    s.dirty = s.tried = false;
    s.issues.clear();
    s.error.clear();
    if (!just_created) s.commit = 0;
    s.confirm_cancel.clear();
    s.member_query.clear();
    s.member_id.clear();
    s.member_name.clear();
    s.trainee_name.clear();
    s.trainee_email.clear();
    s.reg_issue.reset();
    s.registered = false;
    s.form = SessionForm();
    s.form.seats = "12";
    s.members.clear();
  }
  s.store = app.store;
  s.device = st.device_id;
  s.session_id = app.route.id;
  s.course_for_new = app.route.sub;
  s.version = version;
  s.session.reset();
  s.course.reset();
  std::string course_id = app.route.sub;
  if (!s.session_id.empty()) {
    std::optional<CourseSession> ss = Get<CourseSession>(st, s.session_id);
    if (ss && !ss->deleted()) {
      s.session = ss;
      course_id = ss->course_id;
    }
  }
  if (!course_id.empty()) s.course = Get<Course>(st, course_id);
  if (s.session) {
    s.roster = SessionRoster(st, s.session_id);
    s.confirmed = ConfirmedCount(st, s.session_id);
    s.write = RowSaveState(st, "course_sessions", s.session_id);
    s.reg_writes.clear();
    for (const auto& kv : s.reg_commits) s.reg_writes[kv.first] = RowSaveState(st, "registrations", kv.first);
    if (!s.dirty) s.form = FormOf(*s.session);  // a sync's change shows unless being edited
  } else {
    s.roster = Roster();
    s.confirmed = 0;
  }
  if (s.members.empty() && s.session) {
    for (const Member& m : List<Member>(st, "active = 1")) {
      MemberChoice c;
      c.id = m.id;
      c.name = m.first_name + (m.first_name.empty() ? "" : " ") + m.last_name;
      c.organisation = st.db.QueryText("SELECT name FROM organisations WHERE id = ?", m.organisation_id).value_or("");
      c.folded = " " + search::FoldWords(c.name);
      s.members.push_back(std::move(c));
    }
  }
}

std::string Printf(Msg m, int a, int b = 0) {
  char buf[256];
  std::snprintf(buf, sizeof buf, T(m), a, b);
  return buf;
}

// --- the form ------------------------------------------------------------------

bool Field(Msg label, std::string* value, const char* help = nullptr) {
  ui::TextFieldOptions o;
  o.help = help;
  bool changed = ui::TextField(T(label), value, o);
  if (changed) g_sa.dirty = true;
  return changed;
}

void Save(AppState& app) {
  SessionAdminState& s = g_sa;
  s.tried = true;
  s.error.clear();
  s.issues = CheckSessionForm(s.form, s.session ? s.confirmed : -1);
  if (!s.issues.empty()) return;
  try {
    CourseSession saved = SaveSession(*app.store, s.session_id, s.course ? s.course->id : "", s.form);
    s.saved_id = saved.id;
    s.commit = platform::LastCommit();
    s.dirty = s.tried = false;
    RequestSync(app);
    if (s.session_id.empty()) Navigate(app, Screen::SessionAdmin, Route{saved.id, ""});
    s.version = -1;
  } catch (const std::exception& e) {
    s.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
  }
}

void DrawForm(AppState& app) {
  SessionAdminState& s = g_sa;
  const std::vector<SessionFieldIssue> none;
  const std::vector<SessionFieldIssue>& issues = s.tried ? s.issues : none;
  // Date, start and end side by side where there is room.
  const bool row = !app.device.Compact();
  if (row && ImGui::BeginTable("##when", 3, ImGuiTableFlags_SizingStretchSame)) {
    ImGui::TableNextColumn();
    Field(Msg::UaDay, &s.form.day);
    ui::FieldProblem(issues, "day", s.confirmed);
    ImGui::TableNextColumn();
    Field(Msg::UaStart, &s.form.start);
    ui::FieldProblem(issues, "start", s.confirmed);
    ImGui::TableNextColumn();
    Field(Msg::UaEnd, &s.form.end);
    ui::FieldProblem(issues, "end", s.confirmed);
    ImGui::EndTable();
  } else {
    Field(Msg::UaDay, &s.form.day);
    ui::FieldProblem(issues, "day", s.confirmed);
    Field(Msg::UaStart, &s.form.start);
    ui::FieldProblem(issues, "start", s.confirmed);
    Field(Msg::UaEnd, &s.form.end);
    ui::FieldProblem(issues, "end", s.confirmed);
  }
  Field(Msg::UaLastDay, &s.form.last_day);
  ui::FieldProblem(issues, "last_day", s.confirmed);
  Field(Msg::UaPlace, &s.form.place);
  ui::FieldProblem(issues, "place", s.confirmed);
  Field(Msg::UaTrainer, &s.form.trainer);
  Field(Msg::UaSeats, &s.form.seats, T(Msg::UaSeatsHelp));
  ui::FieldProblem(issues, "seats", s.confirmed);
  if (s.tried && !s.issues.empty()) ui::StatusText(T(Msg::UaFixErrors), theme::ColDanger());
  if (!s.error.empty()) ui::StatusText(s.error.c_str(), theme::ColDanger());
  if (ui::PrimaryButton(T(s.session_id.empty() ? Msg::UaCreateSession : Msg::UaSaveSession))) Save(app);
  if (!s.dirty && !s.session_id.empty() && s.saved_id == s.session_id)
    ui::WriteState(s.write, s.commit, Msg::UaSessionSaved);
}

// --- the registrations -----------------------------------------------------------

void Cancel(AppState& app, const Registration& r) {
  SessionAdminState& s = g_sa;
  try {
    Registration copy = r;
    CancelRegistration(*app.store, copy);
    s.reg_commits[r.id] = platform::LastCommit();
    RequestSync(app);
    s.version = -1;
  } catch (const std::exception& e) {
    s.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
  }
  s.confirm_cancel.clear();
}

// One person: name, organisation or e-mail, when asked, and the actions.
// Returns true when it wrote (the roster is stale then).
bool DrawEntry(AppState& app, const RosterEntry& e, bool cancellable) {
  SessionAdminState& s = g_sa;
  bool wrote = false;
  ImGui::PushID(e.reg.id.c_str());
  ImGui::Separator();
  std::string head = e.name;
  if (e.reg.status == "waitlisted" && e.reg.waitlist_position)
    head = Printf(Msg::UaRank, (int)*e.reg.waitlist_position) + " \xC2\xB7 " + head;
  ImGui::PushFont(theme::GetFonts().bold);
  ui::Paragraph(head.c_str());
  ImGui::PopFont();
  std::string meta = e.organisation;
  if (!e.email.empty()) meta += (meta.empty() ? "" : " \xC2\xB7 ") + e.email;
  meta += (meta.empty() ? "" : " \xC2\xB7 ") + std::string(T(Msg::UaRequestedOn)) + " " +
          ShortDate(ParisIsoDate(e.reg.requested_at));
  if (e.reg.attendance) meta += " \xC2\xB7 " + std::string(T(*e.reg.attendance == "present" ? Msg::UaPresent : Msg::UaAbsent));
  ui::Muted(meta.c_str());
  auto w = s.reg_writes.find(e.reg.id);
  if (w != s.reg_writes.end()) {
    auto c = s.reg_commits.find(e.reg.id);
    ui::WriteState(w->second, c == s.reg_commits.end() ? 0 : c->second, Msg::UaNotSentYet);
  }
  if (cancellable) {
    if (s.confirm_cancel == e.reg.id) {
      ui::Muted(T(Msg::UaCancelHelp));
      const std::string yes = LabelValue(Msg::UaConfirmCancel, e.name), no = LabelValue(Msg::UaKeep, e.name);
      mirror::SetNextName(yes.c_str());
      if (ui::PrimaryButton(T(Msg::UaConfirmCancel))) {
        Cancel(app, e.reg);
        wrote = true;
      }
      ui::SameLineIfFits(T(Msg::UaKeep));
      mirror::SetNextName(no.c_str());
      if (!wrote && ui::Button(T(Msg::UaKeep))) s.confirm_cancel.clear();
    } else {
      const std::string name = LabelValue(Msg::UaCancelFor, e.name);
      mirror::SetNextName(name.c_str());
      if (ui::Button(T(Msg::UaCancelFor))) s.confirm_cancel = e.reg.id;
    }
  }
  ImGui::PopID();
  return wrote;
}

// A group of the roster under its title with its count; true when it wrote.
bool DrawGroup(AppState& app, Msg title, const std::vector<RosterEntry>& people, bool cancellable) {
  ImGui::Dummy(ImVec2(0, 6));
  ui::AdminHeading(Printf(title, (int)people.size()));
  if (people.empty()) ui::Muted(T(Msg::UaNobody));
  for (const RosterEntry& e : people)
    if (DrawEntry(app, e, cancellable)) return true;
  return false;
}

void Register(AppState& app) {
  SessionAdminState& s = g_sa;
  s.registered = false;
  s.reg_issue = CheckRegisterOnBehalf(*app.store, s.session_id, s.member_id, s.trainee_name, s.trainee_email);
  if (s.reg_issue) return;
  try {
    Registration r = RegisterOnBehalf(*app.store, s.session_id, s.member_id, s.trainee_name, s.trainee_email);
    s.reg_commits[r.id] = platform::LastCommit();
    s.registered = true;
    s.member_query.clear();
    s.member_id.clear();
    s.member_name.clear();
    s.trainee_name.clear();
    s.trainee_email.clear();
    RequestSync(app);
    s.version = -1;
  } catch (const std::exception& e) {
    s.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
  }
}

void DrawRegister(AppState& app) {
  SessionAdminState& s = g_sa;
  ImGui::Dummy(ImVec2(0, 8));
  ui::AdminHeading(T(Msg::UaRegisterTitle));
  ui::Muted(T(Msg::UaRegisterHelp));
  if (!s.member_id.empty()) {
    ui::Paragraph(LabelValue(Msg::UaChosenMember, s.member_name).c_str());
    if (ui::Button(T(Msg::UaClearMember))) {
      s.member_id.clear();
      s.member_name.clear();
    }
  } else {
    if (ui::TextField(T(Msg::UaFindMember), &s.member_query)) s.reg_issue.reset();
    // Up to five members whose name has words starting with those typed.
    const std::string q = search::FoldWords(s.member_query);
    if (!q.empty()) {
      std::vector<std::string> words;
      size_t i = 0;
      while (i < q.size()) {
        size_t j = q.find(' ', i);
        if (j == std::string::npos) j = q.size();
        words.push_back(" " + q.substr(i, j - i));
        i = j + 1;
      }
      int shown = 0;
      for (const MemberChoice& m : s.members) {
        bool all = true;
        for (const std::string& w : words) all = all && m.folded.find(w) != std::string::npos;
        if (!all) continue;
        ImGui::PushID(m.id.c_str());
        const std::string label = m.name + (m.organisation.empty() ? "" : " (" + m.organisation + ")");
        const std::string name = LabelValue(Msg::UaChooseMember, label);
        mirror::SetNextName(name.c_str());
        if (ui::Button(label.c_str())) {
          s.member_id = m.id;
          s.member_name = label;
          s.reg_issue.reset();
        }
        ImGui::PopID();
        if (++shown == 5) break;
      }
    }
    ui::Muted(T(Msg::UaOrOutside));
    if (ui::TextField(T(Msg::UaTraineeName), &s.trainee_name)) s.reg_issue.reset();
    ui::TextFieldOptions mail;
    mail.hint = "prenom.nom@mairie.fr";
    if (ui::TextField(T(Msg::UaTraineeEmail), &s.trainee_email, mail)) s.reg_issue.reset();
  }
  if (s.reg_issue) ui::StatusText(T(ui::RegisterIssueMsg(*s.reg_issue)), theme::ColDanger());
  if (ui::PrimaryButton(T(Msg::UaRegister))) Register(app);
  if (s.registered) ui::StatusText(T(Msg::UaRegistered), theme::ColSuccess());
}

void DrawRegistrations(AppState& app) {
  SessionAdminState& s = g_sa;
  ImGui::Dummy(ImVec2(0, 8));
  ImGui::Separator();
  ui::AdminHeading(T(Msg::UaRegistrations));
  const CourseSession& ss = *s.session;
  std::string counts = Printf(Msg::UaSessionCounts, s.confirmed, ss.seats);
  if (!s.roster.waitlist.empty()) counts += " \xC2\xB7 " + Printf(Msg::UaWaitingCount, (int)s.roster.waitlist.size());
  ui::Paragraph(counts.c_str());
  const std::string att = LabelValue(Msg::UaAttendanceSheet, SessionDay(ss.starts_at, app.lang));
  mirror::SetNextName(att.c_str());
  if (ui::Button(T(Msg::UaAttendanceSheet))) {
    Navigate(app, Screen::Attendance, Route{ss.id, ""});
    return;
  }
  if (DrawGroup(app, Msg::UaConfirmedTitle, s.roster.confirmed, true)) return;
  if (DrawGroup(app, Msg::UaWaitlistTitle, s.roster.waitlist, true)) return;
  if (DrawGroup(app, Msg::UaPendingTitle, s.roster.pending, true)) return;
  ImGui::Dummy(ImVec2(0, 6));
  if (!s.roster.cancelled.empty()) {
    if (s.show_cancelled) {
      if (DrawGroup(app, Msg::UaCancelledTitle, s.roster.cancelled, false)) return;
    } else {
      ui::Muted(Printf(Msg::UaCancelledTitle, (int)s.roster.cancelled.size()).c_str());
    }
    if (ui::Button(T(s.show_cancelled ? Msg::UaHideCancelled : Msg::UaShowCancelled)))
      s.show_cancelled = !s.show_cancelled;
  }
  DrawRegister(app);
}

}  // namespace

void DrawSessionAdmin(AppState& app) {
  SessionAdminState& s = g_sa;
  if (!app.store) return;
  Refresh(app);
  if (s.course && ui::Button(T(Msg::UaBackToCourse))) {
    Navigate(app, Screen::CourseEdit, Route{s.course->id, ""});
    return;
  }
  if ((!s.session_id.empty() && !s.session) || !s.course) {
    if (ui::Button(T(Msg::UaAllCourses))) Navigate(app, Screen::UniversityAdmin);
    ui::Muted(T(s.session_id.empty() ? Msg::UaCourseUnknown : Msg::UaSessionUnknown));
    return;
  }
  ImGui::PushFont(theme::GetFonts().title);
  ui::Paragraph(s.course->title.c_str());
  ImGui::PopFont();
  if (s.session)
    ui::Paragraph((SessionDay(s.session->starts_at, app.lang) + ", " +
                   SessionHours(s.session->starts_at, s.session->ends_at, app.lang))
                      .c_str());
  else
    ui::Muted(T(Msg::UaNewSessionTitle));
  if (!s.course->active) ui::StatusText(T(Msg::UaWithdrawn), theme::ColDanger());
  DrawForm(app);
  if (s.session) DrawRegistrations(app);
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
