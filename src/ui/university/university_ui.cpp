// university_ui.cpp — see university_ui.h.
#include "ui/university/university_ui.h"

#include "core/ics.h"
#include "imgui.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/platform.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais::ui {

void RegistrationStatus(const Registration& r, bool promoted) {
  std::string text;
  unsigned int color = theme::ColMuted();
  if (r.status == "requested") {
    text = T(Msg::UniStatusPending);
  } else if (r.status == "confirmed" || r.status == "attended") {
    text = T(Msg::UniStatusConfirmed);
    color = theme::ColSuccess();
  } else if (r.status == "waitlisted") {
    text = T(Msg::UniStatusWaitlisted);
    color = theme::ColDanger();
  } else if (r.status == "cancelled") {
    text = T(Msg::UniStatusCancelled);
  }
  ImGui::PushFont(theme::GetFonts().bold);
  StatusText(text.c_str(), color);
  ImGui::PopFont();
  if (r.status == "requested") Muted(T(Msg::UniPendingHelp));
  if (r.status == "waitlisted" && r.waitlist_position)
    Muted(LabelValue(Msg::UniWaitlistRank, std::to_string(*r.waitlist_position)).c_str());
  if (promoted) StatusText(T(Msg::UniPromoted), theme::ColSuccess());
}

// "3 places restantes sur 12", "1 place restante sur 12", "Complet : liste d'attente".
static std::string SeatsText(const SessionLine& l) {
  if (l.seats_left <= 0) return T(Msg::UniFull);
  return std::to_string(l.seats_left) + " " + T(l.seats_left == 1 ? Msg::UniSeatLeftOne : Msg::UniSeatLeftMany) +
         " " + T(Msg::UniSeatsOf) + " " + std::to_string(l.session.seats);
}

// Buttons flow like words (a phone's width holds two short ones, not three).
static void Flow(bool* first, const char* label) {
  if (!*first) ui::SameLineIfFits(label);
  *first = false;
}

bool SessionCard(AppState& app, const SessionLine& l, const SessionCardOptions& o, std::string* error) {
  const Lang lang = app.lang;
  bool wrote = false;
  ImGui::PushID(l.session.id.c_str());
  ImGui::Separator();
  if (o.show_course) {
    ImGui::PushFont(theme::GetFonts().bold);
    Paragraph(l.course_title.c_str());
    ImGui::PopFont();
  }
  std::string when = SessionDay(l.session.starts_at, lang) + ", " + SessionHours(l.session.starts_at, l.session.ends_at, lang);
  if (o.show_course) Paragraph(when.c_str());
  else SectionTitle(when.c_str());
  if (!l.session.place.empty()) Muted(LabelValue(Msg::UniPlace, l.session.place).c_str());
  if (!l.session.trainer.empty()) Muted(LabelValue(Msg::UniTrainer, l.session.trainer).c_str());
  Muted(SeatsText(l).c_str());
  if (l.mine) RegistrationStatus(*l.mine, l.promoted);

  const bool past = l.session.ends_at < NowMs();
  const std::string title = l.course_title + ", " + SessionDay(l.session.starts_at, lang);
  if (o.actions && app.store) {
    Store& st = *app.store;
    bool first = true;
    if (!l.mine && !past && !app.session.member_id.empty()) {
      std::string name = LabelValue(Msg::UniRegister, title);
      Flow(&first, T(Msg::UniRegister));
      mirror::SetNextName(name.c_str());
      if (PrimaryButton(T(Msg::UniRegister))) {
        try {
          RegisterForSession(st, app.session, l.session.id);
          RequestSync(app);
          wrote = true;
        } catch (const std::exception& e) {
          *error = std::string(T(Msg::SaveFailed)) + " " + e.what();
        }
      }
    } else if (l.mine && !past) {
      std::string name = LabelValue(Msg::UniCancel, title);
      Flow(&first, T(Msg::UniCancel));
      mirror::SetNextName(name.c_str());
      if (Button(T(Msg::UniCancel))) {
        try {
          Registration r = *l.mine;
          CancelRegistration(st, r);
          RequestSync(app);
          wrote = true;
        } catch (const std::exception& e) {
          *error = std::string(T(Msg::SaveFailed)) + " " + e.what();
        }
      }
    }
    // Built here from the row: works offline, same event as the server's.
    std::string ics_name = LabelValue(Msg::UniDownloadIcs, title);
    Flow(&first, T(Msg::UniDownloadIcs));
    mirror::SetNextName(ics_name.c_str());
    if (Button(T(Msg::UniDownloadIcs))) {
      std::string ics = SessionIcs(st, l.session.id, l.mine ? l.mine->status : "", NowMs());
      platform::DownloadFile(UniversitySessionFileName(l.session.id), kIcsContentType, ics);
    }
    if (CanMarkAttendance(app.session)) {
      std::string att = LabelValue(Msg::UniAttendance, title);
      Flow(&first, T(Msg::UniAttendance));
      mirror::SetNextName(att.c_str());
      if (Button(T(Msg::UniAttendance))) Navigate(app, Screen::Attendance, Route{l.session.id, ""});
    }
    if (l.mine && past && l.mine->status != "waitlisted") {
      Msg label = l.mine->feedback_rating ? Msg::UniEditFeedback : Msg::UniGiveFeedback;
      std::string fb = LabelValue(label, title);
      Flow(&first, T(label));
      mirror::SetNextName(fb.c_str());
      if (Button(T(label))) Navigate(app, Screen::Feedback, Route{l.mine->id, ""});
    }
  }
  ImGui::PopID();
  return wrote;
}

}  // namespace relais::ui
