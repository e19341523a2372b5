#include "core/diagnosis/response.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/diagnosis/json_io.h"

namespace relais::diagnosis {

using detail::kColon;
using detail::Num;
using detail::Quote;

Answer ChoiceAnswer(std::string option_id) {
  Answer a;
  a.choices.push_back(std::move(option_id));
  return a;
}

Answer ChoicesAnswer(std::vector<std::string> option_ids) {
  Answer a;
  a.choices = std::move(option_ids);
  return a;
}

Answer NumberAnswer(double value) {
  Answer a;
  a.number = value;
  return a;
}

Answer TextAnswer(std::string text) {
  Answer a;
  a.text = std::move(text);
  return a;
}

bool IsEmpty(const Answer& a) { return a.choices.empty() && !a.number && a.text.empty(); }

Response StartResponse(const Template& t, int64_t now_ms) {
  Response r;
  r.template_id = t.id;
  r.template_version = t.version;
  r.started_ms = r.updated_ms = now_ms;
  return r;
}

Status CheckTemplate(const Template& t, const Response& r) {
  if (t.id == r.template_id && t.version == r.template_version) return {};
  return {false, "la réponse a été faite avec le modèle " + Quote(r.template_id) + " version " +
                     std::to_string(r.template_version) + ", pas avec " + Quote(t.id) + " version " +
                     std::to_string(t.version)};
}

static Status Bad(const Question& q, const std::string& what) {
  return {false, "question " + Quote(q.id) + kColon + what};
}

static Status ValidateChoices(const Question& q, const Answer& a) {
  bool single = q.type == QuestionType::SingleChoice;
  if (a.choices.empty()) return Bad(q, "aucune option choisie");
  if (single && a.choices.size() > 1) return Bad(q, "une seule option attendue");
  for (size_t i = 0; i < a.choices.size(); i++) {
    if (!FindOption(q, a.choices[i])) return Bad(q, "option inconnue " + Quote(a.choices[i]));
    if (std::find(a.choices.begin(), a.choices.begin() + i, a.choices[i]) != a.choices.begin() + i)
      return Bad(q, "option " + Quote(a.choices[i]) + " choisie deux fois");
  }
  return {};
}

Status ValidateAnswer(const Question& q, const Answer& a) {
  if (IsEmpty(a)) return Bad(q, "pas de réponse");
  bool choice = q.type == QuestionType::SingleChoice || q.type == QuestionType::MultipleChoice;
  bool numeric = q.type == QuestionType::Scale || q.type == QuestionType::Number;
  bool text = q.type == QuestionType::Text;
  if ((!choice && !a.choices.empty()) || (!numeric && a.number) || (!text && !a.text.empty()))
    return Bad(q, std::string("réponse de type ") + QuestionTypeName(q.type) + " attendue");
  if (choice) return ValidateChoices(q, a);
  if (text) return {};
  double v = *a.number;
  if (!std::isfinite(v)) return Bad(q, "nombre attendu");
  if (q.type == QuestionType::Scale) {
    if (v != std::floor(v) || v < q.scale.min || v > q.scale.max)
      return Bad(q, "entier attendu de " + std::to_string(q.scale.min) + " à " + std::to_string(q.scale.max));
    return {};
  }
  std::string unit = q.number.unit.empty() ? "" : "\u00A0" + q.number.unit;
  if (q.number.min && v < *q.number.min) return Bad(q, "au moins " + Num(*q.number.min) + unit);
  if (q.number.max && v > *q.number.max) return Bad(q, "au plus " + Num(*q.number.max) + unit);
  return {};
}

static const Answer* Find(const Answers& answers, const std::string& id) {
  auto it = answers.find(id);
  return it == answers.end() ? nullptr : &it->second;
}

bool IsAnswered(const Question& q, const Answers& answers) {
  const Answer* a = Find(answers, q.id);
  return a && ValidateAnswer(q, *a).ok;
}

static bool Holds(const Template& t, const Condition& c, const Answers& answers, const std::set<std::string>& shown) {
  // Only questions already shown count: this is what makes chains hide as a
  // whole, and a condition on a later question (invalid template) never holds.
  if (!shown.count(c.question)) return false;
  const Question* ctl = FindQuestion(t, c.question);
  const Answer* a = Find(answers, c.question);
  if (!ctl || !a || !ValidateAnswer(*ctl, *a).ok) return false;
  const auto& ch = a->choices;
  switch (c.op) {
    case ConditionOp::Equals:
      return ch.size() == 1 && ch[0] == c.option;
    case ConditionOp::Includes:
      return std::find(ch.begin(), ch.end(), c.option) != ch.end();
    case ConditionOp::AtLeast:
      return a->number && *a->number >= c.value;
  }
  return false;
}

std::vector<const Question*> VisibleQuestions(const Template& t, const Answers& answers) {
  std::vector<const Question*> out;
  std::set<std::string> shown;
  for (const Section& s : t.sections)
    for (const Question& q : s.questions)
      if (!q.condition || Holds(t, *q.condition, answers, shown)) {
        out.push_back(&q);
        shown.insert(q.id);
      }
  return out;
}

bool IsVisible(const Template& t, const Answers& answers, const std::string& question_id) {
  for (const Question* q : VisibleQuestions(t, answers))
    if (q->id == question_id) return true;
  return false;
}

Progress ComputeProgress(const Template& t, const Answers& answers) {
  Progress p;
  for (const Question* q : VisibleQuestions(t, answers)) {
    bool answered = IsAnswered(*q, answers);
    p.visible++;
    p.answered += answered;
    p.required += q->required;
    p.required_answered += q->required && answered;
  }
  return p;
}

const Question* FirstMissingRequired(const Template& t, const Answers& answers) {
  for (const Question* q : VisibleQuestions(t, answers))
    if (q->required && !IsAnswered(*q, answers)) return q;
  return nullptr;
}

static void Touch(const Template& t, Response& r, int64_t now_ms) {
  r.updated_ms = now_ms;
  if (r.completion == Completion::Completed && FirstMissingRequired(t, r.answers))
    r.completion = Completion::InProgress;
}

Status SetAnswer(const Template& t, Response& r, const std::string& question_id, const Answer& a, int64_t now_ms) {
  Status st = CheckTemplate(t, r);
  if (!st.ok) return st;
  const Question* q = FindQuestion(t, question_id);
  if (!q) return {false, "question inconnue " + Quote(question_id)};
  if (IsEmpty(a)) {
    r.answers.erase(question_id);
  } else {
    st = ValidateAnswer(*q, a);
    if (!st.ok) return st;
    r.answers[question_id] = a;
  }
  Touch(t, r, now_ms);
  return {};
}

Status ClearAnswer(const Template& t, Response& r, const std::string& question_id, int64_t now_ms) {
  return SetAnswer(t, r, question_id, Answer{}, now_ms);
}

Status CompleteResponse(const Template& t, Response& r, int64_t now_ms) {
  Status st = CheckTemplate(t, r);
  if (!st.ok) return st;
  if (const Question* q = FirstMissingRequired(t, r.answers))
    return Bad(*q, "réponse obligatoire manquante (" + Quote(q->label) + ")");
  r.completion = Completion::Completed;
  r.updated_ms = now_ms;
  return {};
}

// --- JSON ------------------------------------------------------------------------

std::string SaveResponseJson(const Response& r) {
  using namespace detail;
  std::ostringstream out;
  {
    Out ar(out, WriteOptions());
    Put(ar, "template_id", r.template_id);
    Put(ar, "template_version", r.template_version);
    Put(ar, "started_ms", r.started_ms);
    Put(ar, "updated_ms", r.updated_ms);
    Put(ar, "completion", std::string(r.completion == Completion::Completed ? "completed" : "in_progress"));
    BeginObject(ar, "answers");
    for (const auto& [id, a] : r.answers) {
      BeginObject(ar, id.c_str());
      if (!a.choices.empty()) Put(ar, "choices", a.choices);
      if (a.number) Put(ar, "number", *a.number);
      if (!a.text.empty()) Put(ar, "text", a.text);
      End(ar);
    }
    End(ar);
  }
  out << '\n';
  return out.str();
}

ResponseLoadResult LoadResponseJson(const std::string& json) {
  using namespace detail;
  ResponseLoadResult res;
  Response& resp = res.response;
  res.error = ReadDocument(json, [&](Reader& r) {
    auto seen = ReadMembers(r, [&](const std::string& k) {
      if (k == "template_id")
        Read(r, resp.template_id);
      else if (k == "template_version")
        Read(r, resp.template_version);
      else if (k == "started_ms")
        Read(r, resp.started_ms);
      else if (k == "updated_ms")
        Read(r, resp.updated_ms);
      else if (k == "completion") {
        std::string c;
        Read(r, c);
        if (c == "completed")
          resp.completion = Completion::Completed;
        else if (c == "in_progress")
          resp.completion = Completion::InProgress;
        else
          Fail(r, "valeur inconnue " + Quote(c) + " (in_progress ou completed)");
      } else if (k == "answers") {
        ReadObject(r, [&](const std::string& qid) {
          Scope scope(r, "réponse à " + Quote(qid));
          Answer& a = resp.answers[qid];
          ReadObject(r, [&](const std::string& f) {
            if (f == "choices")
              Read(r, a.choices);
            else if (f == "number")
              Read(r, a.number);
            else if (f == "text")
              Read(r, a.text);
            else
              FailUnknownField(r);
          });
        });
      } else {
        FailUnknownField(r);
      }
    });
    for (const char* f : {"template_id", "template_version", "started_ms", "updated_ms"}) Require(r, seen, f);
  });
  if (!res.error.empty()) res.response = Response{};
  res.ok = res.error.empty();
  return res;
}

}  // namespace relais::diagnosis
