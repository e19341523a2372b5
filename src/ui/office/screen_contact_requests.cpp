// The portal's contact requests (/office/requests): what SMEs left on the
// public orientation portal, routed by commune to an office, which the
// server sends to that office's staff (and admins). The list shows new ones
// first; a request opens on the same screen with the needs, the message, the
// contact details the SME consented to give and that consent; staff assign
// it to a member of the office, move its status along, keep a note for the
// team or send it to another office. Every change is a local write queued
// for sync (core/model/contact_request.h), so it works offline; the server
// accepts from the destination office's staff only those columns.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "core/paris_time.h"
#include "imgui.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/office/office_ui.h"
#include "ui/office/request_data.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

struct RequestsState {
  // Cache, valid for (store, device, data version, office).
  Store* store = nullptr;
  std::string device, office;
  int64_t version = -1;
  std::vector<RequestLine> lines;
  int closed = 0, fresh = 0;
  bool show_closed = false;
  // The open request ("" : the list) and its follow-up form.
  std::string open_id;
  std::string form_for;  // the request the form was filled from
  bool dirty = false;    // edited since: a sync does not overwrite it
  std::string assignee, status, note, office_id;
  std::vector<std::pair<std::string, std::string>> members, offices;
  std::string error;
  std::string saved_for;     // the request saved in this session (its save state is shown)
  SaveStatus saved_state{SaveState::SavedOnDevice, ""};  // saved_for's, read per data version (ReadSaveState)
  std::string list_message;  // said above the list (a request sent to another office)
};
RequestsState g_req;

unsigned StatusColour(const std::string& status) {
  if (status == "new") return theme::ColPrimary();
  if (status == "closed") return theme::ColMuted();
  if (status == "contacted") return theme::ColSuccess();
  return IM_COL32(0x8a, 0x5a, 0x00, 255);  // assigned: under way
}

std::string When(int64_t ms) {
  const CivilTime c = ParisCivil(ms);
  char buf[32];
  if (CurrentLang() == Lang::Fr)
    std::snprintf(buf, sizeof buf, " \xC3\xA0 %d h %02d", c.hour, c.minute);
  else
    std::snprintf(buf, sizeof buf, " at %d:%02d", c.hour, c.minute);
  return ShortDate(ParisIsoDate(ms)) + buf;
}

// A section's title, read by screen readers too.
void Heading(Msg m) {
  ui::SectionTitle(T(m));
  mirror::AddText(T(m));
}

const RequestLine* OpenLine() {
  for (const RequestLine& l : g_req.lines)
    if (l.request.id == g_req.open_id) return &l;
  return nullptr;
}

void FillForm(const ContactRequest& r) {
  RequestsState& s = g_req;
  s.form_for = r.id;
  s.dirty = false;
  s.assignee = r.assignee_member_id.value_or("");
  s.status = r.status;
  s.note = r.staff_note;
  s.office_id = r.office_id;
}

// An outbox query: read per data version and after a save, not per frame.
void ReadSaveState(AppState& app) {
  if (!g_req.saved_for.empty()) g_req.saved_state = RowSaveState(*app.store, "contact_requests", g_req.saved_for);
}

void Load(AppState& app) {
  RequestsState& s = g_req;
  const std::string office = RequestsOfficeFor(*app.store, app.session);
  const int64_t version = DataVersion(*app.store);
  if (s.store == app.store && s.device == app.store->device_id && s.version == version && s.office == office) return;
  if (s.store != app.store || s.device != app.store->device_id) s = RequestsState();
  s.store = app.store;
  s.device = app.store->device_id;
  s.version = version;
  s.office = office;
  s.lines = RequestLines(*app.store, office);
  s.closed = s.fresh = 0;
  for (const RequestLine& l : s.lines) {
    s.closed += l.request.status == "closed";
    s.fresh += l.request.status == "new";
  }
  s.offices = AllOffices(*app.store);
  ReadSaveState(app);
  if (const RequestLine* l = OpenLine()) {
    // A request still at a deactivated office shows it as its current one.
    bool listed = false;
    for (const auto& o : s.offices) listed = listed || o.first == l->request.office_id;
    if (!listed) s.offices.emplace_back(l->request.office_id, l->office_name);
    s.members = OfficeMembers(*app.store, l->request.office_id);
    // The user first: most requests are taken by whoever reads them.
    for (size_t i = 0; i < s.members.size(); i++)
      if (s.members[i].first == app.session.member_id)
        std::rotate(s.members.begin(), s.members.begin() + (long)i, s.members.begin() + (long)i + 1);
    // A sync brought a colleague's change: the form follows unless being edited.
    if (s.form_for != l->request.id || !s.dirty) FillForm(l->request);
  }
}

// The open request follows the address (/office/requests/<id>), so the
// browser's back button returns from a request to the list.
void Open(const std::string& id) {
  g_req.open_id = id;
  g_req.form_for.clear();
  g_req.error.clear();
  if (!id.empty()) g_req.list_message.clear();  // (kept when a transfer closed the request)
  g_req.version = -1;  // re-read: the form and the office's members
  ImGui::SetScrollY(0);
}

void DrawList(AppState& app) {
  RequestsState& s = g_req;
  if (!s.list_message.empty()) ui::StatusText(s.list_message.c_str(), theme::ColSuccess());
  if (s.lines.empty()) {
    ui::Muted(T(Msg::CrNone));
    return;
  }
  char count[96], fresh[64];
  std::snprintf(count, sizeof count, T(s.lines.size() == 1 ? Msg::CrCountOne : Msg::CrCountMany), (int)s.lines.size());
  std::string text = count;
  if (s.fresh > 0) {
    std::snprintf(fresh, sizeof fresh, T(s.fresh == 1 ? Msg::CrNewOne : Msg::CrNewMany), s.fresh);
    text += std::string(", ") + fresh;
  }
  ui::Muted(text.c_str());
  for (const RequestLine& l : s.lines) {
    const ContactRequest& r = l.request;
    if (r.status == "closed" && !s.show_closed) continue;
    ImGui::PushID(r.id.c_str());
    ImGui::Separator();
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(l.title.c_str());
    ImGui::PopFont();
    std::string meta =
        r.commune_name + " \xC2\xB7 " + T(Msg::CrReceived) + " " + ShortDate(ParisIsoDate(r.submitted_at));
    if (s.office.empty() && !l.office_name.empty()) meta += " \xC2\xB7 " + l.office_name;  // admins see every office
    ui::Muted(meta.c_str());
    std::string needs;
    for (const std::string& n : r.needs) needs += (needs.empty() ? "" : ", ") + NeedLabel(n);
    if (!needs.empty()) ui::Muted(needs.c_str());
    std::string status = T(ContactStatusMsg(r.status));
    if (!l.assignee_name.empty()) status += " \xC2\xB7 " + LabelValue(Msg::CrAssignedTo, l.assignee_name);
    ui::StatusText(status.c_str(), StatusColour(r.status));
    const std::string name = LabelValue(Msg::CrOpen, l.title);
    mirror::SetNextName(name.c_str());
    if (ui::Button(T(Msg::CrOpen))) Navigate(app, Screen::ContactRequests, Route{r.id, ""});
    ImGui::PopID();
  }
  if (s.closed > 0) {
    ImGui::Separator();
    if (ui::Button(T(s.show_closed ? Msg::CrHideClosed : Msg::CrShowClosed))) s.show_closed = !s.show_closed;
  }
}

void Save(AppState& app, const ContactRequest& r) {
  RequestsState& s = g_req;
  s.error.clear();
  if (s.status == "assigned" && s.assignee.empty()) {
    s.error = T(Msg::CrAssignedNeedsSomeone);
    return;
  }
  ContactRequestFollowUp f;
  if (s.office_id != r.office_id) {
    f.office_id = s.office_id;  // starts over there: new, nobody
  } else {
    if (s.assignee != r.assignee_member_id.value_or("")) f.assignee_member_id = s.assignee;
    // A status the user chose; "new" -> "assigned" follows the assignment by itself.
    const bool implied = f.assignee_member_id && r.status == "new" && s.status == "new";
    if (s.status != r.status && !implied) f.status = s.status;
  }
  if (s.note != r.staff_note) f.staff_note = s.note;
  try {
    ContactRequest saved = FollowUpContactRequest(*app.store, r.id, f, app.store->now_ms());
    RequestSync(app);
    s.saved_for = r.id;
    ReadSaveState(app);  // said under the button in this same frame
    FillForm(saved);
    if (f.office_id && !s.office.empty()) {
      // It leaves this office's list.
      Navigate(app, Screen::ContactRequests);
      s.list_message = T(Msg::CrTransferred);
    }
  } catch (const std::exception& e) {
    s.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
  }
}

void DrawStatusChoice() {
  RequestsState& s = g_req;
  ImGui::TextUnformatted(T(Msg::CrStatus));
  mirror::AddText(T(Msg::CrStatus));
  bool first = true;
  for (const char* st : {"new", "assigned", "contacted", "closed"}) {
    const char* label = T(ContactStatusMsg(st));
    if (!first) ui::SameLineIfFits(label);
    first = false;
    const bool on = s.status == st;
    mirror::SetNextRole(mirror::Role::Radio);
    mirror::SetNextChecked(on);
    mirror::SetNextName(label);
    if (on ? ui::PrimaryButton(label) : ui::Button(label)) {
      s.status = st;
      s.dirty = true;
    }
  }
}

void DrawDetail(AppState& app) {
  RequestsState& s = g_req;
  if (ui::Button(T(Msg::CrAllRequests))) {
    Navigate(app, Screen::ContactRequests);
    return;
  }
  const RequestLine* line = OpenLine();
  if (!line) {
    ui::Muted(T(Msg::CrNotFound));
    return;
  }
  const ContactRequest& r = line->request;
  ui::Title(line->title.c_str());
  mirror::AddText(line->title);
  std::string status = T(ContactStatusMsg(r.status));
  if (!line->assignee_name.empty()) status += " \xC2\xB7 " + LabelValue(Msg::CrAssignedTo, line->assignee_name);
  ui::StatusText(status.c_str(), StatusColour(r.status));
  ui::Muted((std::string(T(Msg::CrReceived)) + " " + When(r.submitted_at)).c_str());

  if (!r.needs.empty()) {
    Heading(Msg::CrNeeds);
    for (const std::string& n : r.needs) ui::Paragraph(("\xE2\x80\x93 " + NeedLabel(n)).c_str());
  }
  Heading(Msg::CrMessage);
  ui::Paragraph(r.message.c_str());

  Heading(Msg::CrContact);
  auto given = [](const std::string& v) { return v.empty() ? std::string(T(Msg::CrNotGiven)) : v; };
  ui::Paragraph(LabelValue(Msg::CrContactName, r.contact_name).c_str());
  ui::Paragraph(LabelValue(Msg::CrCompany, given(r.company_name)).c_str());
  ui::Paragraph(LabelValue(Msg::CrEmail, r.email).c_str());
  ui::Paragraph(LabelValue(Msg::CrPhone, given(r.phone)).c_str());
  ui::Paragraph(LabelValue(Msg::CrCommune, r.commune_name + " (" + r.commune_insee + ")").c_str());

  Heading(Msg::CrConsent);
  char consent[200];
  std::snprintf(consent, sizeof consent, T(Msg::CrConsentGiven), ShortDate(r.consent_date).c_str());
  ui::Paragraph(consent);
  if (!r.consent_text.empty()) ui::Muted(("\xC2\xAB\xC2\xA0" + r.consent_text + "\xC2\xA0\xC2\xBB").c_str());

  // --- follow-up ---
  ImGui::Dummy(ImVec2(0, 6));
  ImGui::Separator();
  Heading(Msg::CrFollowUp);
  std::vector<std::string> people = {T(Msg::CrNobody)};
  int current = 0;
  for (size_t i = 0; i < s.members.size(); i++) {
    people.push_back(s.members[i].second);
    if (s.members[i].first == s.assignee) current = (int)i + 1;
  }
  const float w =
      app.device.Compact() ? ImGui::GetContentRegionAvail().x : std::min(ImGui::GetContentRegionAvail().x, 420.0f);
  int c = ui::Picker(T(Msg::CrAssignee), current, people, w);
  if (c >= 0) {
    s.assignee = c == 0 ? "" : s.members[(size_t)c - 1].first;
    if (!s.assignee.empty() && s.status == "new") s.status = "assigned";
    if (s.assignee.empty() && s.status == "assigned") s.status = "new";
    s.dirty = true;
  }
  DrawStatusChoice();
  ui::TextFieldOptions opt;
  opt.multiline = true;
  opt.height = ImGui::GetTextLineHeight() * 4 + ImGui::GetStyle().FramePadding.y * 2;
  if (ui::TextField(T(Msg::CrStaffNote), &s.note, opt)) s.dirty = true;
  ui::Muted(T(Msg::CrStaffNoteHelp));
  std::vector<std::string> offices;
  int office = 0;
  for (size_t i = 0; i < s.offices.size(); i++) {
    offices.push_back(s.offices[i].second);
    if (s.offices[i].first == s.office_id) office = (int)i;
  }
  if (!offices.empty()) {
    int o = ui::Picker(T(Msg::CrTransfer), office, offices, w);
    if (o >= 0) {
      s.office_id = s.offices[(size_t)o].first;
      s.dirty = true;
    }
    if (s.office_id != r.office_id) ui::Muted(T(Msg::CrTransferHelp));
  }
  if (!s.error.empty()) ui::StatusText(s.error.c_str(), theme::ColDanger());
  if (ui::PrimaryButton(T(Msg::CrSave))) Save(app, r);
  if (s.saved_for == r.id && !s.dirty)
    ui::SaveStateLine(s.saved_state.state, s.saved_state.reason, {Msg::CrSavedOnDevice, Msg::CrSynced, Msg::CrRejected, /*saved_muted=*/true});
}

}  // namespace

void DrawContactRequests(AppState& app) {
  if (app.session.role != "office_staff" && app.session.role != "admin") {
    ui::Muted(T(Msg::CrStaffOnly));
    return;
  }
  if (app.route.id != g_req.open_id) Open(app.route.id);
  Load(app);
  if (app.session.role == "office_staff" && g_req.office.empty()) {
    ui::Muted(T(Msg::CrNoOffice));
    return;
  }
  if (g_req.open_id.empty())
    DrawList(app);
  else
    DrawDetail(app);
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
