// template_json.cpp — templates to and from JSON (format: assets/questionnaires/).
// Optional fields may be left out; the writer leaves out fields at their
// default so that exported files stay as short as hand-written ones.
#include <fstream>
#include <sstream>

#include "core/diagnosis/json_io.h"
#include "core/diagnosis/template.h"

namespace relais::diagnosis {

namespace {

using namespace detail;

std::string Nth(const char* what, size_t i) { return std::string(what) + " n° " + std::to_string(i + 1); }

Band ReadBand(Reader& r, size_t i) {
  Scope scope(r, Nth("bande", i));
  Band b;
  auto seen = ReadObject(r, [&](const std::string& k) {
    if (k == "from")
      Read(r, b.from);
    else if (k == "label")
      Read(r, b.label);
    else if (k == "text")
      Read(r, b.text);
    else if (k == "need")
      Read(r, b.need);
    else
      FailUnknownField(r);
  });
  Require(r, seen, "from");
  Require(r, seen, "label");
  return b;
}

std::vector<Band> ReadBands(Reader& r) {
  std::vector<Band> bands;
  ReadArray(r, [&](size_t i) { bands.push_back(ReadBand(r, i)); });
  return bands;
}

Theme ReadTheme(Reader& r, size_t i) {
  Scope scope(r, Nth("thème", i));
  Theme th;
  auto seen = ReadObject(r, [&](const std::string& k) {
    if (k == "id") {
      Read(r, th.id);
      scope.Rename("thème " + Quote(th.id));
    } else if (k == "label")
      Read(r, th.label);
    else if (k == "tags")
      Read(r, th.tags);
    else if (k == "bands")
      th.bands = ReadBands(r);
    else
      FailUnknownField(r);
  });
  Require(r, seen, "id");
  Require(r, seen, "label");
  return th;
}

Option ReadOption(Reader& r, size_t i) {
  Scope scope(r, Nth("option", i));
  Option o;
  auto seen = ReadObject(r, [&](const std::string& k) {
    if (k == "id") {
      Read(r, o.id);
      scope.Rename("option " + Quote(o.id));
    } else if (k == "label")
      Read(r, o.label);
    else if (k == "points")
      Read(r, o.points);
    else
      FailUnknownField(r);
  });
  Require(r, seen, "id");
  Require(r, seen, "label");
  return o;
}

void ReadScale(Reader& r, ScaleSpec& s) {
  auto seen = ReadObject(r, [&](const std::string& k) {
    if (k == "min")
      Read(r, s.min);
    else if (k == "max")
      Read(r, s.max);
    else if (k == "min_label")
      Read(r, s.min_label);
    else if (k == "max_label")
      Read(r, s.max_label);
    else if (k == "theme")
      Read(r, s.theme);
    else
      FailUnknownField(r);
  });
  Require(r, seen, "min");
  Require(r, seen, "max");
}

Threshold ReadThreshold(Reader& r, size_t i) {
  Scope scope(r, Nth("seuil", i));
  Threshold t;
  auto seen = ReadObject(r, [&](const std::string& k) {
    if (k == "at_least")
      Read(r, t.at_least);
    else if (k == "points")
      Read(r, t.points);
    else
      FailUnknownField(r);
  });
  Require(r, seen, "at_least");
  Require(r, seen, "points");
  return t;
}

void ReadNumber(Reader& r, NumberSpec& n) {
  ReadObject(r, [&](const std::string& k) {
    if (k == "min")
      Read(r, n.min);
    else if (k == "max")
      Read(r, n.max);
    else if (k == "unit")
      Read(r, n.unit);
    else if (k == "theme")
      Read(r, n.theme);
    else if (k == "thresholds")
      ReadArray(r, [&](size_t i) { n.thresholds.push_back(ReadThreshold(r, i)); });
    else
      FailUnknownField(r);
  });
}

Condition ReadCondition(Reader& r) {
  Condition c;
  int ops = 0;
  auto criterion = [&](ConditionOp op) {
    c.op = op;
    ops++;
  };
  auto seen = ReadObject(r, [&](const std::string& k) {
    if (k == "question") {
      Read(r, c.question);
    } else if (k == "equals") {
      Read(r, c.option);
      criterion(ConditionOp::Equals);
    } else if (k == "includes") {
      Read(r, c.option);
      criterion(ConditionOp::Includes);
    } else if (k == "at_least") {
      Read(r, c.value);
      criterion(ConditionOp::AtLeast);
    } else {
      FailUnknownField(r);
    }
  });
  Require(r, seen, "question");
  if (ops != 1)
    Fail(r, "un et un seul critère attendu parmi " + Quote("equals") + ", " + Quote("includes") + " et " +
                Quote("at_least"));
  return c;
}

Question ReadQuestion(Reader& r, size_t i) {
  Scope scope(r, Nth("question", i));
  Question q;
  auto seen = ReadObject(r, [&](const std::string& k) {
    if (k == "id") {
      Read(r, q.id);
      scope.Rename("question " + Quote(q.id));
    } else if (k == "type") {
      std::string type;
      Read(r, type);
      if (!ParseQuestionType(type, &q.type))
        Fail(r, "type inconnu " + Quote(type) + " (single_choice, multiple_choice, scale, number ou text)");
    } else if (k == "label")
      Read(r, q.label);
    else if (k == "help")
      Read(r, q.help);
    else if (k == "required")
      Read(r, q.required);
    else if (k == "options")
      ReadArray(r, [&](size_t j) { q.options.push_back(ReadOption(r, j)); });
    else if (k == "scale")
      ReadScale(r, q.scale);
    else if (k == "number")
      ReadNumber(r, q.number);
    else if (k == "weights")
      Read(r, q.weights);
    else if (k == "condition")
      q.condition = ReadCondition(r);
    else
      FailUnknownField(r);
  });
  Require(r, seen, "id");
  Require(r, seen, "type");
  Require(r, seen, "label");
  // A block for another type is a mistake worth reporting, not ignoring.
  if (q.type == QuestionType::Scale) Require(r, seen, "scale");
  if (Has(seen, "scale") && q.type != QuestionType::Scale)
    Fail(r, "champ " + Quote("scale") + " réservé au type scale");
  if (Has(seen, "number") && q.type != QuestionType::Number)
    Fail(r, "champ " + Quote("number") + " réservé au type number");
  return q;
}

Section ReadSection(Reader& r, size_t i) {
  Scope scope(r, Nth("section", i));
  Section s;
  auto seen = ReadObject(r, [&](const std::string& k) {
    if (k == "id") {
      Read(r, s.id);
      scope.Rename("section " + Quote(s.id));
    } else if (k == "title")
      Read(r, s.title);
    else if (k == "questions")
      ReadArray(r, [&](size_t j) { s.questions.push_back(ReadQuestion(r, j)); });
    else
      FailUnknownField(r);
  });
  Require(r, seen, "id");
  Require(r, seen, "questions");
  return s;
}

Template ReadTemplate(Reader& r) {
  Template t;
  auto seen = ReadMembers(r, [&](const std::string& k) {
    if (k == "id")
      Read(r, t.id);
    else if (k == "version")
      Read(r, t.version);
    else if (k == "title")
      Read(r, t.title);
    else if (k == "description")
      Read(r, t.description);
    else if (k == "themes")
      ReadArray(r, [&](size_t i) { t.themes.push_back(ReadTheme(r, i)); });
    else if (k == "bands")
      t.bands = ReadBands(r);
    else if (k == "sections")
      ReadArray(r, [&](size_t i) { t.sections.push_back(ReadSection(r, i)); });
    else
      FailUnknownField(r);
  });
  for (const char* field : {"id", "version", "title", "themes", "sections"}) Require(r, seen, field);
  return t;
}

// --- Writing -------------------------------------------------------------------

void PutIf(Out& ar, const char* name, const std::string& v) {
  if (!v.empty()) Put(ar, name, v);
}

void WriteBands(Out& ar, const std::vector<Band>& bands) {
  BeginArray(ar, "bands");
  for (const Band& b : bands) {
    BeginObject(ar, nullptr);
    Put(ar, "from", b.from);
    Put(ar, "label", b.label);
    PutIf(ar, "text", b.text);
    if (b.need) Put(ar, "need", true);
    End(ar);
  }
  End(ar);
}

void WriteQuestion(Out& ar, const Question& q) {
  BeginObject(ar, nullptr);
  Put(ar, "id", q.id);
  Put(ar, "type", std::string(QuestionTypeName(q.type)));
  Put(ar, "label", q.label);
  PutIf(ar, "help", q.help);
  if (q.required) Put(ar, "required", true);
  if (!q.options.empty()) {
    BeginArray(ar, "options");
    for (const Option& o : q.options) {
      BeginObject(ar, nullptr);
      Put(ar, "id", o.id);
      Put(ar, "label", o.label);
      if (!o.points.empty()) Put(ar, "points", o.points);
      End(ar);
    }
    End(ar);
  }
  if (q.type == QuestionType::Scale) {
    BeginObject(ar, "scale");
    Put(ar, "min", q.scale.min);
    Put(ar, "max", q.scale.max);
    PutIf(ar, "min_label", q.scale.min_label);
    PutIf(ar, "max_label", q.scale.max_label);
    PutIf(ar, "theme", q.scale.theme);
    End(ar);
  }
  const NumberSpec& n = q.number;
  if (q.type == QuestionType::Number &&
      (n.min || n.max || !n.unit.empty() || !n.theme.empty() || !n.thresholds.empty())) {
    BeginObject(ar, "number");
    if (n.min) Put(ar, "min", *n.min);
    if (n.max) Put(ar, "max", *n.max);
    PutIf(ar, "unit", n.unit);
    PutIf(ar, "theme", n.theme);
    if (!n.thresholds.empty()) {
      BeginArray(ar, "thresholds");
      for (const Threshold& th : n.thresholds) {
        BeginObject(ar, nullptr);
        Put(ar, "at_least", th.at_least);
        Put(ar, "points", th.points);
        End(ar);
      }
      End(ar);
    }
    End(ar);
  }
  if (!q.weights.empty()) Put(ar, "weights", q.weights);
  if (q.condition) {
    const Condition& c = *q.condition;
    BeginObject(ar, "condition");
    Put(ar, "question", c.question);
    switch (c.op) {
      case ConditionOp::Equals:
        Put(ar, "equals", c.option);
        break;
      case ConditionOp::Includes:
        Put(ar, "includes", c.option);
        break;
      case ConditionOp::AtLeast:
        Put(ar, "at_least", c.value);
        break;
    }
    End(ar);
  }
  End(ar);
}

}  // namespace

LoadResult LoadTemplateJson(const std::string& json) {
  LoadResult res;
  res.error = ReadDocument(json, [&](Reader& r) { res.tmpl = ReadTemplate(r); });
  if (!res.error.empty()) {
    res.tmpl = Template{};
    return res;
  }
  // The template is kept even when invalid: an editor can show it with its problems.
  for (const std::string& problem : ValidateTemplate(res.tmpl)) res.error += (res.error.empty() ? "" : "\n") + problem;
  res.ok = res.error.empty();
  return res;
}

LoadResult LoadTemplateFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  if (in) text << in.rdbuf();
  if (!in) {
    LoadResult res;
    res.error = "impossible de lire le fichier " + Quote(path);
    return res;
  }
  return LoadTemplateJson(text.str());
}

std::string SaveTemplateJson(const Template& t) {
  std::ostringstream out;
  {
    Out ar(out, WriteOptions());  // the root object closes when the archive goes
    Put(ar, "id", t.id);
    Put(ar, "version", t.version);
    Put(ar, "title", t.title);
    PutIf(ar, "description", t.description);
    BeginArray(ar, "themes");
    for (const Theme& th : t.themes) {
      BeginObject(ar, nullptr);
      Put(ar, "id", th.id);
      Put(ar, "label", th.label);
      if (!th.tags.empty()) Put(ar, "tags", th.tags);
      if (!th.bands.empty()) WriteBands(ar, th.bands);
      End(ar);
    }
    End(ar);
    if (!t.bands.empty()) WriteBands(ar, t.bands);
    BeginArray(ar, "sections");
    for (const Section& s : t.sections) {
      BeginObject(ar, nullptr);
      Put(ar, "id", s.id);
      PutIf(ar, "title", s.title);
      BeginArray(ar, "questions");
      for (const Question& q : s.questions) WriteQuestion(ar, q);
      End(ar);
      End(ar);
    }
    End(ar);
  }
  out << '\n';
  return out.str();
}

}  // namespace relais::diagnosis
