// app.h — the application frame: navigation that adapts to the device, the
// screen stack behind the browser's back button, and the current screen.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "core/locale.h"

namespace relais {

struct Store;       // core/model/store.h
struct SyncClient;  // ui/sync/sync_client.h

// Who is signed in on this device. Filled by the sign-in screen from the
// server's answer (and restored from the device when unlocked offline);
// screens read it to decide what to show and to stamp what they write.
struct SessionInfo {
  bool signed_in = false;
  std::string user_id, login, display_name;
  std::string role;  // "advisor", "trainee", "office_staff", "admin"
  std::string member_id, organisation_id, office_id;  // empty when the user is no member
};

// Screens with an argument carry it in AppState::route: /companies/<id>,
// /companies/<id>/note/new, /companies/<id>/note/<note id>.
enum class Screen {
  Companies, CompanyNew, CompanyFile, NoteEdit, FollowUps, SignIn, Conflicts, Settings, About,
  Referrals, ReferralNew, Directory, MemberCard, CompanyEdit,  // referrals, directory, company editing
  DiagnosisNew, DiagnosisRun, DiagnosisResult,  // diagnosis: /companies/<id>/diagnosis/new, .../<response id>[/result]
  University, Course, MySchedule, Attendance, Feedback,  // University (src/ui/university)
  Hotline, HotlineAsk, HotlineQuestion,  // legal hotline (src/ui/hotline): /hotline, /hotline/new, /hotline/<question>
  Reports, ContactRequests, Questionnaires,  // office staff (src/ui/office): /office/reports, /office/requests,
                                             // /office/questionnaires
  Network, NetworkEdit,  // network management (src/ui/network): /office/network, /office/network/<kind>/<id|new>
  UniversityAdmin, CourseEdit, SessionAdmin,  // University management (src/ui/university/admin_*):
                                              // /office/universite, /office/universite/cours/<id|new>,
                                              // /office/universite/session/<id>, .../cours/<course>/session/new
  Accounts,  // user accounts and roles (src/ui/office/screen_accounts.cpp): /office/accounts
  Count
};

struct Route {
  std::string id;   // CompanyFile, NoteEdit, CompanyEdit, ReferralNew, Diagnosis*: the company; MemberCard: the member;
                    // ContactRequests: the open request (/office/requests/<id>), empty for the list
  std::string sub;  // NoteEdit: the note, empty for a new one; ReferralNew: the recipient member;
                    // DiagnosisRun, DiagnosisResult: the response; NetworkEdit: "members", "organisations" or
                    // "offices" (id empty: a new one); SessionAdmin with an empty id: the course of a new session
};

std::string ScreenPath(Screen s, const Route& route = Route());  // "/settings", "/companies/<id>"
// false for unknown paths (and ids that are not 32 hex digits).
bool ScreenFromPath(const char* path, Screen* s, Route* route = nullptr);

struct Device {
  float width = 1280, height = 800;  // CSS pixels
  float dpr = 1;
  bool touch = false;                // coarse pointer
  bool Compact() const { return width < 600; }  // phone portrait: bottom tabs, one column
};

enum class UpdateState { Idle, Checking, UpToDate, Available };

// The device's database as the platform reports it (src/platform/storage).
enum class LocalDataState { Loading, Ready, ReadOnlyOtherTab, QuotaExceeded, Recovered, Error };
struct LocalData {
  LocalDataState state = LocalDataState::Loading;
  uint64_t bytes_last_commit = 0;
  size_t rescued_rows = 0;
  std::string detail;  // the platform's explanation (French), for Error
};

struct AppState {
  Screen screen = Screen::Companies;
  Route route;                       // the current screen's argument
  Device device;
  Lang lang = Lang::Fr;
  std::string version = RELAIS_VERSION;
  std::string build;                 // content hash of the deployed client
  std::string server_address;        // saved preference
  std::string server_edit;           // the field being edited
  std::string settings_message;      // feedback under the form
  bool settings_message_error = false;
  int64_t storage_used = -1, storage_quota = -1;  // bytes; -1 unknown
  bool online = true;
  bool offline_ready = false;        // a service worker controls the page
  UpdateState update = UpdateState::Idle;
  bool update_dismissed = false;
  std::string copied_message;
  LocalData local;
  Store* store = nullptr;            // the device's database; null while it loads
  SessionInfo session;               // filled by ui/sync/sync_client.cpp
  std::shared_ptr<SyncClient> sync;  // sign-in and sync state (ui/sync/sync_client.h)
};

// Screen changes go through here so browser history follows.
void Navigate(AppState& app, Screen s, const Route& route = Route());
// Where the app opens: sign-in until someone is signed in, then Companies.
Screen Home(const AppState& app);
// The browser went back/forward to `path`.
void OnHistoryPop(AppState& app, const char* path);

void DrawApp(AppState& app);  // one frame, between ImGui::NewFrame() and Render()

// Screens (one file each).
void DrawSettings(AppState& app);
void DrawAbout(AppState& app);
void DrawSignIn(AppState& app);
void DrawConflicts(AppState& app);
void DrawSyncStatus(AppState& app, bool compact);  // the status area on every screen (sync_status.cpp)
void DrawCompanies(AppState& app);    // screen_companies.cpp (list, and list | file on wide screens)
void DrawCompanyNew(AppState& app);   // screen_company_new.cpp
void DrawCompanyFile(AppState& app);  // screen_company.cpp
void DrawNoteEdit(AppState& app);     // screen_note.cpp
void DrawFollowUps(AppState& app);    // screen_followups.cpp
// Referrals, directory and company editing.
void DrawReferrals(AppState& app);    // referrals/screen_referrals.cpp
void DrawReferralNew(AppState& app);  // referrals/screen_referral_new.cpp
void DrawDirectory(AppState& app);    // directory/screen_directory.cpp
void DrawMemberCard(AppState& app);   // directory/screen_member.cpp
void DrawCompanyEdit(AppState& app);  // companies/screen_company_edit.cpp
void DrawDiagnosisNew(AppState& app);     // diagnosis/screen_diagnosis_new.cpp
void DrawDiagnosisRun(AppState& app);     // diagnosis/screen_diagnosis_run.cpp
void DrawDiagnosisResult(AppState& app);  // diagnosis/screen_diagnosis_result.cpp
// University (src/ui/university): /universite (catalogue and agenda),
// /universite/cours/<course>, /universite/planning, /universite/presence/<session>,
// /universite/avis/<registration>. Trainees land there; advisors reach it from the navigation.
void DrawUniversity(AppState& app);   // screen_university.cpp
void DrawCourse(AppState& app);       // screen_course.cpp
void DrawMySchedule(AppState& app);   // screen_my_schedule.cpp
void DrawAttendance(AppState& app);   // screen_attendance.cpp (office staff, admins)
void DrawFeedback(AppState& app);     // screen_feedback.cpp
// Legal hotline (src/ui/hotline): members ask (offline too) and read the
// knowledge base; the legal team and office staff assign and answer.
void DrawHotline(AppState& app);          // screen_hotline.cpp
void DrawHotlineAsk(AppState& app);       // screen_hotline_ask.cpp
void DrawHotlineQuestion(AppState& app);  // screen_hotline_question.cpp
// Office staff (src/ui/office): activity reports with CSV export, and the
// portal's contact requests routed to their office.
void DrawReports(AppState& app);          // screen_reports.cpp
void DrawContactRequests(AppState& app);  // screen_contact_requests.cpp
void DrawQuestionnaires(AppState& app);   // screen_questionnaires.cpp: import, export, publish a version
void DrawAccounts(AppState& app);         // screen_accounts.cpp: user accounts and roles (online: the server's)
// Network management (src/ui/network): members, organisations, offices,
// signatures, and who has not signed.
void DrawNetwork(AppState& app);          // screen_network.cpp
void DrawNetworkEdit(AppState& app);      // screen_network_edit.cpp
// University management (src/ui/university, admin_*): courses, sessions,
// registrations and waiting lists; attendance is screen_attendance.cpp.
void DrawUniversityAdmin(AppState& app);  // admin_courses.cpp
void DrawCourseEdit(AppState& app);       // admin_course_edit.cpp
void DrawSessionAdmin(AppState& app);     // admin_session.cpp

std::string DiagnosticsText(const AppState& app);

}  // namespace relais
