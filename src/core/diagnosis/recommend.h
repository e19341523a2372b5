// recommend.h — from a diagnosis to the services and network members that fit.
//
// Inputs are plain structs filled by the caller (from the local database on the
// tablet, from the server for the portal), so the engine needs no storage.
// The themes whose band is a need are taken weakest first; for each, services
// addressing it and active members whose expertise tags match the theme (its id
// or its `tags` in the template) are ranked by an integer score, with the reasons
// shown to the advisor. Ties are broken by id so the same inputs always give the
// same list, on every device.
#pragma once
#include <string>
#include <vector>

#include "core/diagnosis/scoring.h"
#include "core/diagnosis/template.h"

namespace relais::diagnosis {

struct Service {
  std::string id;
  std::string name;
  std::string organisation_id;
  std::vector<std::string> themes;   // theme ids or expertise tags it addresses
  std::vector<std::string> offices;  // offices offering it; empty: the whole network
};

struct Member {
  std::string id;
  std::string name;
  std::string office_id;
  std::string organisation_id;
  std::vector<std::string> tags;      // expertise: "export", "propriété intellectuelle"...
  std::vector<std::string> communes;  // INSEE codes of the territory covered
  bool active = true;
};

struct Company {
  std::string commune;    // INSEE code
  std::string office_id;  // local office following the company
};

struct RecommendOptions {
  int max_themes = 3;
  int max_services = 5;  // per theme
  int max_members = 5;   // per theme
};

// Points behind a Suggestion's score (documented here so the UI can explain them).
namespace weight {
constexpr int kTheme = 10;               // service addresses the theme
constexpr int kOfficeService = 4;        // service offered by the company's office
constexpr int kNetworkService = 2;       // service offered everywhere
constexpr int kOtherNeed = 2;            // service also addresses another selected need
constexpr int kExpertise = 10;           // member has a matching tag
constexpr int kExtraExpertise = 3;       // each further matching tag
constexpr int kCommune = 6;              // member's territory covers the company's commune
constexpr int kOffice = 4;               // member works at the company's office
constexpr int kServiceOrganisation = 2;  // member's organisation offers a suggested service
}  // namespace weight

struct Suggestion {
  std::string id;
  std::string name;
  int score = 0;
  std::vector<std::string> reasons;  // French: "compétence export", "même antenne"...
};

struct ThemeRecommendation {
  std::string theme_id;
  std::string label;
  double theme_score = 0;
  std::string band_label;
  std::vector<Suggestion> services;  // best first
  std::vector<Suggestion> members;   // best first
};

struct RecommendResult {
  bool ok = false;
  std::string error;
  std::vector<ThemeRecommendation> themes;  // weakest first
};

// `scores` must come from `t` (same id and version): the theme tags are read there.
RecommendResult Recommend(const Template& t, const Scores& scores, const Company& company,
                          const std::vector<Service>& services, const std::vector<Member>& members,
                          const RecommendOptions& options = {});

// Tag comparison key: trimmed, lower case (ASCII and accented Latin-1 capitals).
std::string TagKey(const std::string& tag);

}  // namespace relais::diagnosis
