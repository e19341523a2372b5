// company_form.h — the identity fields of a company as typed, shared by the
// create and edit screens: the same inline checks (SIRET length then Luhn
// key, NAF code, postcode) and the same rule for what may be saved.
#pragma once
#include <string>

#include "core/model/company.h"

namespace relais {

struct CompanyFields {
  std::string name, siret, naf, address, postcode, commune;
  bool tried = false;  // the user pressed save: show every error
};

// Draws the fields with their inline messages (label above each field).
void DrawCompanyFields(CompanyFields& f);
// Everything typed is acceptable (name given; SIRET, NAF, postcode empty or valid).
bool CompanyFieldsValid(const CompanyFields& f);
// Copies the typed values (trimmed, SIRET without spaces) into c; the SIREN
// follows the SIRET when one is given.
void ApplyCompanyFields(const CompanyFields& f, Company& c);
CompanyFields FieldsOfCompany(const Company& c);

bool BlankField(const std::string& s);
std::string TrimField(const std::string& s);

}  // namespace relais
