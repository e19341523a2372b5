// diagnosis_data.cpp — see diagnosis_data.h.
#include "ui/diagnosis/diagnosis_data.h"

#include <algorithm>
#include <cmath>

#include "core/model/casework.h"
#include "core/model/company.h"
#include "core/model/directory.h"
#include "core/model/services.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/i18n.h"

namespace relais {

namespace diagnosis_assets {
struct Blob {
  const char* data;
  size_t size;
};
extern const Blob kTemplates[];  // generated from assets/questionnaires (src/ui/CMakeLists.txt)
}  // namespace diagnosis_assets

const std::vector<diagnosis::Template>& BuiltInTemplates() {
  static const std::vector<diagnosis::Template> all = [] {
    std::vector<diagnosis::Template> v;
    for (const diagnosis_assets::Blob* b = diagnosis_assets::kTemplates; b->data; b++) {
      diagnosis::LoadResult r = diagnosis::LoadTemplateJson(std::string(b->data, b->size));
      if (r.ok) v.push_back(std::move(r.tmpl));
    }
    return v;
  }();
  return all;
}

static std::deque<diagnosis::Template>& AllTemplates() {
  static std::deque<diagnosis::Template> all(BuiltInTemplates().begin(), BuiltInTemplates().end());
  return all;
}

const std::deque<diagnosis::Template>& Templates() { return AllTemplates(); }

void LoadPublishedTemplates(Store& st) {
  static Store* seen_store = nullptr;
  static int64_t seen_count = -1, seen_hlc = -1;
  Stmt q = st.db.Prepare("SELECT count(*), coalesce(max(updated_hlc), 0) FROM questionnaire_templates");
  q.Step();
  if (seen_store == &st && q.Int(0) == seen_count && q.Int(1) == seen_hlc) return;
  seen_store = &st;
  seen_count = q.Int(0);
  seen_hlc = q.Int(1);
  for (const QuestionnaireTemplate& row : ListPublishedTemplates(st)) {
    if (FindTemplate(row.template_id, row.version)) continue;
    diagnosis::LoadResult r = diagnosis::LoadTemplateJson(row.body);
    // The server checked it; a body this build cannot read (a newer format) is left out.
    if (r.ok && r.tmpl.id == row.template_id && r.tmpl.version == row.version) AllTemplates().push_back(std::move(r.tmpl));
  }
}

const diagnosis::Template* FindTemplate(const std::string& id, int version) {
  for (const diagnosis::Template& t : Templates())
    if (t.id == id && t.version == version) return &t;
  return nullptr;
}

std::vector<const diagnosis::Template*> LatestTemplates() {
  std::vector<const diagnosis::Template*> out;
  for (const diagnosis::Template& t : Templates()) {
    bool seen = false;
    for (const diagnosis::Template*& o : out)
      if (o->id == t.id) {
        seen = true;
        if (t.version > o->version) o = &t;
      }
    if (!seen) out.push_back(&t);
  }
  return out;
}

int LatestTemplateVersion(const std::string& template_id) {
  int v = 0;
  for (const diagnosis::Template& t : Templates())
    if (t.id == template_id && t.version > v) v = t.version;
  return v;
}

std::string DiagnosisTitle(const std::string& template_id) {
  for (const diagnosis::Template* t : LatestTemplates())
    if (t->id == template_id) return t->title;
  return template_id;
}

static std::optional<DiagnosisRun> RunOf(QuestionnaireResponse row) {
  diagnosis::ResponseLoadResult r = diagnosis::LoadResponseJson(row.answers);
  DiagnosisRun run;
  if (r.ok) {
    run.response = std::move(r.response);
  } else if (row.answers == "{}") {
    // A row written elsewhere before any answer: an empty run.
    run.response.template_id = row.template_id;
    run.response.template_version = row.template_version;
  } else {
    return std::nullopt;
  }
  run.tmpl = FindTemplate(row.template_id, row.template_version);
  run.row = std::move(row);
  return run;
}

std::optional<DiagnosisRun> LoadDiagnosis(Store& st, const std::string& response_id) {
  std::optional<QuestionnaireResponse> row = Get<QuestionnaireResponse>(st, response_id);
  if (!row || row->deleted()) return std::nullopt;
  return RunOf(std::move(*row));
}

DiagnosisRun StartDiagnosis(Store& st, const SessionInfo& session, const std::string& company_id,
                            const diagnosis::Template& t) {
  Require(!session.member_id.empty(), "author_member_id", "sign in as a member to run a diagnosis");
  DiagnosisRun run;
  run.tmpl = &t;
  run.response = diagnosis::StartResponse(t, st.now_ms());
  run.row.company_id = company_id;
  run.row.template_id = t.id;
  run.row.template_version = t.version;
  run.row.author_member_id = session.member_id;
  run.row.status = "draft";
  run.row.answers = diagnosis::SaveResponseJson(run.response);
  Insert(st, run.row);
  return run;
}

static void WriteRun(Store& st, DiagnosisRun& run) {
  QuestionnaireResponse row = run.row;
  row.answers = diagnosis::SaveResponseJson(run.response);
  bool completed = run.response.completion == diagnosis::Completion::Completed && run.tmpl;
  row.status = completed ? "completed" : "draft";
  if (completed) {
    if (!row.completed_at) row.completed_at = run.response.updated_ms;
    row.scores = diagnosis::ScoresSummaryJson(diagnosis::ScoreAnswers(*run.tmpl, run.response.answers));
  } else {
    row.completed_at.reset();
    row.scores = "{}";
  }
  Update(st, row);
  run.row = std::move(row);
}

void SaveDiagnosisAnswers(Store& st, DiagnosisRun& run) { WriteRun(st, run); }

diagnosis::Status FinishDiagnosis(Store& st, DiagnosisRun& run) {
  if (!run.tmpl) return {false, "modèle absent de cet appareil"};
  diagnosis::Response r = run.response;
  diagnosis::Status s = diagnosis::CompleteResponse(*run.tmpl, r, st.now_ms());
  if (!s.ok) return s;
  DiagnosisRun next = run;
  next.response = std::move(r);
  next.row.completed_at = next.response.updated_ms;
  WriteRun(st, next);
  run = std::move(next);
  return {};
}

std::vector<QuestionnaireResponse> DraftDiagnoses(Store& st, const std::string& company_id) {
  return List<QuestionnaireResponse>(st, "company_id = ? AND status = 'draft'", company_id);
}

std::optional<DiagnosisRun> PreviousDiagnosis(Store& st, const DiagnosisRun& run) {
  int64_t before = run.row.completed_at.value_or(INT64_MAX);
  std::optional<DiagnosisRun> best;
  for (QuestionnaireResponse& r :
       List<QuestionnaireResponse>(st, "company_id = ? AND template_id = ? AND status = 'completed' AND id != ?",
                                   run.row.company_id, run.row.template_id, run.row.id)) {
    if (!r.completed_at || *r.completed_at > before) continue;
    if (best && *best->row.completed_at >= *r.completed_at) continue;
    std::optional<DiagnosisRun> cand = RunOf(std::move(r));
    if (cand && cand->tmpl) best = std::move(cand);  // scored with its own template version
  }
  return best;
}

RecommendInputs ReadRecommendInputs(Store& st, const std::string& company_id, const std::string& exclude_member_id) {
  RecommendInputs in;
  if (std::optional<Company> c = Get<Company>(st, company_id)) {
    in.company.commune = c->commune_insee.value_or("");
    // The office whose territory (departments) holds the company's postcode.
    in.company.office_id =
        st.db.QueryText("SELECT o.id FROM offices AS o, json_each(o.departments) AS j WHERE o.deleted_hlc IS NULL "
                        "AND o.active = 1 AND j.value = substr(?, 1, 2) ORDER BY o.id LIMIT 1",
                        c->postcode)
            .value_or("");
  }
  for (ServiceOffer& s : List<ServiceOffer>(st))
    in.services.push_back({s.id, s.name, s.organisation_id, s.themes, s.office_ids});
  for (Member& m : List<Member>(st, "active = 1")) {  // one no longer in the network is not recommended
    if (m.id == exclude_member_id) continue;  // one does not refer a company to oneself
    diagnosis::Member dm;
    dm.id = m.id;
    dm.name = m.first_name + " " + m.last_name;
    dm.office_id = m.office_id.value_or("");
    dm.organisation_id = m.organisation_id;
    dm.tags = m.expertise;
    dm.communes = m.communes;
    in.members.push_back(std::move(dm));
  }
  return in;
}

std::string ReferFromDiagnosis(Store& st, const SessionInfo& session, const std::string& company_id,
                               const std::string& to_member_id, const std::string& message) {
  Require(!session.member_id.empty(), "from_member_id", "sign in as a member to refer a company");
  Referral r;
  r.company_id = company_id;
  r.from_member_id = session.member_id;
  r.to_member_id = to_member_id;
  r.message = message;
  SendReferral(st, r);
  return r.id;
}


std::string AnsweredText(int answered, int visible) {
  return std::to_string(answered) + " " + T(answered <= 1 ? Msg::DiagAnswerOne : Msg::DiagAnswers) + " " +
         T(Msg::DiagOutOf) + " " + std::to_string(visible);
}

std::string ScoreText(double score) { return std::to_string((int)std::lround(score)) + "\u00A0/\u00A0100"; }

}  // namespace relais
