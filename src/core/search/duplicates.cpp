// duplicates.cpp — see duplicates.h.
#include "core/search/duplicates.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "core/model/french_codes.h"
#include "core/search/fold.h"

namespace relais::search {

namespace {

// Legal forms and the words that announce one, folded.
bool IsLegalForm(const std::string& w) {
  static const std::set<std::string> kWords = {
      "sa",  "sas",           "sasu",           "sarl", "eurl", "sci",  "snc",  "scop", "scp", "sca",
      "sel", "selarl",        "selas",          "ei",   "eirl", "earl", "gaec", "gie",  "ste", "societe",
      "ets", "etablissement", "etablissements", "cie"};
  return kWords.count(w) > 0;
}

// Small words of French names ("de la", "l'", "d'", "et").
bool IsStopWord(const std::string& w) {
  static const std::set<std::string> kWords = {"de", "du", "des", "la", "le",  "les", "l",
                                               "d",  "et", "a",   "au", "aux", "en"};
  return kWords.count(w) > 0;
}

// Sorted, distinct trigrams of the words, each word padded with two spaces
// before and one after (so short words and word starts weigh).
std::vector<uint32_t> Trigrams(const std::vector<std::string>& words) {
  std::vector<uint32_t> out;
  for (const std::string& w : words) {
    std::string p = "  " + w + " ";
    for (size_t i = 0; i + 3 <= p.size(); i++)
      out.push_back((uint32_t(uint8_t(p[i])) << 16) | (uint32_t(uint8_t(p[i + 1])) << 8) | uint8_t(p[i + 2]));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double Jaccard(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (a.empty() && b.empty()) return 1;
  size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      i++;
    } else if (b[j] < a[i]) {
      j++;
    } else {
      common++;
      i++;
      j++;
    }
  }
  return double(common) / double(a.size() + b.size() - common);
}

struct NameShape {
  std::vector<std::string> words;
  std::vector<uint32_t> trigrams;
};

NameShape ShapeOf(std::string_view name) {
  NameShape s;
  s.words = CompanyNameWords(name);
  s.trigrams = Trigrams(s.words);
  return s;
}

double Similarity(const NameShape& a, const NameShape& b) {
  if (a.words == b.words) return 1;
  return Jaccard(a.trigrams, b.trigrams);
}

std::optional<std::string> Digits(const std::optional<std::string>& v) {
  if (!v) return std::nullopt;
  std::string d = StripNumberSeparators(*v);
  if (d.empty()) return std::nullopt;
  return d;
}

int Strength(DuplicateReason r) { return static_cast<int>(r); }  // lower is stronger

}  // namespace

std::vector<std::string> CompanyNameWords(std::string_view name) {
  std::vector<std::string> all, kept;
  // Runs of one-letter words are an acronym typed with dots: "S.A.R.L." is "sarl".
  bool in_acronym = false;
  for (const Word& w : SplitWords(name)) {
    bool letter = w.folded.size() == 1;
    if (letter && in_acronym)
      all.back() += w.folded;
    else
      all.push_back(w.folded);
    in_acronym = letter;
  }
  for (const std::string& w : all)
    if (!IsLegalForm(w) && !IsStopWord(w)) kept.push_back(w);
  return kept.empty() ? all : kept;
}

double CompanyNameSimilarity(std::string_view a, std::string_view b) { return Similarity(ShapeOf(a), ShapeOf(b)); }

const char* DuplicateReasonName(DuplicateReason r) {
  switch (r) {
    case DuplicateReason::SameSiret:
      return "same_siret";
    case DuplicateReason::SameSiren:
      return "same_siren";
    case DuplicateReason::SimilarName:
      return "similar_name";
  }
  return "";
}

std::vector<DuplicateCandidate> FindSimilarCompanies(Store& st, const Company& c, const DuplicateOptions& options) {
  std::optional<std::string> siret = Digits(c.siret), siren = Digits(c.siren);
  if (siret && !siren && siret->size() == 14) siren = siret->substr(0, 9);
  std::optional<std::string> insee = c.commune_insee && !c.commune_insee->empty() ? c.commune_insee : std::nullopt;

  std::vector<Company> rows;
  auto add = [&](std::vector<Company> found) {
    for (Company& f : found) rows.push_back(std::move(f));
  };
  if (siret) add(List<Company>(st, "id <> ? AND siret = ?", c.id, *siret));
  if (siren) add(List<Company>(st, "id <> ? AND siren = ?", c.id, *siren));
  if (insee)
    add(List<Company>(st,
                      "id <> ? AND (commune_insee = ? OR "
                      "(commune_insee IS NULL AND ? <> '' AND commune_name = ? COLLATE NOCASE))",
                      c.id, *insee, c.commune_name, c.commune_name));
  else if (!c.commune_name.empty())
    add(List<Company>(st, "id <> ? AND commune_name = ? COLLATE NOCASE", c.id, c.commune_name));

  const NameShape shape = ShapeOf(c.name);
  std::map<std::string, DuplicateCandidate> by_id;
  for (Company& r : rows) {
    auto it = by_id.find(r.id);
    if (it != by_id.end()) continue;  // found by a stronger query first
    DuplicateCandidate d;
    d.similarity = Similarity(shape, ShapeOf(r.name));
    if (siret && r.siret == siret)
      d.reason = DuplicateReason::SameSiret;
    else if (siren && r.siren == siren)
      d.reason = DuplicateReason::SameSiren;
    else if (d.similarity >= options.min_similarity)
      d.reason = DuplicateReason::SimilarName;
    else
      continue;
    d.company = std::move(r);
    by_id.emplace(d.company.id, std::move(d));
  }
  std::vector<DuplicateCandidate> out;
  for (auto& e : by_id) out.push_back(std::move(e.second));
  std::sort(out.begin(), out.end(), [](const DuplicateCandidate& a, const DuplicateCandidate& b) {
    if (a.reason != b.reason) return Strength(a.reason) < Strength(b.reason);
    if (a.similarity != b.similarity) return a.similarity > b.similarity;
    return a.company.id < b.company.id;
  });
  return out;
}

std::vector<DuplicatePair> FindDuplicatePairs(Store& st, const DuplicateOptions& options) {
  std::map<std::pair<std::string, std::string>, DuplicatePair> pairs;
  auto keep = [&](DuplicatePair p) {
    if (p.second_id < p.first_id) std::swap(p.first_id, p.second_id);
    auto key = std::make_pair(p.first_id, p.second_id);
    auto it = pairs.find(key);
    if (it == pairs.end() || Strength(p.reason) < Strength(it->second.reason)) pairs[key] = p;
  };

  // Same SIREN (and SIRET), by the index on siren.
  {
    Stmt s = st.db.Prepare(
        "SELECT a.id, b.id, a.siret IS NOT NULL AND a.siret = b.siret, a.name, b.name FROM companies AS a "
        "JOIN companies AS b ON b.siren = a.siren AND b.id > a.id "
        "WHERE a.siren IS NOT NULL AND a.deleted_hlc IS NULL AND b.deleted_hlc IS NULL");
    while (s.Step())
      keep(DuplicatePair{s.Text(0), s.Text(1), s.Int(2) ? DuplicateReason::SameSiret : DuplicateReason::SameSiren,
                         CompanyNameSimilarity(s.Text(3), s.Text(4))});
  }

  // Similar names, commune by commune (the INSEE code, else the folded name).
  struct Entry {
    std::string id;
    NameShape shape;
  };
  std::map<std::string, std::vector<Entry>> communes;
  {
    Stmt s = st.db.Prepare("SELECT id, name, commune_insee, commune_name FROM companies WHERE deleted_hlc IS NULL");
    while (s.Step()) {
      std::string key = !s.IsNull(2) ? s.Text(2) : FoldWords(s.Text(3));
      if (key.empty()) continue;  // no commune: no name comparison
      communes[key].push_back(Entry{s.Text(0), ShapeOf(s.Text(1))});
    }
  }
  for (const auto& commune : communes) {
    const std::vector<Entry>& e = commune.second;
    for (size_t i = 0; i < e.size(); i++)
      for (size_t j = i + 1; j < e.size(); j++) {
        double sim = Similarity(e[i].shape, e[j].shape);
        if (sim >= options.min_similarity) keep(DuplicatePair{e[i].id, e[j].id, DuplicateReason::SimilarName, sim});
      }
  }

  std::vector<DuplicatePair> out;
  for (auto& p : pairs) out.push_back(std::move(p.second));
  std::sort(out.begin(), out.end(), [](const DuplicatePair& a, const DuplicatePair& b) {
    if (a.reason != b.reason) return Strength(a.reason) < Strength(b.reason);
    if (a.similarity != b.similarity) return a.similarity > b.similarity;
    return std::tie(a.first_id, a.second_id) < std::tie(b.first_id, b.second_id);
  });
  return out;
}

}  // namespace relais::search
