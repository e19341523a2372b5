// duplicates.h — companies entered twice.
//
// Advisors create company records on their tablets, often offline, so the
// same SME gets entered twice ("Boulangerie Martin SARL" in Tours by one,
// "boulangerie martin" by another). A record is a likely duplicate of another
// live one with the same SIRET, the same SIREN (another establishment of the
// same company), or a similar name in the same commune.
//
// This replaces model/company.h's FindDuplicateCompanies for the UI: that one
// only finds names whose key is exactly equal ("Dupont et Fils" is not
// "Dupont & Fils" there; "Boulangrie Martin" is not "Boulangerie Martin").
// Here names are compared by similarity, after dropping what does not tell
// companies apart: case, accents, punctuation, legal forms (SARL, SAS, SASU,
// EURL, SA, SCI, ETS, Établissements...) and small words (de, du, la, le,
// les, et...).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/model/company.h"

namespace relais::search {

// The words of a company name that identify it: "Ets Martin & Fils, SARL" ->
// {"martin", "fils"}. When nothing would be left ("SAS"), the folded words.
std::vector<std::string> CompanyNameWords(std::string_view name);

// 0..1: Jaccard index of the character trigrams of the two names' words
// (each word padded as in PostgreSQL's pg_trgm), 1 for the same words.
// Tolerates a typo or an extra word, not a different name:
//   "Boulangerie Martin" / "boulangerie martin SARL"   1.0
//   "Boulangerie Martin" / "Boulangrie Martin"         0.76
//   "Boulangerie Martin" / "Boulangerie Martin Frères" 0.73
//   "Boulangerie Martin" / "Boulangerie Dupont"        0.46
double CompanyNameSimilarity(std::string_view a, std::string_view b);

enum class DuplicateReason { SameSiret, SameSiren, SimilarName };  // strongest first
const char* DuplicateReasonName(DuplicateReason r);                // "same_siret", ...

struct DuplicateOptions {
  double min_similarity = 0.6;  // for SimilarName
};

struct DuplicateCandidate {
  Company company;
  DuplicateReason reason = DuplicateReason::SimilarName;
  double similarity = 0;  // of the names, whatever the reason
};

// Live companies that may be c (c itself, same id, excluded): strongest
// reason first, then most similar name. "Same commune" is the same INSEE
// code, or the same commune name (ASCII case ignored) when a record has no
// code. Works for a record not stored yet (empty id).
std::vector<DuplicateCandidate> FindSimilarCompanies(Store& st, const Company& c,
                                                     const DuplicateOptions& options = DuplicateOptions());

// Every pair of live companies that look like duplicates, for the staff's
// clean-up list. first_id < second_id; strongest reason first.
struct DuplicatePair {
  std::string first_id, second_id;
  DuplicateReason reason = DuplicateReason::SimilarName;
  double similarity = 0;
};
std::vector<DuplicatePair> FindDuplicatePairs(Store& st, const DuplicateOptions& options = DuplicateOptions());

}  // namespace relais::search
