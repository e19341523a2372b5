// A record of the network (/office/network/<members|organisations|offices>/<id|new>):
// the form to create or edit a member, an organisation or an office, its
// deactivation and reactivation (confirmed; nothing is ever deleted), and on a
// member's page their convention and code-of-conduct signatures with a form
// to record one. Writes go through core/model/network.h: saved on the device
// first, queued for sync in the same transaction, so it all works offline;
// the page then says whether the change is still on this device or synced.
#include <algorithm>
#include <cfloat>
#include <optional>
#include <string>
#include <vector>

#include "core/model/network.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/network/network_data.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

struct EditState {
  std::string key;  // store, device, kind and id the form was read for
  int64_t version = -1;
  bool found = true;
  bool dirty = false;  // edited since read: a sync does not overwrite it
  Member m;
  Organisation o;
  Office f;
  // List and optional fields as typed.
  std::string expertise, languages, communes, departments, siren, commune_insee;
  std::string error_field, error;
  std::string saved_id;  // written in this session: its save state is shown
  SaveStatus saved_state{SaveState::SavedOnDevice, ""};  // saved_id's, read per data version (ReadSaveStates)
  std::string notice;
  bool confirm = false;  // the (de)activation asks to confirm
  int org_members = 0;   // an organisation's active members, counted when asked to confirm
  std::vector<std::pair<std::string, std::string>> org_choices, office_choices;
  // The member's signatures and the form to record one.
  std::vector<Signature> signatures;
  SignatureStatus status;
  int sig_kind = 0, sig_signer = 0;
  std::string sig_name, sig_title, sig_date, sig_version;
  std::string sig_error_field, sig_error, sig_saved_id;
  std::string withdraw_id;  // the signature whose withdrawal asks to confirm
  std::string sig_notice;   // after a withdrawal
  SaveStatus sig_state{SaveState::SavedOnDevice, ""};  // sig_saved_id's, as saved_state
};
EditState g_edit;

bool IsMember(const AppState& app) { return app.route.sub == "members"; }
bool IsOrganisation(const AppState& app) { return app.route.sub == "organisations"; }
const char* Table(const AppState& app) {
  return IsMember(app) ? "members" : IsOrganisation(app) ? "organisations" : "offices";
}

std::string MemberFullName(const Member& m) { return m.first_name + " " + m.last_name; }

void ResetSignatureForm(AppState& app) {
  EditState& s = g_edit;
  s.sig_signer = 0;
  s.sig_name = MemberFullName(s.m);
  s.sig_title = s.m.job_title;
  s.sig_date = ShortDate(TodayIso(*app.store));
  s.sig_error.clear();
  s.sig_error_field.clear();
}

void ReadRecord(AppState& app) {
  EditState& s = g_edit;
  Store& st = *app.store;
  s.found = true;
  s.dirty = false;
  const std::string& id = app.route.id;
  if (IsMember(app)) {
    s.m = Member();
    if (!id.empty()) {
      std::optional<Member> m = Get<Member>(st, id);
      s.found = m && !m->deleted();
      if (s.found) s.m = *m;
    }
    s.expertise = JoinList(s.m.expertise);
    s.languages = JoinList(s.m.languages);
    s.communes = JoinList(s.m.communes);
    s.signatures = id.empty() ? std::vector<Signature>() : ListSignatures(st, id);
    s.status = id.empty() ? SignatureStatus() : GetSignatureStatus(st, id);
  } else if (IsOrganisation(app)) {
    s.o = Organisation();
    if (!id.empty()) {
      std::optional<Organisation> o = Get<Organisation>(st, id);
      s.found = o && !o->deleted();
      if (s.found) s.o = *o;
    }
    s.siren = s.o.siren.value_or("");
  } else {
    s.f = Office();
    if (!id.empty()) {
      std::optional<Office> f = Get<Office>(st, id);
      s.found = f && !f->deleted();
      if (s.found) s.f = *f;
    }
    s.departments = JoinList(s.f.departments);
    s.commune_insee = s.f.commune_insee.value_or("");
  }
  s.org_choices = ActiveOrganisationChoices(st, s.m.organisation_id);
  s.office_choices = ActiveOfficeChoices(st, s.m.office_id.value_or(""));
}

// Where this session's writes stand: an outbox query, so read with the
// record (per data version) and after a write, not per frame.
void ReadSaveStates(AppState& app) {
  EditState& s = g_edit;
  if (!s.saved_id.empty()) s.saved_state = RowSaveState(*app.store, Table(app), s.saved_id);
  if (!s.sig_saved_id.empty()) s.sig_state = RowSaveState(*app.store, "signatures", s.sig_saved_id);
}

void Load(AppState& app) {
  EditState& s = g_edit;
  const std::string key =
      std::to_string((uintptr_t)app.store) + app.store->device_id + app.route.sub + "/" + app.route.id;
  const int64_t version = DataVersion(*app.store);
  if (s.key != key) {
    const std::string saved = s.saved_id, notice = s.notice;
    s = EditState();
    if (saved == app.route.id) {  // just created: keep saying where it stands
      s.saved_id = saved;
      s.notice = notice;
    }
    s.key = key;
    s.version = version;
    ImGui::SetScrollY(0);  // another record: its top, not where the last one was left
    ReadRecord(app);
    ResetSignatureForm(app);
    ReadSaveStates(app);
    return;
  }
  if (s.version == version) return;
  s.version = version;
  if (!s.dirty) {
    ReadRecord(app);
  } else if (IsMember(app) && !app.route.id.empty()) {  // the signatures follow syncs even while editing
    s.signatures = ListSignatures(*app.store, app.route.id);
    s.status = GetSignatureStatus(*app.store, app.route.id);
  }
  ReadSaveStates(app);
}

// A text field that marks the form edited, with its error under it.
void Field(Msg label, std::string* value, const char* column, const char* help = nullptr, const char* hint = nullptr) {
  ui::TextFieldOptions opt;
  opt.help = help;
  opt.hint = hint;
  if (ui::TextField(T(label), value, opt)) g_edit.dirty = true;
  if (g_edit.error_field == column) ui::StatusText(g_edit.error.c_str(), theme::ColDanger());
}

// The form's fields in two columns on wide screens, one on phones.
bool BeginForm(AppState& app, const char* id) {
  const int cols = app.device.Compact() ? 1 : 2;
  return ImGui::BeginTable(id, cols, ImGuiTableFlags_SizingStretchSame);
}
void Cell() {
  ImGui::TableNextColumn();
  // A table lines up the text of a row's cells on the row's baseline, which
  // the field of the first cell moved down: the second cell's label would sit
  // lower than the first's. Labels start at the top of their cell.
  ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0.0f;
}

int ChoicePicker(const char* label, const std::vector<std::pair<std::string, std::string>>& choices,
                 const std::string& current_id, const char* none_label) {
  std::vector<std::string> items = {none_label};
  int current = 0;
  for (const auto& c : choices) {
    if (c.first == current_id) current = (int)items.size();
    items.push_back(c.second);
  }
  return ui::Picker(label, current, items, ImGui::GetContentRegionAvail().x);
}

void DrawMemberForm(AppState& app) {
  EditState& s = g_edit;
  Member& m = s.m;
  if (!BeginForm(app, "member")) return;
  Cell();
  Field(Msg::NetFirstName, &m.first_name, "first_name");
  Cell();
  Field(Msg::NetLastName, &m.last_name, "last_name");
  Cell();
  int c = ChoicePicker(T(Msg::NetOrganisation), s.org_choices, m.organisation_id, T(Msg::NetChoose));
  if (c >= 0) {
    m.organisation_id = c == 0 ? "" : s.org_choices[(size_t)c - 1].first;
    s.dirty = true;
  }
  if (s.error_field == "organisation_id") ui::StatusText(s.error.c_str(), theme::ColDanger());
  Cell();
  c = ChoicePicker(T(Msg::NetOffice), s.office_choices, m.office_id.value_or(""), T(Msg::NetNoOffice));
  if (c >= 0) {
    if (c == 0)
      m.office_id.reset();
    else
      m.office_id = s.office_choices[(size_t)c - 1].first;
    s.dirty = true;
  }
  if (s.error_field == "office_id") ui::StatusText(s.error.c_str(), theme::ColDanger());
  Cell();
  Field(Msg::NetJobTitle, &m.job_title, "job_title");
  Cell();
  {
    std::vector<std::string> items;
    int current = 0;
    for (const std::string& r : MemberRoles()) {
      if (r == m.role) current = (int)items.size();
      items.push_back(RoleLabel(r));
    }
    c = ui::Picker(T(Msg::NetRole), current, items, ImGui::GetContentRegionAvail().x);
    if (c >= 0) {
      m.role = MemberRoles()[(size_t)c];
      s.dirty = true;
    }
  }
  Cell();
  Field(Msg::NetEmail, &m.email, "email");
  Cell();
  Field(Msg::NetPhone, &m.phone, "phone");
  Cell();
  Field(Msg::NetExpertise, &s.expertise, "expertise", T(Msg::NetListHelp));
  Cell();
  Field(Msg::NetLanguages, &s.languages, "languages", T(Msg::NetLanguagesHelp));
  Cell();
  Field(Msg::NetCommunes, &s.communes, "communes", T(Msg::NetCommunesHelp));
  ImGui::EndTable();
  ui::TextFieldOptions opt;
  opt.multiline = true;
  opt.height = ImGui::GetTextLineHeight() * 4 + ImGui::GetStyle().FramePadding.y * 2;
  if (ui::TextField(T(Msg::NetSummary), &m.summary, opt)) s.dirty = true;
}

void DrawOrganisationForm(AppState& app) {
  EditState& s = g_edit;
  Organisation& o = s.o;
  if (!BeginForm(app, "organisation")) return;
  Cell();
  Field(Msg::NetName, &o.name, "name");
  Cell();
  {
    std::vector<std::string> items = {T(Msg::NetChoose)};
    int current = 0;
    for (const std::string& k : OrganisationKinds()) {
      if (k == o.kind) current = (int)items.size();
      items.push_back(KindLabel(k));
    }
    if (current == 0 && !o.kind.empty()) {  // a kind from elsewhere stays as it is
      items.push_back(o.kind);
      current = (int)items.size() - 1;
    }
    const int c = ui::Picker(T(Msg::NetKind), current, items, ImGui::GetContentRegionAvail().x);
    if (c >= 0) {
      o.kind = c == 0 ? "" : (size_t)c <= OrganisationKinds().size() ? OrganisationKinds()[(size_t)c - 1] : o.kind;
      s.dirty = true;
    }
  }
  Cell();
  Field(Msg::NetSiren, &s.siren, "siren", nullptr, "123 456 789");
  Cell();
  Field(Msg::NetWebsite, &o.website, "website");
  Cell();
  Field(Msg::NetEmail, &o.email, "email");
  Cell();
  Field(Msg::NetPhone, &o.phone, "phone");
  ImGui::EndTable();
}

void DrawOfficeForm(AppState& app) {
  EditState& s = g_edit;
  Office& f = s.f;
  if (!BeginForm(app, "office")) return;
  Cell();
  Field(Msg::NetName, &f.name, "name");
  Cell();
  Field(Msg::NetAddress, &f.address, "address");
  Cell();
  Field(Msg::NetPostcode, &f.postcode, "postcode");
  Cell();
  Field(Msg::NetCommune, &f.commune_name, "commune_name");
  Cell();
  Field(Msg::NetPhone, &f.phone, "phone");
  Cell();
  Field(Msg::NetEmail, &f.email, "email");
  ImGui::EndTable();
  Field(Msg::NetDepartments, &s.departments, "departments", T(Msg::NetDepartmentsHelp), "45, 37");
}

void Save(AppState& app) {
  EditState& s = g_edit;
  s.error.clear();
  s.error_field.clear();
  s.notice.clear();
  Store& st = *app.store;
  try {
    std::string id;
    if (IsMember(app)) {
      Member m = s.m;
      m.expertise = SplitList(s.expertise);
      m.languages = SplitList(s.languages);
      m.communes = SplitList(s.communes);
      SaveMember(st, m);
      id = m.id;
    } else if (IsOrganisation(app)) {
      Organisation o = s.o;
      o.siren = s.siren;
      SaveOrganisation(st, o);
      id = o.id;
    } else {
      Office f = s.f;
      f.departments = SplitList(s.departments);
      SaveOffice(st, f);
      id = f.id;
    }
    RequestSync(app);
    s.saved_id = id;
    s.dirty = false;
    ReadSaveStates(app);  // said under the button in this same frame
    if (app.route.id.empty()) {  // created: the page becomes the record's
      Route r = app.route;
      r.id = id;
      Navigate(app, Screen::NetworkEdit, r);
    } else {
      s.version = -1;  // read back what was stored (trimmed, normalized)
    }
  } catch (const ValidationError& e) {
    s.error_field = e.field;
    s.error = FieldError(e.field, e.what());
  } catch (const std::exception& e) {
    s.error = std::string(T(Msg::NetErrOther)) + " " + e.what();
  }
}

bool RecordActive(const AppState& app) {
  return IsMember(app) ? g_edit.m.active : IsOrganisation(app) ? g_edit.o.active : g_edit.f.active;
}

void SetActive(AppState& app, bool active) {
  Store& st = *app.store;
  const std::string& id = app.route.id;
  try {
    int members = 0;  // deactivated along with an organisation
    if (IsMember(app))
      SetMemberActive(st, id, active);
    else if (IsOrganisation(app))
      SetOrganisationActive(st, id, active, &members);
    else
      SetOfficeActive(st, id, active);
    RequestSync(app);
    g_edit.saved_id = id;
    g_edit.notice = T(active ? Msg::NetReactivated : Msg::NetDeactivated);
    if (members > 0) g_edit.notice = CountText(members, Msg::NetDeactivatedWithOne, Msg::NetDeactivatedWithMany);
    g_edit.dirty = false;
    g_edit.version = -1;
  } catch (const std::exception& e) {
    g_edit.error = std::string(T(Msg::NetErrOther)) + " " + e.what();
  }
  g_edit.confirm = false;
}

void DrawActivation(AppState& app) {
  EditState& s = g_edit;
  const bool active = RecordActive(app);
  ImGui::Dummy(ImVec2(0, 6));
  ImGui::Separator();
  if (!s.confirm) {
    if (ui::Button(T(active ? Msg::NetDeactivate : Msg::NetReactivate))) {
      s.confirm = true;
      s.org_members = IsOrganisation(app) ? ActiveMemberCount(*app.store, app.route.id) : 0;
    }
    return;
  }
  std::vector<std::string> help = {T(active ? Msg::NetDeactivateHelp : Msg::NetReactivateHelp)};
  if (IsOrganisation(app) && active && s.org_members > 0)
    help.push_back(CountText(s.org_members, Msg::NetOrgMembersGoOne, Msg::NetOrgMembersGoMany));
  if (IsOrganisation(app) && !active) help.push_back(T(Msg::NetOrgMembersStay));
  for (const std::string& h : help) {
    ui::Paragraph(h.c_str());
    mirror::AddText(h.c_str());
  }
  if (ui::PrimaryButton(T(active ? Msg::NetConfirmDeactivate : Msg::NetConfirmReactivate))) SetActive(app, !active);
  ui::SameLineIfFits(T(Msg::NetCancel));
  if (ui::Button(T(Msg::NetCancel))) s.confirm = false;
}

void DrawSignatures(AppState& app) {
  EditState& s = g_edit;
  ImGui::Dummy(ImVec2(0, 6));
  ImGui::Separator();
  ui::SectionTitle(T(Msg::NetSignatures));
  mirror::AddText(T(Msg::NetSignatures));
  const std::string status = SignatureStatusText(s.status);
  ui::StatusText(status.c_str(), s.status.complete() ? theme::ColSuccess() : theme::ColDanger());
  if (s.signatures.empty()) ui::Muted(T(Msg::NetSignaturesNone));
  for (const Signature& g : s.signatures) {
    // "Convention — signée par le membre (Claire Martin, Conseillère) le 12/03/2026 · version 2024"
    const std::string doc = T(g.kind == "convention" ? Msg::NetDocConvention : Msg::NetDocCode);
    const std::string signer = T(g.signer == "member" ? Msg::NetSignerMember : Msg::NetSignerHierarchy);
    std::string line = doc + " \xE2\x80\x94 " + T(Msg::NetSignedBy) + " " + g.signer_name;
    if (!g.signer_title.empty()) line += ", " + g.signer_title;
    line += " (" + signer + ") " + T(Msg::NetSignedOn) + " " + ShortDate(g.signed_on);
    if (!g.document_version.empty()) line += " \xC2\xB7 " + std::string(T(Msg::NetVersion)) + " " + g.document_version;
    ui::Paragraph(line.c_str());
    mirror::AddText(line);
    // A signature recorded by mistake is withdrawn (a tombstone that syncs),
    // after confirming: the button names the document and the signer.
    ImGui::PushID(g.id.c_str());
    if (s.withdraw_id != g.id) {
      if (ui::Button((std::string(T(Msg::NetWithdraw)) + " (" + doc + ", " + signer + ")").c_str())) {
        s.withdraw_id = g.id;
        s.sig_notice.clear();
      }
    } else {
      ui::Paragraph(T(Msg::NetWithdrawHelp));
      mirror::AddText(T(Msg::NetWithdrawHelp));
      if (ui::PrimaryButton(T(Msg::NetConfirmWithdraw))) {
        if (SoftDelete<Signature>(*app.store, g.id)) {
          RequestSync(app);
          s.sig_notice = T(Msg::NetSignatureWithdrawn);
          if (s.sig_saved_id == g.id) s.sig_saved_id.clear();
          s.version = -1;  // re-read the signatures and the status
        }
        s.withdraw_id.clear();
      }
      ui::SameLineIfFits(T(Msg::NetCancel));
      if (ui::Button(T(Msg::NetCancel))) s.withdraw_id.clear();
    }
    ImGui::PopID();
  }
  if (!s.sig_notice.empty()) ui::StatusText(s.sig_notice.c_str(), theme::ColMuted());

  ImGui::Dummy(ImVec2(0, 4));
  ui::SectionTitle(T(Msg::NetRecordSignature));
  mirror::AddText(T(Msg::NetRecordSignature));
  if (!BeginForm(app, "signature")) return;
  Cell();
  int c = ui::Picker(T(Msg::NetDocument), s.sig_kind, {T(Msg::NetDocConvention), T(Msg::NetDocCode)},
                     ImGui::GetContentRegionAvail().x);
  if (c >= 0) s.sig_kind = c;
  Cell();
  c = ui::Picker(T(Msg::NetSigner), s.sig_signer, {T(Msg::NetSignerMember), T(Msg::NetSignerHierarchy)},
                 ImGui::GetContentRegionAvail().x);
  if (c >= 0 && c != s.sig_signer) {
    s.sig_signer = c;
    // The member's own name is the likely signer; the hierarchy's is not known.
    const bool was_member = s.sig_name == MemberFullName(s.m);
    if (c == 1 && was_member) s.sig_name.clear(), s.sig_title.clear();
    if (c == 0 && s.sig_name.empty()) s.sig_name = MemberFullName(s.m), s.sig_title = s.m.job_title;
  }
  auto field = [&](Msg label, std::string* value, const char* column, const char* hint = nullptr) {
    ui::TextFieldOptions opt;
    opt.hint = hint;
    ui::TextField(T(label), value, opt);
    if (s.sig_error_field == column) ui::StatusText(s.sig_error.c_str(), theme::ColDanger());
  };
  Cell();
  field(Msg::NetSignerName, &s.sig_name, "signer_name");
  Cell();
  field(Msg::NetSignerTitle, &s.sig_title, "signer_title");
  Cell();
  field(Msg::NetSignedOnField, &s.sig_date, "signed_on", T(Msg::NetDateHint));
  Cell();
  field(Msg::NetDocVersion, &s.sig_version, "document_version", "2026");
  ImGui::EndTable();
  if (!s.sig_error.empty() && s.sig_error_field.empty()) ui::StatusText(s.sig_error.c_str(), theme::ColDanger());
  if (ui::PrimaryButton(T(Msg::NetRecordSignature))) {
    s.sig_error.clear();
    s.sig_error_field.clear();
    Signature g;
    g.member_id = app.route.id;
    g.kind = s.sig_kind == 0 ? "convention" : "code_of_conduct";
    g.signer = s.sig_signer == 0 ? "member" : "hierarchy";
    g.signer_name = s.sig_name;
    g.signer_title = s.sig_title;
    g.document_version = s.sig_version;
    std::optional<std::string> date = ParseUserDate(s.sig_date);
    g.signed_on = date.value_or("");
    try {
      if (!date || date->empty()) throw ValidationError("signed_on", "not a date");
      RecordSignature(*app.store, g);
      RequestSync(app);
      s.sig_saved_id = g.id;
      s.version = -1;
      ReadSaveStates(app);
      const int kind = s.sig_kind;
      const std::string version = s.sig_version;
      ResetSignatureForm(app);
      s.sig_kind = kind;  // the other signer of the same document is often next
      s.sig_version = version;
    } catch (const ValidationError& e) {
      s.sig_error_field = e.field;
      s.sig_error = FieldError(e.field, e.what());
      if (e.field != "signer_name" && e.field != "signed_on") s.sig_error_field.clear();
    } catch (const std::exception& e) {
      s.sig_error = std::string(T(Msg::NetErrOther)) + " " + e.what();
    }
  }
  if (!s.sig_saved_id.empty())
    ui::SaveStateLine(s.sig_state.state, s.sig_state.reason,
                      {Msg::NetSignatureSaved, Msg::NetSignatureSynced, Msg::RejectedByServer, /*saved_muted=*/true});
}

std::string Heading(const AppState& app) {
  const EditState& s = g_edit;
  if (app.route.id.empty())
    return T(IsMember(app) ? Msg::NetNewMember : IsOrganisation(app) ? Msg::NetNewOrganisation : Msg::NetNewOffice);
  if (IsMember(app)) return MemberFullName(s.m);
  return IsOrganisation(app) ? s.o.name : s.f.name;
}

}  // namespace

void DrawNetworkEdit(AppState& app) {
  if (app.session.role != "office_staff" && app.session.role != "admin") {
    ui::Muted(T(Msg::NetStaffOnly));
    return;
  }
  if (ui::Button(T(Msg::NetBack))) {
    Navigate(app, Screen::Network);
    return;
  }
  Load(app);
  EditState& s = g_edit;
  if (!s.found) {
    ui::StatusText(T(Msg::NetNotFound), theme::ColDanger());
    return;
  }
  const std::string title = Heading(app);
  ui::Title(title.c_str());
  mirror::AddText(title);
  if (!app.route.id.empty() && !RecordActive(app)) ui::StatusText(T(Msg::NetIsInactive), theme::ColDanger());

  if (IsMember(app))
    DrawMemberForm(app);
  else if (IsOrganisation(app))
    DrawOrganisationForm(app);
  else
    DrawOfficeForm(app);

  ImGui::Dummy(ImVec2(0, 4));
  if (!s.error.empty()) {
    const std::string text = s.error_field.empty() ? s.error : std::string(T(Msg::NetErrFix)) + " " + s.error;
    ui::StatusText(text.c_str(), theme::ColDanger());
  }
  if (ui::PrimaryButton(T(app.route.id.empty() ? Msg::NetCreate : Msg::NetSave))) Save(app);
  if (!s.notice.empty()) ui::StatusText(s.notice.c_str(), theme::ColMuted());
  if (!s.saved_id.empty() && s.saved_id == app.route.id && !s.dirty)
    ui::SaveStateLine(s.saved_state.state, s.saved_state.reason,
                      {Msg::SavedOnDevice, Msg::Synced, Msg::RejectedByServer, /*saved_muted=*/true});

  if (!app.route.id.empty()) {
    if (IsMember(app)) DrawSignatures(app);
    DrawActivation(app);
  }
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
