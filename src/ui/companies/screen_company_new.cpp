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
#include "ui/companies/company_form.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

struct NewCompanyForm {
  CompanyFields fields;
  std::string error;
  // Duplicates, recomputed when what they depend on changes.
  std::string dup_key;
  std::vector<search::DuplicateCandidate> dups;
};
NewCompanyForm g_form;

Company FromForm() {
  Company c;
  ApplyCompanyFields(g_form.fields, c);
  return c;
}

void UpdateDuplicates(Store& st) {
  const CompanyFields& f = g_form.fields;
  std::string key = f.name + '\x1f' + f.siret + '\x1f' + f.commune + '\x1f' +
                    std::to_string(DataVersion(st));
  if (key == g_form.dup_key) return;
  g_form.dup_key = key;
  g_form.dups.clear();
  Company c = FromForm();
  // A partial SIRET would match nothing and a one-letter name too much.
  if (CheckSiret(f.siret) != SiretCheck::Valid) c.siret.reset();
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

void Create(AppState& app) {
  g_form.fields.tried = true;
  g_form.error.clear();
  if (!CompanyFieldsValid(g_form.fields)) {
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
  DrawCompanyFields(g_form.fields);

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
