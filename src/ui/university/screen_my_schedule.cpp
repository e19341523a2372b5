// "Mon planning": the trainee's sessions, the next one first, each with its
// status (pending until the server decides, confirmed, waiting list, and a
// promotion from the waiting list said as such); past sessions below with
// the feedback form one tap away. "S'abonner à mon agenda" asks the server
// for the personal calendar feed (online only) and shows it to copy.
#include <string>
#include <vector>

#include "imgui.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/platform.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/university/university_ui.h"
#include "ui/widgets.h"

namespace relais {

namespace {
struct ScheduleState {
  Store* store = nullptr;
  int64_t version = -1;
  std::string member_id;
  std::vector<SessionLine> upcoming, past;
  std::string error;
  // The calendar feed.
  bool feed_waiting = false;
  std::string feed_url, feed_message;
  bool feed_error = false;
};
ScheduleState g_plan;

// {"path":"/calendrier/flux/….ics","url":"http://…"}: the url, or the
// server address plus the path when the server could not tell its own.
std::string FeedUrl(const AppState& app, const std::string& body) {
  auto field = [&](const char* name) {
    std::string key = std::string("\"") + name + "\":\"";
    size_t at = body.find(key);
    if (at == std::string::npos) return std::string();
    size_t start = at + key.size(), end = body.find('"', start);
    return end == std::string::npos ? std::string() : body.substr(start, end - start);
  };
  std::string url = field("url");
  if (!url.empty()) return url;
  std::string path = field("path");
  if (path.empty()) return "";
  std::string base = app.server_address;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + path;
}

void AskFeed(AppState& app) {
  ScheduleState& s = g_plan;
  s.feed_message.clear();
  s.feed_error = false;
  bool sent = CallApi(app, "/api/calendar/feed", "{}", [](AppState& a, int status, const std::string& body) {
    ScheduleState& p = g_plan;
    p.feed_waiting = false;
    p.feed_url = status == 200 ? FeedUrl(a, body) : "";
    p.feed_error = p.feed_url.empty();
    p.feed_message = p.feed_error ? (status == 0 ? T(Msg::UniFeedNoAnswer) : T(Msg::UniFeedRefused)) : "";
  });
  s.feed_waiting = sent;
  if (!sent) {
    s.feed_message = T(Msg::UniFeedOffline);
    s.feed_error = true;
  }
}

void DrawFeed(AppState& app) {
  ScheduleState& s = g_plan;
  ui::SectionTitle(T(Msg::UniFeedTitle));
  ui::Muted(T(Msg::UniFeedHelp));
  if (s.feed_waiting) {
    ui::Muted(T(Msg::UniFeedAsking));
  } else if (s.feed_url.empty()) {
    if (ui::Button(T(Msg::UniSubscribe))) AskFeed(app);
  }
  if (!s.feed_message.empty()) ui::StatusText(s.feed_message.c_str(), s.feed_error ? theme::ColDanger() : theme::ColMuted());
  if (!s.feed_url.empty()) {
    // Read-only field: the address can be selected by hand, too.
    ui::TextField(T(Msg::UniFeedAddress), &s.feed_url);
    if (ui::PrimaryButton(T(Msg::UniFeedCopy))) {
      platform::CopyText(s.feed_url);
      s.feed_message = T(Msg::UniFeedCopied);
      s.feed_error = false;
    }
  }
}

}  // namespace

void DrawMySchedule(AppState& app) {
  ScheduleState& s = g_plan;
  if (app.session.member_id.empty()) {
    ui::Muted(T(Msg::UniNoMember));
    return;
  }
  int64_t version = DataVersion(*app.store);
  if (s.store != app.store || s.version != version || s.member_id != app.session.member_id) {
    s.store = app.store;
    s.member_id = app.session.member_id;
    NoteRegistrationStatuses(*app.store);
    s.upcoming = MySchedule(*app.store, s.member_id, NowMs(), false);
    s.past = MySchedule(*app.store, s.member_id, NowMs(), true);
    s.version = DataVersion(*app.store);
  }
  if (!s.error.empty()) ui::StatusText(s.error.c_str(), theme::ColDanger());
  ui::SessionCardOptions o;
  o.show_course = true;
  if (s.upcoming.empty()) {
    ui::Muted(T(Msg::UniScheduleEmpty));
    if (ui::Button(T(Msg::UniBrowseCatalogue))) Navigate(app, Screen::University);
  }
  for (const SessionLine& l : s.upcoming)
    if (ui::SessionCard(app, l, o, &s.error)) break;
  ImGui::Separator();
  DrawFeed(app);
  if (!s.past.empty()) ui::SectionTitle(T(Msg::UniPastSessions));
  for (const SessionLine& l : s.past)
    if (ui::SessionCard(app, l, o, &s.error)) break;
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
