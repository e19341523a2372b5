// The trainee's feedback after a session: a rating from 1 to 5 and a short
// comment, saved on the device (offline too) and synced onto their
// registration. A bad rating or a comment too long is said, nothing saved.
#include <string>

#include "imgui.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/i18n.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/university/university_ui.h"
#include "ui/widgets.h"

namespace relais {

namespace {
struct FeedbackState {
  std::string registration_id;  // the form below belongs to it
  std::optional<Registration> reg;
  std::optional<SessionLine> line;
  int rating = 0;  // 0: none chosen yet
  std::string comment;
  std::string message;
  bool message_error = false;
};
FeedbackState g_fb;
}  // namespace

void DrawFeedback(AppState& app) {
  FeedbackState& s = g_fb;
  if (s.registration_id != app.route.id) {
    s = FeedbackState();
    s.registration_id = app.route.id;
    s.reg = Get<Registration>(*app.store, app.route.id);
    if (s.reg) {
      s.line = SessionById(*app.store, s.reg->session_id, "");
      s.rating = s.reg->feedback_rating ? static_cast<int>(*s.reg->feedback_rating) : 0;
      s.comment = s.reg->feedback_comment;
    }
  }
  if (ui::Button(T(Msg::Back))) Navigate(app, Screen::MySchedule);
  if (!s.reg || !s.line) {
    ui::Muted(T(Msg::UniCourseUnknown));
    return;
  }
  ImGui::PushFont(theme::GetFonts().bold);
  ui::Paragraph(s.line->course_title.c_str());
  ImGui::PopFont();
  ui::Muted(SessionDay(s.line->session.starts_at, app.lang).c_str());
  ui::SectionTitle(T(Msg::UniRating));
  static const Msg kRatings[] = {Msg::UniRating1, Msg::UniRating2, Msg::UniRating3, Msg::UniRating4, Msg::UniRating5};
  for (int i = 1; i <= 5; i++) {
    std::string label = std::to_string(i) + " \xE2\x80\x93 " + T(kRatings[i - 1]);
    if (ui::RadioOption(label.c_str(), s.rating == i)) s.rating = i;
  }
  ui::TextFieldOptions opt;
  opt.multiline = true;
  ui::TextField(T(Msg::UniComment), &s.comment, opt);
  if (ui::PrimaryButton(T(Msg::UniSendFeedback))) {
    if (s.rating < 1 || s.rating > 5) {
      s.message = T(Msg::UniRatingMissing);
      s.message_error = true;
    } else if (s.comment.size() > kFeedbackCommentMax) {
      s.message = T(Msg::UniCommentTooLong);
      s.message_error = true;
    } else {
      try {
        Registration r = *s.reg;
        SaveFeedback(*app.store, r, s.rating, s.comment);
        s.reg = r;
        RequestSync(app);
        s.message = T(Msg::UniFeedbackSaved);
        s.message_error = false;
      } catch (const std::exception& e) {
        s.message = std::string(T(Msg::SaveFailed)) + " " + e.what();
        s.message_error = true;
      }
    }
  }
  if (!s.message.empty()) ui::StatusText(s.message.c_str(), s.message_error ? theme::ColDanger() : theme::ColSuccess());
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
