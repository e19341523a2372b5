// company_form.cpp — see company_form.h. (Moved out of screen_company_new.cpp
// so that the edit screen checks exactly what creation checks.)
#include "ui/companies/company_form.h"

#include "core/model/french_codes.h"
#include "imgui.h"
#include "ui/companies/advisor_data.h"
#include "ui/i18n.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

bool BlankField(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

std::string TrimField(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

void ApplyCompanyFields(const CompanyFields& f, Company& c) {
  c.name = TrimField(f.name);
  std::string siret = StripNumberSeparators(f.siret);
  if (!siret.empty()) c.siret = siret;
  else c.siret.reset();
  if (!BlankField(f.naf)) c.naf = TrimField(f.naf);
  else c.naf.reset();
  c.address = TrimField(f.address);
  c.postcode = TrimField(f.postcode);
  c.commune_name = TrimField(f.commune);
}

CompanyFields FieldsOfCompany(const Company& c) {
  CompanyFields f;
  f.name = c.name;
  f.siret = c.siret.value_or("");
  f.naf = c.naf.value_or("");
  f.address = c.address;
  f.postcode = c.postcode;
  f.commune = c.commune_name;
  return f;
}

// The inline message under the SIRET field, as typed.
static void SiretFeedback(const CompanyFields& f) {
  int digits = 0;
  switch (CheckSiret(f.siret, &digits)) {
    case SiretCheck::Empty: break;
    case SiretCheck::Incomplete: {
      std::string m = std::to_string(digits) + " " + T(Msg::SiretIncomplete);
      ui::StatusText(m.c_str(), f.tried ? theme::ColDanger() : theme::ColMuted());
      break;
    }
    case SiretCheck::NotDigits: ui::StatusText(T(Msg::SiretNotDigits), theme::ColDanger()); break;
    case SiretCheck::BadChecksum: ui::StatusText(T(Msg::SiretBadChecksum), theme::ColDanger()); break;
    case SiretCheck::Valid: ui::StatusText(T(Msg::SiretValid), theme::ColSuccess()); break;
  }
}

bool CompanyFieldsValid(const CompanyFields& f) {
  SiretCheck s = CheckSiret(f.siret);
  return !BlankField(f.name) && (s == SiretCheck::Empty || s == SiretCheck::Valid) &&
         (BlankField(f.naf) || NormalizeNaf(TrimField(f.naf))) && (BlankField(f.postcode) || IsValidPostcode(TrimField(f.postcode)));
}

void DrawCompanyFields(CompanyFields& f) {
  ui::TextField(T(Msg::CompanyName), &f.name);
  if (f.tried && BlankField(f.name)) ui::StatusText(T(Msg::NameRequired), theme::ColDanger());
  ui::TextFieldOptions siret_opt;
  siret_opt.hint = T(Msg::SiretHint);
  ui::TextField(T(Msg::Siret), &f.siret, siret_opt);
  SiretFeedback(f);
  ui::TextField(T(Msg::Address), &f.address);
  ui::TextField(T(Msg::Postcode), &f.postcode);
  if (!BlankField(f.postcode) && TrimField(f.postcode).size() >= 5 && !IsValidPostcode(TrimField(f.postcode)))
    ui::StatusText(T(Msg::PostcodeInvalid), theme::ColDanger());
  ui::TextField(T(Msg::Commune), &f.commune);
  ui::TextFieldOptions naf_opt;
  naf_opt.hint = "62.01Z";
  ui::TextField(T(Msg::NafCode), &f.naf, naf_opt);
  if (!BlankField(f.naf) && (f.tried || TrimField(f.naf).size() >= 5) && !NormalizeNaf(TrimField(f.naf)))
    ui::StatusText(T(Msg::NafInvalid), theme::ColDanger());
}

}  // namespace relais
