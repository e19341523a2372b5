#include "core/diagnosis/scoring.h"

#include <algorithm>
#include <cstdio>

#include "core/diagnosis/json_io.h"
#include "core/model/json.h"

namespace relais::diagnosis {

using detail::Quote;

// Points earned for `theme` by a valid answer, before weighting.
static double EarnedPoints(const Question& q, const Answer& a, const std::string& theme) {
  double sum = 0;
  switch (q.type) {
    case QuestionType::SingleChoice:
    case QuestionType::MultipleChoice:
      for (const std::string& id : a.choices) {
        const Option* o = FindOption(q, id);
        if (!o) continue;
        auto it = o->points.find(theme);
        if (it != o->points.end()) sum += std::max(0.0, it->second);
      }
      return sum;
    case QuestionType::Scale:
      return q.scale.theme == theme ? *a.number - q.scale.min : 0;
    case QuestionType::Number:
      if (q.number.theme != theme) return 0;
      for (const Threshold& th : q.number.thresholds)  // ascending: the last reached wins
        if (*a.number >= th.at_least) sum = th.points;
      return sum;
    case QuestionType::Text:
      return 0;
  }
  return 0;
}

Scores ScoreAnswers(const Template& t, const Answers& answers) {
  Scores s;
  s.template_id = t.id;
  s.template_version = t.version;
  std::vector<const Question*> visible = VisibleQuestions(t, answers);
  double total = 0;
  int assessed = 0;
  for (const Theme& theme : t.themes) {
    ThemeScore ts;
    ts.theme_id = theme.id;
    ts.label = theme.label;
    for (const Question* q : visible) {
      double max = MaxPoints(*q, theme.id);
      if (max <= 0) continue;
      double w = WeightFor(*q, theme.id);
      ts.questions++;
      ts.max_points += max * w;
      if (!IsAnswered(*q, answers)) continue;
      ts.answered++;
      ts.points += std::min(max, EarnedPoints(*q, answers.at(q->id), theme.id)) * w;
    }
    ts.assessed = ts.max_points > 0;
    if (ts.assessed) {
      ts.score = 100.0 * ts.points / ts.max_points;
      if (const Band* b = BandFor(BandsFor(t, theme), ts.score)) {
        ts.band_label = b->label;
        ts.band_text = b->text;
        ts.need = b->need;
      }
      total += ts.score;
      assessed++;
    }
    s.themes.push_back(std::move(ts));
  }
  s.overall_assessed = assessed > 0;
  s.overall = assessed ? total / assessed : 0;
  return s;
}

ScoreResult Score(const Template& t, const Response& r) {
  ScoreResult res;
  Status st = CheckTemplate(t, r);
  if (!st.ok) {
    res.error = st.error;
    return res;
  }
  res.scores = ScoreAnswers(t, r.answers);
  res.ok = true;
  return res;
}

const ThemeScore* FindThemeScore(const Scores& s, const std::string& theme_id) {
  for (const ThemeScore& ts : s.themes)
    if (ts.theme_id == theme_id) return &ts;
  return nullptr;
}

static std::string Number1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string ScoresSummaryJson(const Scores& s) {
  std::string j = "{\"template_id\":" + JsonString(s.template_id) +
                  ",\"template_version\":" + std::to_string(s.template_version) + ",\"overall\":";
  j += s.overall_assessed ? Number1(s.overall) : "null";
  j += ",\"themes\":[";
  for (size_t i = 0; i < s.themes.size(); i++) {
    const ThemeScore& t = s.themes[i];
    if (i) j += ',';
    j += "{\"id\":" + JsonString(t.theme_id) + ",\"score\":" + (t.assessed ? Number1(t.score) : "null") +
         ",\"band\":" + JsonString(t.band_label) + ",\"need\":" + (t.need ? "true" : "false") + "}";
  }
  return j + "]}";
}

CompareResult Compare(const Scores& before, const Scores& after) {
  CompareResult res;
  if (before.template_id != after.template_id) {
    res.error = "diagnostics non comparables" + std::string(detail::kColon) + "modèles " + Quote(before.template_id) +
                " et " + Quote(after.template_id);
    return res;
  }
  Comparison& c = res.comparison;
  c.template_id = after.template_id;
  c.before_version = before.template_version;
  c.after_version = after.template_version;
  auto add = [&](const ThemeScore* b, const ThemeScore* a) {
    ThemeDelta d;
    d.theme_id = a ? a->theme_id : b->theme_id;
    d.label = a ? a->label : b->label;
    d.before_assessed = b && b->assessed;
    d.after_assessed = a && a->assessed;
    d.before = d.before_assessed ? b->score : 0;
    d.after = d.after_assessed ? a->score : 0;
    d.delta = d.before_assessed && d.after_assessed ? d.after - d.before : 0;
    c.themes.push_back(d);
  };
  for (const ThemeScore& a : after.themes) add(FindThemeScore(before, a.theme_id), &a);
  for (const ThemeScore& b : before.themes)
    if (!FindThemeScore(after, b.theme_id)) add(&b, nullptr);
  c.overall_compared = before.overall_assessed && after.overall_assessed;
  c.overall_before = before.overall;
  c.overall_after = after.overall;
  c.overall_delta = c.overall_compared ? after.overall - before.overall : 0;
  res.ok = true;
  return res;
}

}  // namespace relais::diagnosis
