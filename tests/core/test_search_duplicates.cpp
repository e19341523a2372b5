// Tests of company duplicate detection: name normalisation and similarity,
// candidates for one record (same SIRET, same SIREN, similar name in the same
// commune), and the list of all pairs.
#include <catch2/catch.hpp>
#include <memory>

#include "core/model/company.h"
#include "core/search/duplicates.h"

using namespace relais;
using namespace relais::search;

namespace {

const int64_t kT = 1718000000000;

RandomSource Seeded(uint64_t seed) {
  return [state = seed]() mutable {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
}

Store NewStore() {
  StoreOptions o;
  auto now = std::make_shared<int64_t>(kT);
  o.now_ms = [now] { return (*now)++; };
  o.random = Seeded(3);
  return OpenStore(":memory:", o);
}

Company MakeCompany(std::string name, std::optional<std::string> insee, std::string commune = "") {
  Company c;
  c.name = std::move(name);
  c.commune_insee = std::move(insee);
  c.commune_name = std::move(commune);
  return c;
}

}  // namespace

TEST_CASE("Company names are reduced to the words that identify them", "[search][duplicates]") {
  using V = std::vector<std::string>;
  CHECK(CompanyNameWords("Boulangerie Martin SARL") == V{"boulangerie", "martin"});
  CHECK(CompanyNameWords("boulangerie martin") == V{"boulangerie", "martin"});
  CHECK(CompanyNameWords("Ets. Martin & Fils, S.A.R.L.") == V{"martin", "fils"});
  CHECK(CompanyNameWords("Transports L. & M. Petit") == V{"transports", "lm", "petit"});
  CHECK(CompanyNameWords("Établissements Durand et Cie") == V{"durand"});
  CHECK(CompanyNameWords("SAS Les Vergers de l'Orléanais") == V{"vergers", "orleanais"});
  CHECK(CompanyNameWords("L’Œuvre du Cœur — EURL") == V{"oeuvre", "coeur"});
  CHECK(CompanyNameWords("SAS") == V{"sas"});  // nothing left: keep the words
  CHECK(CompanyNameWords("") == V{});
}

TEST_CASE("Name similarity tolerates a typo or an extra word, not another name", "[search][duplicates]") {
  CHECK(CompanyNameSimilarity("Boulangerie Martin", "boulangerie martin SARL") == 1.0);
  CHECK(CompanyNameSimilarity("Boulangerie Dupont et Fils", "BOULANGERIE DUPONT & FILS") == 1.0);
  CHECK(CompanyNameSimilarity("Boulangerie Martin", "Boulangrie Martin") == Approx(16.0 / 21));
  CHECK(CompanyNameSimilarity("Boulangerie Martin", "Boulangerie Martin Frères") == Approx(19.0 / 26));
  CHECK(CompanyNameSimilarity("Boulangerie Martin", "Boulangerie Dupont") == Approx(12.0 / 26));
  CHECK(CompanyNameSimilarity("Garage du Centre", "Garage de la Gare") < 0.6);
  CHECK(CompanyNameSimilarity("Dupont", "Boulangerie Dupont") < 0.6);
  CHECK(CompanyNameSimilarity("Mécanique Berrichonne", "MECANIQUE BERRICHONNE SAS") == 1.0);
  CHECK(CompanyNameSimilarity("", "") == 1.0);
}

TEST_CASE("Duplicates of a company: same SIRET, same SIREN, similar name in the same commune", "[search][duplicates]") {
  Store st = NewStore();
  Company martin = MakeCompany("Boulangerie Martin SARL", "37261", "Tours");
  martin.siret = "73282932000074";
  Insert(st, martin);
  Company other = MakeCompany("Menuiserie Lenoir", "37261", "Tours");
  Insert(st, other);
  Company elsewhere = MakeCompany("Boulangerie Martin", "45234", "Orléans");
  Insert(st, elsewhere);

  // Same name, same commune: a duplicate; in another commune: not.
  Company typed = MakeCompany("boulangerie martin", "37261", "Tours");
  std::vector<DuplicateCandidate> d = FindSimilarCompanies(st, typed);
  REQUIRE(d.size() == 1);
  CHECK(d[0].company.id == martin.id);
  CHECK(d[0].reason == DuplicateReason::SimilarName);
  CHECK(d[0].similarity == 1.0);
  typed.commune_insee = "18033";
  typed.commune_name = "Bourges";
  CHECK(FindSimilarCompanies(st, typed).empty());

  // A typo or "et" for "&": still found (the exact-key FindDuplicateCompanies misses both).
  Company typo = MakeCompany("Boulangrie Martin", "37261", "Tours");
  CHECK(FindSimilarCompanies(st, typo).size() == 1);
  CHECK(FindDuplicateCompanies(st, typo).empty());
  Company fils = MakeCompany("Boulangerie Dupont & Fils", "37261");
  Insert(st, fils);
  Company et = MakeCompany("Boulangerie Dupont et Fils", "37261");
  REQUIRE(FindSimilarCompanies(st, et).size() == 1);
  CHECK(FindSimilarCompanies(st, et)[0].company.id == fils.id);
  CHECK(FindDuplicateCompanies(st, et).empty());
  // A different name in the same commune is not a duplicate.
  CHECK(FindSimilarCompanies(st, MakeCompany("Boulangerie Dupuis", "37261")).empty());
  // The threshold is an option.
  DuplicateOptions loose;
  loose.min_similarity = 0.4;
  CHECK(FindSimilarCompanies(st, MakeCompany("Boulangerie Dupuis", "37261"), loose).size() == 2);

  // Same SIRET or SIREN, whatever the name and the commune; strongest first.
  Company numbered = MakeCompany("Tout autre nom", "45234");
  numbered.siret = "732 829 320 00074";
  d = FindSimilarCompanies(st, numbered);
  REQUIRE(d.size() == 1);
  CHECK(d[0].reason == DuplicateReason::SameSiret);
  numbered.siret.reset();
  numbered.siren = "732829320";
  d = FindSimilarCompanies(st, numbered);
  REQUIRE(d.size() == 1);
  CHECK(d[0].reason == DuplicateReason::SameSiren);
  numbered.name = "Boulangerie Martin";  // and similar to the one in Orléans
  d = FindSimilarCompanies(st, numbered);
  REQUIRE(d.size() == 2);
  CHECK(d[0].company.id == martin.id);
  CHECK(d[0].reason == DuplicateReason::SameSiren);
  CHECK(d[1].company.id == elsewhere.id);
  CHECK(d[1].reason == DuplicateReason::SimilarName);
  CHECK(std::string(DuplicateReasonName(d[0].reason)) == "same_siren");

  // Without an INSEE code, the commune name decides.
  Company no_code = MakeCompany("Boulangerie Martin", std::nullopt, "tours");
  d = FindSimilarCompanies(st, no_code);
  REQUIRE(d.size() == 1);
  CHECK(d[0].company.id == martin.id);
  CHECK(FindSimilarCompanies(st, MakeCompany("Boulangerie Martin", std::nullopt, "")).empty());

  // Itself and tombstones are left out.
  CHECK(FindSimilarCompanies(st, martin).empty());
  SoftDelete<Company>(st, martin.id);
  CHECK(FindSimilarCompanies(st, MakeCompany("boulangerie martin", "37261")).empty());
}

TEST_CASE("Every pair of likely duplicates, for the clean-up list", "[search][duplicates]") {
  Store st = NewStore();
  Company a = MakeCompany("Boulangerie Martin SARL", "37261");
  a.siret = "73282932000074";
  Insert(st, a);
  Company b = MakeCompany("boulangerie martin", "37261");
  Insert(st, b);
  Company c = MakeCompany("Martin Boulangerie, autre établissement", "37122");
  c.siret = "73282932000157";  // same SIREN, another establishment
  Insert(st, c);
  Company d = MakeCompany("Boulangerie Martin", "45234");  // another town
  Insert(st, d);
  Company e = MakeCompany("Boulangerie Martin", std::nullopt);  // no commune: no name comparison
  Insert(st, e);
  Company gone = MakeCompany("Boulangerie Martin", "37261");
  Insert(st, gone);
  SoftDelete<Company>(st, gone.id);

  std::vector<DuplicatePair> pairs = FindDuplicatePairs(st);
  REQUIRE(pairs.size() == 2);
  CHECK(pairs[0].reason == DuplicateReason::SameSiren);
  CHECK(std::minmax(pairs[0].first_id, pairs[0].second_id) == std::minmax(a.id, c.id));
  CHECK(pairs[0].first_id < pairs[0].second_id);
  CHECK(pairs[1].reason == DuplicateReason::SimilarName);
  CHECK(std::minmax(pairs[1].first_id, pairs[1].second_id) == std::minmax(a.id, b.id));
  CHECK(pairs[1].similarity == 1.0);
}
