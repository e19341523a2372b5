// Create a company: the SIRET is checked as it is typed (length, then the
// Luhn key), and companies that may be the same one (same SIRET or SIREN, or
// a similar name in the same commune) are shown with a way to open them
// instead: advisors often work offline, and duplicates are costly to merge.
#include <string>
#include <vector>

#include "core/model/french_codes.h"
#include "core/search/duplicates.h"
#include "imgui.h"
#include "ui/companies/advisor_data.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

struct NewCompanyForm {
  std::string name, siret, naf, address, postcode, commune;
  bool tried = false;  // the user pressed "create": show every error
  std::string error;
  // Duplicates, recomputed when what they depend on changes.
  std::string dup_key;
  std::vector<search::DuplicateCandidate> dups;
};
NewCompanyForm g_form;

bool Blank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

Company FromForm() {
  Company c;
  c.name = Trim(g_form.name);
  std::string siret = StripNumberSeparators(g_form.siret);
  if (!siret.empty()) c.siret = siret;
  if (!Blank(g_form.naf)) c.naf = Trim(g_form.naf);
  c.address = Trim(g_form.address);
  c.postcode = Trim(g_form.postcode);
  c.commune_name = Trim(g_form.commune);
  return c;
}

void UpdateDuplicates(Store& st) {
  std::string key = g_form.name + '\x1f' + g_form.siret + '\x1f' + g_form.commune + '\x1f' +
                    std::to_string(DataVersion(st));
  if (key == g_form.dup_key) return;
  g_form.dup_key = key;
  g_form.dups.clear();
  Company c = FromForm();
  // A partial SIRET would match nothing and a one-letter name too much.
  if (CheckSiret(g_form.siret) != SiretCheck::Valid) c.siret.reset();
  if (c.siret) c.siren = c.siret->substr(0, 9);
  if (c.name.size() < 3 && !c.siret) return;
  if (c.name.empty()) c.name = "?";
  try {
    g_form.dups = search::FindSimilarCompanies(st, c);
  } catch (const std::exception&) {
    // A failed look-up only loses the warning; creating still validates.
  }
  if (g_form.dups.size() > 5) g_form.dups.resize(5);
}

const char* ReasonLabel(search::DuplicateReason r) {
  switch (r) {
    case search::DuplicateReason::SameSiret: return T(Msg::DupSameSiret);
    case search::DuplicateReason::SameSiren: return T(Msg::DupSameSiren);
    case search::DuplicateReason::SimilarName: return T(Msg::DupSimilarName);
  }
  return "";
}

// The inline message under the SIRET field, as typed.
void SiretFeedback() {
  int digits = 0;
  switch (CheckSiret(g_form.siret, &digits)) {
    case SiretCheck::Empty: break;
    case SiretCheck::Incomplete: {
      std::string m = std::to_string(digits) + " " + T(Msg::SiretIncomplete);
      ui::StatusText(m.c_str(), g_form.tried ? theme::ColDanger() : theme::ColMuted());
      break;
    }
    case SiretCheck::NotDigits: ui::StatusText(T(Msg::SiretNotDigits), theme::ColDanger()); break;
    case SiretCheck::BadChecksum: ui::StatusText(T(Msg::SiretBadChecksum), theme::ColDanger()); break;
    case SiretCheck::Valid: ui::StatusText(T(Msg::SiretValid), theme::ColSuccess()); break;
  }
}

bool Valid() {
  SiretCheck s = CheckSiret(g_form.siret);
  return !Blank(g_form.name) && (s == SiretCheck::Empty || s == SiretCheck::Valid) &&
         (Blank(g_form.naf) || NormalizeNaf(Trim(g_form.naf))) &&
         (Blank(g_form.postcode) || IsValidPostcode(Trim(g_form.postcode)));
}

void Create(AppState& app) {
  g_form.tried = true;
  g_form.error.clear();
  if (!Valid()) {
    g_form.error = T(Msg::FixErrors);
    return;
  }
  Company c = FromForm();
  try {
    Insert(*app.store, c);
  } catch (const std::exception& e) {
    g_form.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
    return;
  }
  g_form = NewCompanyForm();
  Navigate(app, Screen::CompanyFile, Route{c.id, ""});
}

}  // namespace

void DrawCompanyNew(AppState& app) {
  if (!app.store) {
    ui::Muted(T(Msg::NoStoreYet));
    return;
  }
  ui::TextField(T(Msg::CompanyName), &g_form.name);
  if (g_form.tried && Blank(g_form.name)) ui::StatusText(T(Msg::NameRequired), theme::ColDanger());
  ui::TextFieldOptions siret_opt;
  siret_opt.hint = T(Msg::SiretHint);
  ui::TextField(T(Msg::Siret), &g_form.siret, siret_opt);
  SiretFeedback();
  ui::TextField(T(Msg::Address), &g_form.address);
  ui::TextField(T(Msg::Postcode), &g_form.postcode);
  if (!Blank(g_form.postcode) && Trim(g_form.postcode).size() >= 5 && !IsValidPostcode(Trim(g_form.postcode)))
    ui::StatusText(T(Msg::PostcodeInvalid), theme::ColDanger());
  ui::TextField(T(Msg::Commune), &g_form.commune);
  ui::TextFieldOptions naf_opt;
  naf_opt.hint = "62.01Z";
  ui::TextField(T(Msg::NafCode), &g_form.naf, naf_opt);
  if (!Blank(g_form.naf) && (g_form.tried || Trim(g_form.naf).size() >= 5) && !NormalizeNaf(Trim(g_form.naf)))
    ui::StatusText(T(Msg::NafInvalid), theme::ColDanger());

  UpdateDuplicates(*app.store);
  if (!g_form.dups.empty()) {
    ImGui::Dummy(ImVec2(0, 4));
    ui::StatusText(T(Msg::DuplicateWarning), theme::ColDanger());
    for (const search::DuplicateCandidate& d : g_form.dups) {
      ImGui::PushID(d.company.id.c_str());
      std::string line = d.company.name + " \xC2\xB7 " + d.company.commune_name + " (" + ReasonLabel(d.reason) + ")";
      ui::Paragraph(line.c_str());
      if (ui::Button(T(Msg::OpenExisting))) {
        std::string id = d.company.id;
        g_form = NewCompanyForm();
        Navigate(app, Screen::CompanyFile, Route{id, ""});
        ImGui::PopID();
        return;
      }
      ImGui::PopID();
    }
  }
  ImGui::Dummy(ImVec2(0, 4));
  if (ui::PrimaryButton(T(g_form.dups.empty() ? Msg::CreateCompany : Msg::CreateAnyway))) Create(app);
  ImGui::SameLine();
  if (ui::Button(T(Msg::Cancel))) {
    g_form = NewCompanyForm();
    Navigate(app, Screen::Companies);
  }
  if (!g_form.error.empty()) ui::StatusText(g_form.error.c_str(), theme::ColDanger());
}

}  // namespace relais
