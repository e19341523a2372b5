#include "core/diagnosis/recommend.h"

#include <algorithm>
#include <set>

#include "core/diagnosis/json_io.h"

namespace relais::diagnosis {

using detail::Quote;

std::string TagKey(const std::string& tag) {
  size_t b = tag.find_first_not_of(" \t"), e = tag.find_last_not_of(" \t");
  std::string k = b == std::string::npos ? "" : tag.substr(b, e - b + 1);
  for (size_t i = 0; i < k.size(); i++) {
    unsigned char c = (unsigned char)k[i];
    if (c >= 'A' && c <= 'Z') {
      k[i] = (char)(c + 32);
    } else if (c == 0xC3 && i + 1 < k.size()) {
      // U+00C0..U+00DE (À..Þ, except ×) are one 0x20 away from their small letters.
      unsigned char d = (unsigned char)k[i + 1];
      if (d >= 0x80 && d <= 0x9E && d != 0x97) k[i + 1] = (char)(d + 0x20);
      i++;
    }
  }
  return k;
}

namespace {

// Every key that names a theme: its id and its tags.
std::set<std::string> ThemeKeys(const Theme& th) {
  std::set<std::string> keys{TagKey(th.id)};
  for (const std::string& tag : th.tags) keys.insert(TagKey(tag));
  return keys;
}

bool Addresses(const Service& s, const std::set<std::string>& keys) {
  for (const std::string& t : s.themes)
    if (keys.count(TagKey(t))) return true;
  return false;
}

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

void Rank(std::vector<Suggestion>& list, int max) {
  std::stable_sort(list.begin(), list.end(), [](const Suggestion& a, const Suggestion& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  });
  if ((int)list.size() > std::max(0, max)) list.resize(std::max(0, max));
}

struct Need {
  const Theme* theme;
  const ThemeScore* score;
  std::set<std::string> keys;
};

std::vector<Suggestion> RankServices(const Need& need, const std::vector<Need>& needs, const Company& company,
                                     const std::vector<Service>& services, int max) {
  std::vector<Suggestion> out;
  for (const Service& s : services) {
    if (!Addresses(s, need.keys)) continue;
    bool local = !company.office_id.empty() && Contains(s.offices, company.office_id);
    // Not offered at the company's office: skip. With no office known, keep it, without a bonus.
    if (!s.offices.empty() && !local && !company.office_id.empty()) continue;
    Suggestion sg{s.id, s.name, weight::kTheme, {"répond au thème " + Quote(need.theme->label)}};
    if (local) {
      sg.score += weight::kOfficeService;
      sg.reasons.push_back("proposé par l’antenne de l’entreprise");
    } else if (s.offices.empty()) {
      sg.score += weight::kNetworkService;
      sg.reasons.push_back("proposé dans tout le réseau");
    }
    for (const Need& other : needs)
      if (other.theme != need.theme && Addresses(s, other.keys)) {
        sg.score += weight::kOtherNeed;
        sg.reasons.push_back("répond aussi au thème " + Quote(other.theme->label));
      }
    out.push_back(std::move(sg));
  }
  Rank(out, max);
  return out;
}

std::vector<Suggestion> RankMembers(const Need& need, const Company& company, const std::vector<Member>& members,
                                    const std::vector<Suggestion>& ranked_services,
                                    const std::vector<Service>& services, int max) {
  std::vector<Suggestion> out;
  for (const Member& m : members) {
    if (!m.active) continue;
    Suggestion sg{m.id, m.name, 0, {}};
    std::set<std::string> matched;
    for (const std::string& tag : m.tags)
      if (need.keys.count(TagKey(tag)) && matched.insert(TagKey(tag)).second) {
        sg.score += matched.size() == 1 ? weight::kExpertise : weight::kExtraExpertise;
        sg.reasons.push_back("compétence " + tag);
      }
    if (matched.empty()) continue;
    if (!company.commune.empty() && Contains(m.communes, company.commune)) {
      sg.score += weight::kCommune;
      sg.reasons.push_back("couvre la commune " + company.commune);
    }
    if (!company.office_id.empty() && m.office_id == company.office_id) {
      sg.score += weight::kOffice;
      sg.reasons.push_back("même antenne");
    }
    // The member's organisation runs one of the suggested services: best ranked first.
    for (const Suggestion& rs : ranked_services) {
      auto it = std::find_if(services.begin(), services.end(), [&](const Service& s) { return s.id == rs.id; });
      if (it != services.end() && !m.organisation_id.empty() && it->organisation_id == m.organisation_id) {
        sg.score += weight::kServiceOrganisation;
        sg.reasons.push_back("sa structure propose " + Quote(rs.name));
        break;
      }
    }
    out.push_back(std::move(sg));
  }
  Rank(out, max);
  return out;
}

}  // namespace

RecommendResult Recommend(const Template& t, const Scores& scores, const Company& company,
                          const std::vector<Service>& services, const std::vector<Member>& members,
                          const RecommendOptions& options) {
  RecommendResult res;
  if (scores.template_id != t.id || scores.template_version != t.version) {
    res.error = "les scores viennent du modèle " + Quote(scores.template_id) + " version " +
                std::to_string(scores.template_version) + ", pas de " + Quote(t.id) + " version " +
                std::to_string(t.version);
    return res;
  }
  std::vector<Need> needs;
  for (const ThemeScore& ts : scores.themes) {
    const Theme* th = FindTheme(t, ts.theme_id);
    if (th && ts.assessed && ts.need) needs.push_back({th, &ts, ThemeKeys(*th)});
  }
  std::stable_sort(needs.begin(), needs.end(), [](const Need& a, const Need& b) {
    return a.score->score != b.score->score ? a.score->score < b.score->score : a.theme->id < b.theme->id;
  });
  if ((int)needs.size() > std::max(0, options.max_themes)) needs.resize(std::max(0, options.max_themes));

  for (const Need& need : needs) {
    ThemeRecommendation tr;
    tr.theme_id = need.theme->id;
    tr.label = need.theme->label;
    tr.theme_score = need.score->score;
    tr.band_label = need.score->band_label;
    // All matching services feed the organisation bonus, not only the shown ones.
    std::vector<Suggestion> all = RankServices(need, needs, company, services, (int)services.size());
    tr.members = RankMembers(need, company, members, all, services, options.max_members);
    tr.services = all;
    Rank(tr.services, options.max_services);
    res.themes.push_back(std::move(tr));
  }
  res.ok = true;
  return res;
}

}  // namespace relais::diagnosis
