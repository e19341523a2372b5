// Modifier l'entreprise: its identity (the same fields and checks as
// creation, plus head-count band, phone and e-mail) and its contacts with
// their GDPR basis. Only the fields that changed are written, so a
// colleague's concurrent edit of another field merges without a conflict.
#include <string>
#include <vector>

#include "imgui.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/companies/company_form.h"
#include "ui/i18n.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

const char* const kSizeBands[] = {"0", "1-9", "10-49", "50-249", "250+"};


struct ContactForm {
  std::string id;  // empty: a new contact
  std::string first_name, last_name, job_title, email, phone, basis, consent_date;
  bool open = false;
  std::string error;
};

struct EditForm {
  std::string company_id;  // the form belongs to this company: another one resets it
  CompanyFields fields;
  std::string size_band, phone, email;
  std::string error;
  ContactForm contact;
  int64_t contacts_version = -1;  // the contacts, read once per data version
  std::vector<Contact> contacts;
};
EditForm g_edit;

void Open(AppState& app, const Company& c) {
  g_edit = EditForm();
  g_edit.company_id = app.route.id;
  g_edit.fields = FieldsOfCompany(c);
  g_edit.size_band = c.size_band.value_or("");
  g_edit.phone = c.phone;
  g_edit.email = c.email;
}

void Save(AppState& app) {
  g_edit.fields.tried = true;
  g_edit.error.clear();
  if (!CompanyFieldsValid(g_edit.fields)) {
    g_edit.error = T(Msg::FixErrors);
    return;
  }
  // The stored row, not a copy from when the form opened: a sync may have
  // changed other fields meanwhile, and they must not be written back.
  std::optional<Company> cur = Get<Company>(*app.store, g_edit.company_id);
  if (!cur || cur->deleted()) {
    g_edit.error = T(Msg::CompanyNotFound);
    return;
  }
  Company c = *cur;
  ApplyCompanyFields(g_edit.fields, c);
  if (g_edit.size_band.empty()) c.size_band.reset();
  else c.size_band = g_edit.size_band;
  c.phone = TrimField(g_edit.phone);
  c.email = TrimField(g_edit.email);
  try {
    Update(*app.store, c);
  } catch (const std::exception& e) {
    g_edit.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
    return;
  }
  RequestSync(app);
  std::string id = g_edit.company_id;
  g_edit = EditForm();
  Navigate(app, Screen::CompanyFile, Route{id, ""});
}

void OpenContact(const Contact* p) {
  ContactForm f;
  f.open = true;
  if (p) {
    f.id = p->id;
    f.first_name = p->first_name;
    f.last_name = p->last_name;
    f.job_title = p->job_title;
    f.email = p->email;
    f.phone = p->phone;
    f.basis = p->consent_basis.value_or("");
    f.consent_date = p->consent_date ? ShortDate(*p->consent_date) : "";
  }
  g_edit.contact = f;
}

void SaveContact(AppState& app) {
  ContactForm& f = g_edit.contact;
  f.error.clear();
  if (BlankField(f.first_name) && BlankField(f.last_name)) {
    f.error = T(Msg::ContactNameRequired);
    return;
  }
  std::optional<std::string> date = ParseUserDate(TrimField(f.consent_date));
  if (!date) {
    f.error = T(Msg::DateInvalid);
    return;
  }
  if (!f.basis.empty() && date->empty()) {
    f.error = T(Msg::ConsentDateRequired);
    return;
  }
  Contact c;
  if (!f.id.empty()) {
    std::optional<Contact> cur = Get<Contact>(*app.store, f.id);
    if (cur && !cur->deleted()) c = *cur;
  }
  c.company_id = g_edit.company_id;
  c.first_name = TrimField(f.first_name);
  c.last_name = TrimField(f.last_name);
  c.job_title = TrimField(f.job_title);
  c.email = TrimField(f.email);
  c.phone = TrimField(f.phone);
  if (f.basis.empty()) {
    c.consent_basis.reset();
    c.consent_date.reset();
  } else {
    c.consent_basis = f.basis;
    c.consent_date = *date;
    if (c.consent_source.empty()) c.consent_source = "visit";
  }
  try {
    if (c.id.empty()) Insert(*app.store, c);
    else Update(*app.store, c);
  } catch (const std::exception& e) {
    f.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
    return;
  }
  RequestSync(app);
  g_edit.contact = ContactForm();
}

void DrawContactForm(AppState& app) {
  ContactForm& f = g_edit.contact;
  ImGui::PushID("contact");
  ui::SectionTitle(T(f.id.empty() ? Msg::ContactNew : Msg::Edit));
  ui::TextField(T(Msg::ContactFirstName), &f.first_name);
  ui::TextField(T(Msg::ContactLastName), &f.last_name);
  ui::TextField(T(Msg::ContactJob), &f.job_title);
  ui::TextField(T(Msg::Email), &f.email);
  ui::TextField(T(Msg::Phone), &f.phone);
  ImGui::TextUnformatted(T(Msg::ContactBasis));
  // The schema knows a few more bases; one already recorded is kept as it is.
  for (const char* b : kConsentBases)
    if (ui::RadioOption(ConsentBasisLabel(b), f.basis == b)) f.basis = b;
  if (!f.basis.empty()) {
    ui::TextFieldOptions opt;
    opt.hint = T(Msg::DateHint);
    ui::TextField(T(Msg::ConsentDate), &f.consent_date, opt);
  }
  if (ui::PrimaryButton(T(Msg::ContactSave))) SaveContact(app);
  ImGui::SameLine();
  if (ui::Button(T(Msg::Cancel))) g_edit.contact = ContactForm();
  if (!f.error.empty()) ui::StatusText(f.error.c_str(), theme::ColDanger());
  ImGui::PopID();
}

void DrawContacts(AppState& app) {
  ui::SectionTitle(T(Msg::Contacts));
  int64_t version = DataVersion(*app.store);
  if (version != g_edit.contacts_version) {
    g_edit.contacts = ListContacts(*app.store, g_edit.company_id);
    g_edit.contacts_version = version;
  }
  // A copy: saving a contact below refreshes the list.
  std::vector<Contact> contacts = g_edit.contacts;
  if (contacts.empty()) ui::Muted(T(Msg::NoContacts));
  for (const Contact& p : contacts) {
    ImGui::PushID(p.id.c_str());
    std::string name = TrimField(p.first_name + " " + p.last_name);
    std::string line = name;
    if (!p.job_title.empty()) line += " \xC2\xB7 " + p.job_title;
    ui::Paragraph(line.c_str());
    ui::StatusText(ConsentText(p).c_str(), p.consent_basis ? theme::ColSuccess() : theme::ColDanger());
    if (!g_edit.contact.open && ui::Button((std::string(T(Msg::Edit)) + " " + name).c_str())) OpenContact(&p);
    ImGui::PopID();
  }
  if (g_edit.contact.open) DrawContactForm(app);
  else if (ui::Button(T(Msg::ContactAdd))) OpenContact(nullptr);
}

}  // namespace

void DrawCompanyEdit(AppState& app) {
  if (g_edit.company_id != app.route.id) {
    std::optional<Company> c = Get<Company>(*app.store, app.route.id);
    if (!c || c->deleted()) {
      ui::StatusText(T(Msg::CompanyNotFound), theme::ColDanger());
      if (ui::Button(T(Msg::BackToList))) Navigate(app, Screen::Companies);
      return;
    }
    Open(app, *c);
  }
  DrawCompanyFields(g_edit.fields);
  {
    std::vector<std::string> items = {T(Msg::SizeBandUnknown)};
    for (const char* b : kSizeBands) items.push_back(b);
    int current = 0;
    for (size_t i = 1; i < items.size(); i++)
      if (items[i] == g_edit.size_band) current = (int)i;
    int c = ui::Picker(T(Msg::SizeBand), current, items, ImGui::GetContentRegionAvail().x);
    if (c == 0) g_edit.size_band.clear();
    if (c > 0) g_edit.size_band = kSizeBands[c - 1];
  }
  ui::TextField(T(Msg::Phone), &g_edit.phone);
  ui::TextField(T(Msg::Email), &g_edit.email);
  ImGui::Dummy(ImVec2(0, 4));
  if (ui::PrimaryButton(T(Msg::CompanySave))) Save(app);
  ImGui::SameLine();
  if (ui::Button(T(Msg::Cancel))) {
    std::string id = g_edit.company_id;
    g_edit = EditForm();
    Navigate(app, Screen::CompanyFile, Route{id, ""});
    return;
  }
  if (!g_edit.error.empty()) ui::StatusText(g_edit.error.c_str(), theme::ColDanger());
  DrawContacts(app);
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
