// identifiers.h — internal to demo/: valid French identifiers and contact
// details for the fictional companies and people.
#pragma once
#include <set>
#include <string>

#include "core/demo/rng.h"

namespace relais::demo {

// The Luhn check digit that makes digits + it valid.
char LuhnDigit(const std::string& digits);
// A new Luhn-valid SIREN, not in used (and added to it); never La Poste's.
std::string NewSiren(Rng& rng, std::set<std::string>& used);
// The SIRET of an establishment: SIREN + 4-digit number + check digit.
std::string SiretOf(const std::string& siren, int establishment);
// "02 38 12 34 56" (the department's area) or a mobile number.
std::string Phone(Rng& rng, const std::string& department, bool mobile);
// "Boulangerie Lefèvre SARL" -> "boulangerie-lefevre-sarl", for e-mail domains.
std::string Slug(const std::string& name);

}  // namespace relais::demo
