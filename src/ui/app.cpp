#include "ui/app.h"

#include <cstring>
#include <string>

#include "imgui.h"
#include "ui/diagnosis/diagnosis_data.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/platform.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

struct ScreenInfo {
  Screen screen;
  const char* path;
  Msg title;
  bool nav;  // listed in the navigation (screens with an argument are reached from others)
};
static const ScreenInfo kScreens[] = {
    {Screen::Companies, "/companies", Msg::NavCompanies, true},
    {Screen::FollowUps, "/followups", Msg::NavFollowUps, true},
    // referrals, directory, company editing
    {Screen::Referrals, "/referrals", Msg::NavReferrals, true},
    {Screen::Directory, "/directory", Msg::NavDirectory, true},
    {Screen::ReferralNew, "/referrals/new", Msg::ReferralNewTitle, false},
    {Screen::MemberCard, "/directory/", Msg::MemberCardTitle, false},
    {Screen::CompanyEdit, "/companies/", Msg::CompanyEditTitle, false},
    // University (src/ui/university): trainees see only these with Synchro, Settings and About.
    {Screen::University, "/universite", Msg::NavUniversity, true},
    {Screen::MySchedule, "/universite/planning", Msg::NavMySchedule, true},
    {Screen::Course, "/universite/cours/", Msg::UniCourseTitle, false},
    {Screen::Attendance, "/universite/presence/", Msg::UniAttendanceTitle, false},
    {Screen::Feedback, "/universite/avis/", Msg::UniFeedbackTitle, false},
    // Legal hotline (src/ui/hotline) and office staff (src/ui/office).
    {Screen::Hotline, "/hotline", Msg::NavHotline, true},
    {Screen::HotlineAsk, "/hotline/new", Msg::HotlineAskTitle, false},
    {Screen::HotlineQuestion, "/hotline/", Msg::HotlineQuestionTitle, false},
    {Screen::Reports, "/office/reports", Msg::NavReports, true},
    {Screen::ContactRequests, "/office/requests", Msg::NavContactRequests, true},
    {Screen::Questionnaires, "/office/questionnaires", Msg::NavQuestionnaires, true},
    {Screen::Network, "/office/network", Msg::NavNetwork, true},
    {Screen::UniversityAdmin, "/office/universite", Msg::NavUniversityAdmin, true},
    {Screen::Accounts, "/office/accounts", Msg::NavAccounts, true},
    {Screen::NetworkEdit, "/office/network/", Msg::NetworkEditTitle, false},
    {Screen::CourseEdit, "/office/universite/cours/", Msg::CourseEditTitle, false},
    {Screen::SessionAdmin, "/office/universite/session/", Msg::SessionAdminTitle, false},
    {Screen::SignIn, "/signin", Msg::NavSignIn, true},
    {Screen::Conflicts, "/sync", Msg::NavSync, true},
    {Screen::Settings, "/settings", Msg::NavSettings, true},
    {Screen::About, "/about", Msg::NavAbout, true},
    {Screen::CompanyNew, "/companies/new", Msg::CompanyNewTitle, false},
    {Screen::CompanyFile, "/companies/", Msg::CompanyFileTitle, false},
    {Screen::NoteEdit, "/companies/", Msg::NoteTitle, false},
    {Screen::DiagnosisNew, "/companies/", Msg::DiagTitle, false},
    {Screen::DiagnosisRun, "/companies/", Msg::DiagTitle, false},
    {Screen::DiagnosisResult, "/companies/", Msg::DiagResultTitle, false},
};

// University routes: the screens with an argument, and who sees what.
static bool IsId(const std::string& s);
static bool UniversityPath(const std::string& p, Screen* s, Route* r) {
  static const std::pair<const char*, Screen> kArg[] = {{"/universite/cours/", Screen::Course},
                                                         {"/universite/presence/", Screen::Attendance},
                                                         {"/universite/avis/", Screen::Feedback}};
  for (const auto& a : kArg)
    if (p.rfind(a.first, 0) == 0 && IsId(p.substr(std::strlen(a.first)))) {
      *s = a.second;
      r->id = p.substr(std::strlen(a.first));
      return true;
    }
  return false;
}
static bool TraineeHidden(const AppState& app, Screen s) {  // trainees have no company data
  if (app.session.role != "trainee") return false;
  switch (s) {
    case Screen::Companies: case Screen::CompanyNew: case Screen::CompanyFile: case Screen::NoteEdit:
    case Screen::FollowUps: case Screen::CompanyEdit: case Screen::Referrals: case Screen::ReferralNew:
    case Screen::DiagnosisNew: case Screen::DiagnosisRun: case Screen::DiagnosisResult:
    case Screen::Hotline: case Screen::HotlineAsk: case Screen::HotlineQuestion:
      return true;
    default: return false;
  }
}
static bool IsStaff(const AppState& app) {
  return app.session.role == "office_staff" || app.session.role == "admin";
}
// Office screens are for office staff and admins only (the server sends
// nobody else the rows they show).
static bool StaffOnly(Screen s) {
  switch (s) {
    case Screen::Reports: case Screen::ContactRequests: case Screen::Questionnaires: case Screen::Network:
    case Screen::NetworkEdit: case Screen::UniversityAdmin: case Screen::CourseEdit: case Screen::SessionAdmin:
    case Screen::Accounts:
      return true;
    default: return false;
  }
}
// In the navigation: "Mon planning" is a tab for trainees; advisors reach it
// from the University screen, and on a phone the University itself from the
// Synchro screen (the bottom bar keeps five finger-wide tabs).
static bool Listed(const AppState& app, Screen s) {
  if (s == Screen::MySchedule) return app.session.role == "trainee";
  if (s == Screen::University) return app.session.role == "trainee" || !app.device.Compact();
  if (s == Screen::Hotline || StaffOnly(s)) return !app.device.Compact();
  return true;
}

// Management (office staff): /office/network/<members|organisations|offices>/<id|new>,
// /office/universite/cours/<id|new>, /office/universite/session/<id>,
// /office/universite/cours/<course>/session/new. false: not one of these.
static bool ManagementPath(const std::string& p, Screen* s, Route* r) {
  auto id_or_new = [](const std::string& part, std::string* out) {
    if (part == "new") return true;
    *out = part;
    return IsId(part);
  };
  if (p.rfind("/office/network/", 0) == 0) {
    std::string rest = p.substr(16);
    size_t slash = rest.find('/');
    if (slash == std::string::npos) return false;
    r->sub = rest.substr(0, slash);
    if (r->sub != "members" && r->sub != "organisations" && r->sub != "offices") return false;
    *s = Screen::NetworkEdit;
    return id_or_new(rest.substr(slash + 1), &r->id);
  }
  const std::string course = "/office/universite/cours/", session = "/office/universite/session/";
  if (p.rfind(session, 0) == 0 && IsId(p.substr(session.size()))) {
    r->id = p.substr(session.size());
    *s = Screen::SessionAdmin;
    return true;
  }
  if (p.rfind(course, 0) != 0) return false;
  std::string rest = p.substr(course.size());
  if (rest.size() == 32 + 12 && rest.compare(32, 12, "/session/new") == 0 && IsId(rest.substr(0, 32))) {
    r->sub = rest.substr(0, 32);
    *s = Screen::SessionAdmin;
    return true;
  }
  *s = Screen::CourseEdit;
  return id_or_new(rest, &r->id);
}

static bool IsId(const std::string& s) {
  if (s.size() != 32) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// Referrals, directory, company editing: /referrals/new[/<company|->/<member|->],
// /directory/<member>, /companies/<id>/edit. false: not one of these paths.
static bool FeatureScreenFromPath(const std::string& p, Screen* s, Route* r) {
  auto id_or_none = [](const std::string& part, std::string* out) {
    if (part == "-") return true;
    *out = part;
    return IsId(part);
  };
  if (p.rfind("/referrals/new/", 0) == 0) {
    std::string rest = p.substr(15);
    size_t slash = rest.find('/');
    if (slash == std::string::npos || !id_or_none(rest.substr(0, slash), &r->id) ||
        !id_or_none(rest.substr(slash + 1), &r->sub))
      return false;
    *s = Screen::ReferralNew;
    return true;
  }
  if (p.rfind("/directory/", 0) == 0 && IsId(p.substr(11))) {
    r->id = p.substr(11);
    *s = Screen::MemberCard;
    return true;
  }
  const size_t n = p.size();
  if (p.rfind("/companies/", 0) == 0 && n == 11 + 32 + 5 && p.compare(43, 5, "/edit") == 0 && IsId(p.substr(11, 32))) {
    r->id = p.substr(11, 32);
    *s = Screen::CompanyEdit;
    return true;
  }
  return false;
}

std::string ScreenPath(Screen s, const Route& r) {
  if (s == Screen::NetworkEdit) return "/office/network/" + r.sub + "/" + (r.id.empty() ? "new" : r.id);
  if (s == Screen::CourseEdit) return "/office/universite/cours/" + (r.id.empty() ? "new" : r.id);
  if (s == Screen::SessionAdmin)
    return r.id.empty() ? "/office/universite/cours/" + r.sub + "/session/new" : "/office/universite/session/" + r.id;
  if (s == Screen::ReferralNew && !(r.id.empty() && r.sub.empty()))
    return "/referrals/new/" + (r.id.empty() ? "-" : r.id) + "/" + (r.sub.empty() ? "-" : r.sub);
  if (s == Screen::MemberCard) return "/directory/" + r.id;
  if (s == Screen::CompanyEdit) return "/companies/" + r.id + "/edit";
  if (s == Screen::HotlineQuestion) return "/hotline/" + r.id;
  if (s == Screen::ContactRequests && !r.id.empty()) return "/office/requests/" + r.id;
  if (s == Screen::Course) return "/universite/cours/" + r.id;
  if (s == Screen::Attendance) return "/universite/presence/" + r.id;
  if (s == Screen::Feedback) return "/universite/avis/" + r.id;
  if (s == Screen::CompanyFile) return "/companies/" + r.id;
  if (s == Screen::NoteEdit) return "/companies/" + r.id + "/note/" + (r.sub.empty() ? "new" : r.sub);
  if (s == Screen::DiagnosisNew) return "/companies/" + r.id + "/diagnosis/new";
  if (s == Screen::DiagnosisRun) return "/companies/" + r.id + "/diagnosis/" + r.sub;
  if (s == Screen::DiagnosisResult) return "/companies/" + r.id + "/diagnosis/" + r.sub + "/result";
  for (const ScreenInfo& i : kScreens)
    if (i.screen == s) return i.path;
  return "/";
}

bool ScreenFromPath(const char* path, Screen* s, Route* route) {
  Route r;
  std::string p = path;
  for (const ScreenInfo& i : kScreens)
    if (i.nav && p == i.path) {
      *s = i.screen;
      if (route) *route = r;
      return true;
    }
  if (p == "/referrals/new") {
    *s = Screen::ReferralNew;
  } else if (p == "/hotline/new") {
    *s = Screen::HotlineAsk;
  } else if (p.rfind("/hotline/", 0) == 0 && IsId(p.substr(9))) {
    r.id = p.substr(9);
    *s = Screen::HotlineQuestion;
  } else if (p.rfind("/office/requests/", 0) == 0 && IsId(p.substr(17))) {
    r.id = p.substr(17);  // an open portal request
    *s = Screen::ContactRequests;
  } else if (FeatureScreenFromPath(p, s, &r)) {
    // referrals, directory, company editing
  } else if (UniversityPath(p, s, &r)) {
  } else if (ManagementPath(p, s, &r)) {
  } else if (p == "/companies/new") {
    *s = Screen::CompanyNew;
  } else if (p.rfind("/companies/", 0) == 0) {
    std::string rest = p.substr(11);
    size_t slash = rest.find('/');
    r.id = rest.substr(0, slash);
    if (!IsId(r.id)) return false;
    if (slash == std::string::npos) {
      *s = Screen::CompanyFile;
    } else {
      std::string tail = rest.substr(slash);
      // Diagnosis: /diagnosis/new, /diagnosis/<response>, /diagnosis/<response>/result.
      if (tail.rfind("/diagnosis/", 0) == 0) {
        r.sub = tail.substr(11);
        *s = Screen::DiagnosisRun;
        if (r.sub == "new") {
          r.sub.clear();
          *s = Screen::DiagnosisNew;
        } else if (r.sub.size() == 39 && r.sub.compare(32, 7, "/result") == 0) {
          r.sub.resize(32);
          *s = Screen::DiagnosisResult;
        }
        if (*s != Screen::DiagnosisNew && !IsId(r.sub)) return false;
        if (route) *route = r;
        return true;
      }
      if (tail.rfind("/note/", 0) != 0) return false;
      r.sub = tail.substr(6);
      if (r.sub == "new") r.sub.clear();
      else if (!IsId(r.sub)) return false;
      *s = Screen::NoteEdit;
    }
  } else {
    return false;
  }
  if (route) *route = r;
  return true;
}

static Msg ScreenTitle(Screen s) {
  for (const ScreenInfo& i : kScreens)
    if (i.screen == s) return i.title;
  return Msg::AppName;
}

// Until someone is signed in only the sign-in screen, Settings and About are
// reachable; once signed in, the sign-in screen is not.
static bool Reachable(const AppState& app, Screen s) {
  if (s == Screen::Settings || s == Screen::About) return true;
  if (TraineeHidden(app, s)) return false;
  if (StaffOnly(s) && !IsStaff(app)) return false;
  return app.session.signed_in ? s != Screen::SignIn : s == Screen::SignIn;
}

Screen Home(const AppState& app) {
  if (!app.session.signed_in) return Screen::SignIn;
  return app.session.role == "trainee" ? Screen::University : Screen::Companies;
}

// On a phone, once signed in, the bottom bar keeps the working sections
// (five finger-wide tabs); Settings and About move to the Synchro screen.
static bool InNavigation(const AppState& app, const ScreenInfo& i) {
  if (!i.nav || !Reachable(app, i.screen) || !Listed(app, i.screen)) return false;
  bool secondary = i.screen == Screen::Settings || i.screen == Screen::About;
  return !(secondary && app.device.Compact() && app.session.signed_in);
}

static size_t NavCount(const AppState& app) {
  size_t n = 0;
  for (const ScreenInfo& i : kScreens) n += InNavigation(app, i);
  return n;
}

// The navigation entry a screen belongs to (a company file is under Companies).
static Screen NavSection(const AppState& app, Screen s) {
  if (s == Screen::ReferralNew) return Screen::Referrals;
  if (s == Screen::MemberCard) return Screen::Directory;
  if (s == Screen::Feedback) return Screen::MySchedule;
  if (s == Screen::HotlineAsk || s == Screen::HotlineQuestion) s = Screen::Hotline;
  if (s == Screen::NetworkEdit) s = Screen::Network;
  if (s == Screen::CourseEdit || s == Screen::SessionAdmin) s = Screen::UniversityAdmin;
  switch (s) {
    case Screen::CompanyNew: case Screen::CompanyFile: case Screen::NoteEdit: case Screen::CompanyEdit:
    case Screen::DiagnosisNew: case Screen::DiagnosisRun: case Screen::DiagnosisResult:
      return Screen::Companies;
    case Screen::Course: case Screen::Attendance: s = Screen::University; break;
    default: break;
  }
  // Not a tab on an advisor's phone (University, Settings, About): reached
  // from the sync screen's buttons, so that tab is the one lit.
  for (const ScreenInfo& i : kScreens)
    if (i.screen == s && !i.nav) return s;
  for (const ScreenInfo& i : kScreens)
    if (i.screen == s && !InNavigation(app, i)) return Screen::Conflicts;
  return s;
}

void Navigate(AppState& app, Screen s, const Route& route) {
  if (app.screen == s && app.route.id == route.id && app.route.sub == route.sub) return;
  app.screen = s;
  app.route = route;
  platform::PushHistory(ScreenPath(s, route).c_str());
}

void OnHistoryPop(AppState& app, const char* path) {
  Screen s;
  Route r;
  if (!ScreenFromPath(path, &s, &r)) s = Home(app);
  app.screen = s;
  app.route = r;
}

static void DrawNavigation(AppState& app, bool vertical, ImVec2 item_size) {
  bool first = true;
  for (const ScreenInfo& i : kScreens) {
    if (!InNavigation(app, i)) continue;
    if (!vertical && !first) ImGui::SameLine(0, 0);
    first = false;
    if (ui::NavTab(T(i.title), NavSection(app, app.screen) == i.screen, item_size, !vertical)) Navigate(app, i.screen);
  }
}

static ImVec2 g_spacing;  // the style's item spacing, restored inside screens

static void DrawStatusChip(const AppState& app) {
  if (app.online) return;
  // Offline is normal for Relais: say it calmly, no alarm colour.
  const char* text = T(Msg::Offline);
  ImVec2 ts = ImGui::CalcTextSize(text);
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + ts.x + 16, p.y + ts.y + 6), IM_COL32(0xe8, 0xea, 0xee, 255), 12);
  ImGui::SetCursorScreenPos(ImVec2(p.x + 8, p.y + 3));
  ImGui::TextUnformatted(text);
  mirror::AddStatus(text);
}

static void DrawUpdateBanner(AppState& app) {
  if (app.update != UpdateState::Available || app.update_dismissed) return;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.88f, 0.93f, 0.99f, 1));
  float h = ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y + ImGui::GetTextLineHeightWithSpacing() * 2;
  ImGui::BeginChild("##update", ImVec2(0, h), ImGuiChildFlags_AlwaysUseWindowPadding);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, g_spacing);
  ui::Paragraph(T(Msg::UpdateAvailable));
  if (ui::PrimaryButton(T(Msg::UpdateApply))) platform::ApplyUpdate();
  ImGui::SameLine();
  if (ui::Button(T(Msg::UpdateLater))) app.update_dismissed = true;
  ImGui::PopStyleVar();
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

// What the user must know about the device's data, on every screen.
static void DrawDataBanner(const AppState& app) {
  const LocalData& d = app.local;
  std::string text;
  unsigned int color = theme::ColDanger();
  switch (d.state) {
    case LocalDataState::ReadOnlyOtherTab: text = T(Msg::DataOtherTab); color = theme::ColMuted(); break;
    case LocalDataState::QuotaExceeded: text = T(Msg::DataQuota); break;
    case LocalDataState::Recovered:
      text = std::string(T(Msg::DataRecovered)) + " " + FormatNumber((double)d.rescued_rows, 0, app.lang) + ".";
      break;
    case LocalDataState::Error: text = std::string(T(Msg::DataError)) + " " + d.detail; break;
    case LocalDataState::Loading:
    case LocalDataState::Ready: return;
  }
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.96f, 0.90f, 1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(16, 10));
  ImGui::BeginChild("##databanner", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding | ImGuiChildFlags_AutoResizeY);
  ui::StatusText(text.c_str(), color);
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

static void DrawScreen(AppState& app) {
  // The device's database opens after the first frames: every screen but these
  // reads it, so they wait here rather than each checking for it.
  const bool needs_store = app.screen != Screen::Settings && app.screen != Screen::About &&
                           app.screen != Screen::SignIn && app.screen != Screen::Conflicts;
  if (needs_store && !app.store) {
    ui::Muted(T(Msg::NoStoreYet));
    return;
  }
  switch (app.screen) {
    case Screen::Settings: DrawSettings(app); break;
    case Screen::About: DrawAbout(app); break;
    case Screen::SignIn: DrawSignIn(app); break;
    case Screen::Conflicts: DrawConflicts(app); break;
    case Screen::Companies: DrawCompanies(app); break;
    case Screen::CompanyNew: DrawCompanyNew(app); break;
    case Screen::CompanyFile: DrawCompanyFile(app); break;
    case Screen::NoteEdit: DrawNoteEdit(app); break;
    case Screen::FollowUps: DrawFollowUps(app); break;
    case Screen::Referrals: DrawReferrals(app); break;
    case Screen::ReferralNew: DrawReferralNew(app); break;
    case Screen::Directory: DrawDirectory(app); break;
    case Screen::MemberCard: DrawMemberCard(app); break;
    case Screen::CompanyEdit: DrawCompanyEdit(app); break;
    case Screen::DiagnosisNew: DrawDiagnosisNew(app); break;
    case Screen::DiagnosisRun: DrawDiagnosisRun(app); break;
    case Screen::DiagnosisResult: DrawDiagnosisResult(app); break;
    case Screen::University: DrawUniversity(app); break;
    case Screen::Course: DrawCourse(app); break;
    case Screen::MySchedule: DrawMySchedule(app); break;
    case Screen::Attendance: DrawAttendance(app); break;
    case Screen::Feedback: DrawFeedback(app); break;
    case Screen::Hotline: DrawHotline(app); break;
    case Screen::HotlineAsk: DrawHotlineAsk(app); break;
    case Screen::HotlineQuestion: DrawHotlineQuestion(app); break;
    case Screen::Reports: DrawReports(app); break;
    case Screen::ContactRequests: DrawContactRequests(app); break;
    case Screen::Questionnaires: DrawQuestionnaires(app); break;
    case Screen::Network: DrawNetwork(app); break;
    case Screen::NetworkEdit: DrawNetworkEdit(app); break;
    case Screen::UniversityAdmin: DrawUniversityAdmin(app); break;
    case Screen::CourseEdit: DrawCourseEdit(app); break;
    case Screen::SessionAdmin: DrawSessionAdmin(app); break;
    case Screen::Accounts: DrawAccounts(app); break;
    case Screen::Count: break;
  }
}

// The screen's scrolling pane. On wide screens one column of readable width
// (max_width), not lines and fields stretched across a desktop monitor.
static void DrawContent(AppState& app, float max_width) {
  const float pad = app.device.Compact() ? 16.0f : 24.0f;
  float w = ImGui::GetContentRegionAvail().x;
  if (max_width > 0 && w > max_width + 2 * pad) w = max_width + 2 * pad;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, 16));
  ImGui::BeginChild("##content", ImVec2(w, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
  ImGui::PopStyleVar();
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, g_spacing);
  DrawScreen(app);
  ImGui::PopStyleVar();
  ImGui::EndChild();
}

static void DrawTopBar(AppState& app, float height) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(theme::ColBar()));
  ImGui::BeginChild("##topbar", ImVec2(0, height), ImGuiChildFlags_None, ImGuiWindowFlags_NoScrollbar);
  ImGui::SetCursorPos(ImVec2(16, (height - theme::kTitlePx * 1.36f) * 0.5f));
  ui::Title(T(ScreenTitle(app.screen)));
  ImGui::SameLine(0, 12);
  ImGui::SetCursorPosY((height - ImGui::GetTextLineHeight()) * 0.5f - 3);
  DrawStatusChip(app);
  if (!app.device.Compact() && app.session.signed_in) DrawSyncStatus(app, false);
  ImVec2 p = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, p.y + size.y - 1), ImVec2(p.x + size.x, p.y + size.y - 1),
                                      ImGui::GetColorU32(ImGuiCol_Border));
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void DrawApp(AppState& app) {
  SetLang(app.lang);
  Tick(app, NowMs());
  if (app.store) LoadPublishedTemplates(*app.store);  // versions synced or published since the last frame
  if (!Reachable(app, app.screen)) {  // signed out (or in) under this screen
    app.screen = Home(app);
    app.route = Route();
    platform::ReplaceHistory(ScreenPath(app.screen).c_str());
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGuiWindowFlags frame_flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  // The frame's bars and panes touch: no spacing between them. Screens get
  // the normal spacing back (DrawContent, DrawUpdateBanner).
  g_spacing = ImGui::GetStyle().ItemSpacing;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("##app", nullptr, frame_flags);
  ImGui::PopStyleVar();
  const float bar_h = 56;

  if (app.device.Compact()) {
    // Phone portrait: title bar, one column, bottom tab bar within thumb reach.
    const float tabs_h = 64;
    DrawTopBar(app, bar_h);
    if (app.session.signed_in) DrawSyncStatus(app, true);
    DrawUpdateBanner(app);
    ImGui::BeginChild("##main", ImVec2(0, -tabs_h));
    DrawContent(app, 0);  // (width limit irrelevant on a phone)
    ImGui::EndChild();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(theme::ColBar()));
    ImGui::BeginChild("##tabs", ImVec2(0, tabs_h), ImGuiChildFlags_None, ImGuiWindowFlags_NoScrollbar);
    ImGui::GetWindowDrawList()->AddLine(ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + vp->Size.x, ImGui::GetWindowPos().y),
                                        ImGui::GetColorU32(ImGuiCol_Border));
    float w = vp->Size.x / (float)NavCount(app);
    ImGui::SetCursorPos(ImVec2(0, 4));
    DrawNavigation(app, false, ImVec2(w, tabs_h - 8));
    ImGui::EndChild();
    ImGui::PopStyleColor();
  } else {
    // Tablet and desktop: side navigation, content beside it.
    const float nav_w = 232;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(theme::ColBar()));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12, 12));
    ImGui::BeginChild("##nav", ImVec2(nav_w, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    ImGui::SetCursorPos(ImVec2(16, 14));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::ColPrimary()));
    ui::Title(T(Msg::AppName));
    ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(0, 12));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 4));
    DrawNavigation(app, true, ImVec2(nav_w - 24, app.device.touch ? theme::kTouchTarget : 36));
    ImGui::PopStyleVar();
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(vp->Pos.x + nav_w, vp->Pos.y), ImVec2(vp->Pos.x + nav_w, vp->Pos.y + vp->Size.y),
                                        ImGui::GetColorU32(ImGuiCol_Border));
    ImGui::SameLine(0, 1);
    ImGui::BeginGroup();
    DrawTopBar(app, bar_h);
    DrawUpdateBanner(app);
    DrawDataBanner(app);
    // The company list and file share the width as two panes: no column limit.
    bool two_panes = app.screen == Screen::Companies || app.screen == Screen::CompanyFile;
    DrawContent(app, two_panes ? 0 : 720);
    ImGui::EndGroup();
  }
  ImGui::PopStyleVar();
  ImGui::End();
}

}  // namespace relais
