// template.cpp — lookups and validation. JSON lives in template_json.cpp.
#include "core/diagnosis/template.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/diagnosis/json_io.h"

namespace relais::diagnosis {

using detail::kColon;
using detail::Num;
using detail::Quote;

const Question* FindQuestion(const Template& t, const std::string& id) {
  for (const Section& s : t.sections)
    for (const Question& q : s.questions)
      if (q.id == id) return &q;
  return nullptr;
}

const Theme* FindTheme(const Template& t, const std::string& id) {
  for (const Theme& th : t.themes)
    if (th.id == id) return &th;
  return nullptr;
}

const Option* FindOption(const Question& q, const std::string& id) {
  for (const Option& o : q.options)
    if (o.id == id) return &o;
  return nullptr;
}

int CountQuestions(const Template& t) {
  int n = 0;
  for (const Section& s : t.sections) n += (int)s.questions.size();
  return n;
}

const std::vector<Band>& BandsFor(const Template& t, const Theme& theme) {
  return theme.bands.empty() ? t.bands : theme.bands;
}

const Band* BandFor(const std::vector<Band>& bands, double score) {
  const Band* found = bands.empty() ? nullptr : &bands.front();
  for (const Band& b : bands)
    if (score >= b.from) found = &b;
  return found;
}

static double PointsOf(const Option& o, const std::string& theme) {
  auto it = o.points.find(theme);
  return it == o.points.end() ? 0.0 : it->second;
}

double MaxPoints(const Question& q, const std::string& theme) {
  double best = 0, sum = 0;
  switch (q.type) {
    case QuestionType::SingleChoice:
      for (const Option& o : q.options) best = std::max(best, PointsOf(o, theme));
      return best;
    case QuestionType::MultipleChoice:
      for (const Option& o : q.options) sum += std::max(0.0, PointsOf(o, theme));
      return sum;
    case QuestionType::Scale:
      // In double: int extremes would overflow.
      return q.scale.theme == theme ? std::max(0.0, double(q.scale.max) - q.scale.min) : 0.0;
    case QuestionType::Number:
      if (q.number.theme != theme) return 0;
      for (const Threshold& th : q.number.thresholds) best = std::max(best, th.points);
      return best;
    case QuestionType::Text:
      return 0;
  }
  return 0;
}

double WeightFor(const Question& q, const std::string& theme) {
  auto it = q.weights.find(theme);
  return it == q.weights.end() ? 1.0 : it->second;
}

static const char* const kTypeNames[] = {"single_choice", "multiple_choice", "scale", "number", "text"};

const char* QuestionTypeName(QuestionType type) { return kTypeNames[(int)type]; }

bool ParseQuestionType(const std::string& name, QuestionType* out) {
  for (int i = 0; i < 5; i++)
    if (name == kTypeNames[i]) {
      *out = (QuestionType)i;
      return true;
    }
  return false;
}

// --- Validation ------------------------------------------------------------------

namespace {

// Collects problems as "<who> : <what>", in document order.
struct Problems {
  std::vector<std::string> list;
  void Add(const std::string& who, const std::string& what) { list.push_back(who + kColon + what); }
};

std::string Q(const Question& q) { return "question " + Quote(q.id); }

bool IsChoice(const Question& q) {
  return q.type == QuestionType::SingleChoice || q.type == QuestionType::MultipleChoice;
}

void CheckBands(Problems& p, const std::string& who, const std::vector<Band>& bands) {
  for (size_t i = 0; i < bands.size(); i++) {
    const Band& b = bands[i];
    std::string band = who + ", bande " + Quote(b.label.empty() ? std::to_string(i + 1) : b.label);
    if (b.label.empty()) p.Add(band, "libellé vide");
    if (i == 0 && b.from != 0) p.Add(band, "la première bande doit commencer à 0");
    if (b.from < 0 || b.from > 100) p.Add(band, "début hors de 0..100 (" + Num(b.from) + ")");
    if (i > 0 && b.from <= bands[i - 1].from) p.Add(band, "les bandes doivent être rangées par début croissant");
  }
}

void CheckThemeValues(Problems& p, const Template& t, const std::string& who, const ThemeValues& values,
                      const char* what) {
  for (const auto& [theme, v] : values) {
    if (!FindTheme(t, theme)) p.Add(who, "thème inconnu " + Quote(theme) + " dans " + Quote(what));
    if (v < 0) p.Add(who, "valeur négative pour " + Quote(theme) + " dans " + Quote(what));
  }
}

void CheckCondition(Problems& p, const Template& t, const Question& q, const std::set<std::string>& earlier) {
  const Condition& c = *q.condition;
  const Question* ctl = FindQuestion(t, c.question);
  if (c.question == q.id) return p.Add(Q(q), "la condition porte sur la question elle-même");
  if (!ctl) return p.Add(Q(q), "la condition porte sur une question inconnue " + Quote(c.question));
  if (!earlier.count(c.question))
    return p.Add(Q(q), "la condition porte sur " + Quote(c.question) + ", qui doit être posée avant");
  std::string ctl_type = Quote(ctl->id) + " est de type " + QuestionTypeName(ctl->type);
  switch (c.op) {
    case ConditionOp::Equals:
      if (ctl->type != QuestionType::SingleChoice)
        return p.Add(Q(q), Quote("equals") + " s’applique à un choix unique, or " + ctl_type);
      break;
    case ConditionOp::Includes:
      if (ctl->type != QuestionType::MultipleChoice)
        return p.Add(Q(q), Quote("includes") + " s’applique à un choix multiple, or " + ctl_type);
      break;
    case ConditionOp::AtLeast:
      if (ctl->type != QuestionType::Scale && ctl->type != QuestionType::Number)
        return p.Add(Q(q), Quote("at_least") + " s’applique à une échelle ou un nombre, or " + ctl_type);
      return;
  }
  if (!FindOption(*ctl, c.option))
    p.Add(Q(q), "la condition attend l’option " + Quote(c.option) + ", absente de " + Quote(ctl->id));
}

void CheckQuestion(Problems& p, const Template& t, const Question& q, const std::set<std::string>& earlier) {
  if (q.label.empty()) p.Add(Q(q), "libellé vide");
  if (IsChoice(q)) {
    if (q.options.size() < 2) p.Add(Q(q), "au moins deux options attendues");
    std::set<std::string> ids;
    for (const Option& o : q.options) {
      std::string who = Q(q) + ", option " + Quote(o.id);
      if (o.id.empty())
        p.Add(Q(q), "option sans identifiant");
      else if (!ids.insert(o.id).second)
        p.Add(who, "identifiant déjà utilisé");
      if (o.label.empty()) p.Add(who, "libellé vide");
      CheckThemeValues(p, t, who, o.points, "points");
    }
  } else if (!q.options.empty()) {
    p.Add(Q(q), "des options n’ont de sens que pour un choix unique ou multiple");
  }
  if (q.type == QuestionType::Scale) {
    const ScaleSpec& s = q.scale;
    if (s.min >= s.max)
      p.Add(Q(q), "l’échelle doit aller d’un minimum à un maximum plus grand (" + std::to_string(s.min) + " à " +
                      std::to_string(s.max) + ")");
    if (!s.theme.empty() && !FindTheme(t, s.theme))
      p.Add(Q(q), "thème inconnu " + Quote(s.theme) + " dans " + Quote("scale"));
  }
  if (q.type == QuestionType::Number) {
    const NumberSpec& n = q.number;
    if (n.min && n.max && *n.min >= *n.max)
      p.Add(Q(q), "le minimum (" + Num(*n.min) + ") doit être inférieur au maximum (" + Num(*n.max) + ")");
    if (!n.theme.empty() && !FindTheme(t, n.theme))
      p.Add(Q(q), "thème inconnu " + Quote(n.theme) + " dans " + Quote("number"));
    if (n.theme.empty() != n.thresholds.empty())
      p.Add(Q(q),
            "un nombre noté a besoin d’un thème et de seuils (" + Quote("theme") + " et " + Quote("thresholds") + ")");
    for (size_t i = 0; i < n.thresholds.size(); i++) {
      if (n.thresholds[i].points < 0) p.Add(Q(q), "seuil à points négatifs");
      if (i > 0 && n.thresholds[i].at_least <= n.thresholds[i - 1].at_least)
        p.Add(Q(q), "les seuils doivent être rangés par valeur croissante (" + Num(n.thresholds[i].at_least) +
                        " après " + Num(n.thresholds[i - 1].at_least) + ")");
    }
  }
  CheckThemeValues(p, t, Q(q), q.weights, "weights");
  for (const auto& [theme, w] : q.weights) {
    if (w == 0) p.Add(Q(q), "poids nul pour " + Quote(theme));
    if (FindTheme(t, theme) && MaxPoints(q, theme) <= 0)
      p.Add(Q(q), "poids sur " + Quote(theme) + ", que la question ne note pas");
  }
  if (q.condition) CheckCondition(p, t, q, earlier);
}

}  // namespace

std::vector<std::string> ValidateTemplate(const Template& t) {
  Problems p;
  const std::string model = "modèle";
  if (t.id.empty()) p.Add(model, "identifiant vide");
  if (t.version < 1) p.Add(model, "version " + std::to_string(t.version) + " invalide (1 ou plus)");
  if (t.title.empty()) p.Add(model, "titre vide");
  if (t.themes.empty()) p.Add(model, "aucun thème");
  if (t.sections.empty()) p.Add(model, "aucune section");
  CheckBands(p, model, t.bands);

  std::set<std::string> theme_ids;
  for (const Theme& th : t.themes) {
    std::string who = "thème " + Quote(th.id);
    if (th.id.empty())
      p.Add(model, "thème sans identifiant");
    else if (!theme_ids.insert(th.id).second)
      p.Add(who, "identifiant déjà utilisé");
    if (th.label.empty()) p.Add(who, "libellé vide");
    CheckBands(p, who, th.bands);
    if (th.bands.empty() && t.bands.empty())
      p.Add(who, "aucune bande d’interprétation (ni pour le thème, ni pour le modèle)");
  }

  std::set<std::string> section_ids, earlier;  // earlier: questions already declared
  for (const Section& s : t.sections) {
    std::string who = "section " + Quote(s.id);
    if (s.id.empty())
      p.Add(model, "section sans identifiant");
    else if (!section_ids.insert(s.id).second)
      p.Add(who, "identifiant déjà utilisé");
    if (s.questions.empty()) p.Add(who, "aucune question");
    for (const Question& q : s.questions) {
      if (q.id.empty()) {
        p.Add(who, "question sans identifiant");
        continue;
      }
      if (earlier.count(q.id)) p.Add(Q(q), "identifiant déjà utilisé");
      CheckQuestion(p, t, q, earlier);
      earlier.insert(q.id);
    }
  }
  return p.list;
}

}  // namespace relais::diagnosis
