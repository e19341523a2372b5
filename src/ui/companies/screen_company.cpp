// Company file: first who in the network already works with the company (so
// advisors do not over-solicit an SME), then "new note" one tap away,
// identity, contacts with their GDPR status, and one timeline of notes,
// referrals and diagnoses by any member. What is on the device is what the
// user may see: the server filters what it sends.
#include <string>
#include <unordered_map>
#include <vector>

#include "imgui.h"
#include "ui/companies/advisor_data.h"
#include "ui/diagnosis/diagnosis_data.h"
#include "ui/app.h"
#include "ui/hotline/hotline_data.h"
#include "ui/i18n.h"
#include "ui/referrals/referral_data.h"
#include "ui/mirror.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

// Read once per (company, data version): a 200-entry file is not re-queried per frame.
struct FileCache {
  Store* store = nullptr;
  std::string device;  // with store: tells two stores apart (tests reuse addresses)
  std::string company_id;
  int64_t version = -1;
  std::optional<Company> company;
  std::vector<Contact> contacts;
  std::vector<NetworkContact> network;
  std::vector<TimelineEntry> timeline;
  std::unordered_map<std::string, SaveStatus> save_states;  // notes with something pending
};
FileCache g_file;

void Load(AppState& app) {
  int64_t version = DataVersion(*app.store);
  if (g_file.store == app.store && g_file.device == app.store->device_id && g_file.company_id == app.route.id &&
      g_file.version == version)
    return;
  g_file = FileCache();
  g_file.store = app.store;
  g_file.device = app.store->device_id;
  g_file.company_id = app.route.id;
  g_file.version = version;
  g_file.company = Get<Company>(*app.store, app.route.id);
  if (!g_file.company || g_file.company->deleted()) {
    g_file.company.reset();
    return;
  }
  g_file.contacts = ListContacts(*app.store, app.route.id);
  g_file.network = NetworkContacts(*app.store, app.route.id);
  g_file.timeline = CompanyTimeline(*app.store, app.route.id);
  for (const TimelineEntry& e : g_file.timeline)
    if (e.kind == TimelineEntry::Note) g_file.save_states[e.id] = NoteSaveState(*app.store, e.id);
}

const char* KindLabel(const std::string& kind) {
  if (kind == "call") return T(Msg::KindCall);
  if (kind == "email") return T(Msg::KindEmail);
  if (kind == "event") return T(Msg::KindEvent);
  return T(Msg::KindVisit);
}

const char* VisibilityLabel(const std::string& v) {
  if (v == "organisation") return T(Msg::VisOrganisation);
  if (v == "author") return T(Msg::VisAuthor);
  return T(Msg::VisNetwork);
}

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

void DrawNetworkWork(AppState& app) {
  ui::SectionTitle(T(Msg::NetworkWorksWith));
  if (g_file.network.empty()) {
    ui::Muted(T(Msg::NobodyYet));
    return;
  }
  for (const NetworkContact& c : g_file.network) {
    std::string who = c.name.empty() ? "?" : c.name;
    if (c.member_id == app.session.member_id && !c.member_id.empty()) who += std::string(" (") + T(Msg::You) + ")";
    if (c.lead) who = LabelValue(Msg::LeadContact, who);
    ImGui::PushFont(c.lead ? theme::GetFonts().bold : theme::GetFonts().body);
    ui::Paragraph(who.c_str());
    ImGui::PopFont();
    std::string detail = c.organisation;
    if (!c.office.empty()) detail += " \xC2\xB7 " + c.office;
    detail += " \xC2\xB7 " + std::to_string(c.notes) + " " + T(c.notes == 1 ? Msg::NoteOne : Msg::NotesCount) + ", " + T(Msg::LastOn) + " " +
              ShortDate(c.last_on);
    ui::Muted(detail.c_str());
  }
}

// Two lines: where it is, and its codes.
void DrawIdentity(const Company& c) {
  ui::SectionTitle(T(Msg::Identity));
  std::string place = c.address;
  if (!c.postcode.empty() || !c.commune_name.empty()) place += (place.empty() ? "" : ", ") + c.postcode + " " + c.commune_name;
  if (!place.empty()) ui::Paragraph(place.c_str());
  std::string codes;
  auto add = [&](const std::string& part) { codes += (codes.empty() ? "" : " \xC2\xB7 ") + part; };
  if (c.siret) add("SIRET " + *c.siret);
  else if (c.siren) add("SIREN " + *c.siren);
  if (c.naf) add("NAF " + *c.naf);
  if (c.size_band) add(LabelValue(Msg::SizeBand, *c.size_band));
  if (!c.phone.empty()) add(c.phone);
  if (!c.email.empty()) add(c.email);
  if (!codes.empty()) ui::Muted(codes.c_str());
}

void DrawContacts() {
  ui::SectionTitle(T(Msg::Contacts));
  if (g_file.contacts.empty()) ui::Muted(T(Msg::NoContacts));
  for (const Contact& p : g_file.contacts) {
    std::string name = p.first_name + " " + p.last_name;
    if (!p.job_title.empty()) name += " \xC2\xB7 " + p.job_title;
    ui::Paragraph(name.c_str());
    ui::StatusText(ConsentText(p).c_str(), p.consent_basis ? theme::ColSuccess() : theme::ColDanger());
  }
}

void DrawSaveState(const std::string& note_id) {
  auto it = g_file.save_states.find(note_id);
  if (it == g_file.save_states.end()) return;
  ui::SaveStateLine(SaveStateNow(it->second.state, NoteCommit(note_id)), it->second.reason);
}

void DrawTimeline(AppState& app) {
  ui::SectionTitle(T(Msg::Timeline));
  if (g_file.timeline.empty()) ui::Muted(T(Msg::TimelineEmpty));
  for (const TimelineEntry& e : g_file.timeline) {
    ImGui::PushID(e.id.c_str());
    ImGui::Separator();
    std::string head;
    if (e.kind == TimelineEntry::Note) head = KindLabel(e.note.kind);
    else if (e.kind == TimelineEntry::Referral) head = T(Msg::ReferralEntry);
    else head = T(Msg::DiagnosisEntry);
    head += " \xC2\xB7 " + ShortDate(e.date);
    if (!e.who.empty()) head += " \xC2\xB7 " + e.who;
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(head.c_str());
    ImGui::PopFont();
    if (e.kind == TimelineEntry::Note) {
      const Interaction& n = e.note;
      std::string tags = Join(n.topics);
      if (!n.services.empty()) tags += (tags.empty() ? "" : " \xC2\xB7 ") + Join(n.services);
      if (!tags.empty()) ui::Muted(tags.c_str());
      if (!n.note.empty()) ui::Paragraph(n.note.c_str());
      for (const FollowUpAction& a : e.actions) {
        // Only glyphs Noto Sans has (no check mark or arrows in it): "• title — due · Fait".
        std::string line = "\xE2\x80\xA2 " + a.title + " \xE2\x80\x94 ";
        line += a.due_on ? std::string(T(Msg::DueOn)) + " " + ShortDate(*a.due_on) : T(Msg::NoDueDate);
        if (a.status == "done") line += std::string(" \xC2\xB7 ") + T(Msg::MarkDone);
        ui::Paragraph(line.c_str());
      }
      ui::Muted(LabelValue(Msg::Visibility, VisibilityLabel(n.visibility)).c_str());
      DrawSaveState(e.id);
      if (CanEditNote(app.session, n) && ui::Button(T(Msg::Edit)))
        Navigate(app, Screen::NoteEdit, Route{app.route.id, n.id});
    } else if (e.kind == TimelineEntry::Referral) {
      DrawReferralStatus(e.status, e.save);
      if (e.reminder) ui::StatusText(T(Msg::RefReminder), theme::ColDanger());
      if (!e.text.empty()) ui::Paragraph(e.text.c_str());
    } else {
      ui::Muted(DiagnosisTitle(e.status).c_str());
      if (ui::Button(T(Msg::DiagSeeResult))) Navigate(app, Screen::DiagnosisResult, Route{app.route.id, e.id});
    }
    ImGui::PopID();
  }
}

}  // namespace

void DrawCompanyFileBody(AppState& app) {
  Load(app);
  if (!g_file.company) {
    ui::StatusText(T(Msg::CompanyNotFound), theme::ColDanger());
    if (ui::Button(T(Msg::BackToList))) Navigate(app, Screen::Companies);
    return;
  }
  const Company& c = *g_file.company;
  ui::Title(c.name.c_str());
  // One tap to the note form: the most common action at the SME.
  if (ui::PrimaryButton(T(Msg::NewNote))) Navigate(app, Screen::NoteEdit, Route{c.id, ""});
  ui::SameLineIfFits(T(Msg::EditCompany));
  if (ui::Button(T(Msg::EditCompany))) Navigate(app, Screen::CompanyEdit, Route{c.id, ""});
  ui::SameLineIfFits(T(Msg::DiagLaunch));
  if (ui::Button(T(Msg::DiagLaunch))) Navigate(app, Screen::DiagnosisNew, Route{c.id, ""});
  if (!app.session.member_id.empty()) {
    ui::SameLineIfFits(T(Msg::ReferCompany));
    if (ui::Button(T(Msg::ReferCompany))) Navigate(app, Screen::ReferralNew, Route{c.id, ""});
    ui::SameLineIfFits(T(Msg::AskHotlineAboutCompany));
    if (ui::Button(T(Msg::AskHotlineAboutCompany))) AskHotlineAbout(app, c.id);
  }
  DrawNetworkWork(app);
  DrawIdentity(c);
  DrawContacts();
  DrawTimeline(app);
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
