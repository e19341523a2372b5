// diagnosis_data.h — what the diagnosis screens read from and write to the
// device's store, kept out of the drawing code so tests call it directly.
// A run is a questionnaire_responses row: inserted as "draft" when it starts,
// rewritten after every answer (so it survives a reload, offline), then
// "completed" with its scores. Each write goes through the repositories, so
// the row and its outbox entry are stored in one transaction and sync.
#pragma once
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnosis/recommend.h"
#include "core/diagnosis/response.h"
#include "core/diagnosis/scoring.h"
#include "core/diagnosis/template.h"
#include "core/model/questionnaire.h"

namespace relais {

struct SessionInfo;  // ui/app.h

// The templates shipped with the app (assets/questionnaires, compiled in),
// parsed once; a template that fails validation is left out.
const std::vector<diagnosis::Template>& BuiltInTemplates();
// Reads the versions the network's staff published (questionnaire_templates)
// that are not known yet; cheap when none changed. The app calls it once a
// frame, so every screen sees a version as soon as it is synced or published.
void LoadPublishedTemplates(Store& st);
// Shipped, then published versions. Only ever grows, so pointers into it stay
// valid (a published version never changes).
const std::deque<diagnosis::Template>& Templates();
// That exact id and version (a response is always read with the version it was made with).
const diagnosis::Template* FindTemplate(const std::string& id, int version);
// The newest version of each template id, in first-known order: what a new
// diagnosis runs.
std::vector<const diagnosis::Template*> LatestTemplates();
// The newest version of an id here (0: unknown).
int LatestTemplateVersion(const std::string& template_id);
// The title of a template id (its latest version here), or the id when unknown.
std::string DiagnosisTitle(const std::string& template_id);

// A stored run with its parsed answers and its template.
struct DiagnosisRun {
  QuestionnaireResponse row;
  diagnosis::Response response;
  const diagnosis::Template* tmpl = nullptr;  // null: this device lacks that template version
};
// nullopt: no such live row, or its answers do not parse.
std::optional<DiagnosisRun> LoadDiagnosis(Store& st, const std::string& response_id);

// Starts a run of `t` for the company, stamped with the session's member.
// Throws ValidationError (nothing stored) without a member session.
DiagnosisRun StartDiagnosis(Store& st, const SessionInfo& session, const std::string& company_id,
                            const diagnosis::Template& t);
// Stores the run's answers (status stays what the engine says: a completed
// run that loses a required answer goes back to draft).
void SaveDiagnosisAnswers(Store& st, DiagnosisRun& run);
// Completes the run: refused (Status with the engine's message, nothing
// stored) while a shown required question has no answer.
diagnosis::Status FinishDiagnosis(Store& st, DiagnosisRun& run);

// The company's runs still in progress (newest first), to resume them.
std::vector<QuestionnaireResponse> DraftDiagnoses(Store& st, const std::string& company_id);
// The company's completed run of the same template before `run` (by
// completion time), the one a result is compared with.
std::optional<DiagnosisRun> PreviousDiagnosis(Store& st, const DiagnosisRun& run);

// The scores kept in the row's "scores" column (what the server and other
// devices read without the template): overall, and per theme score, band, need.
std::string ScoresSummaryJson(const diagnosis::Scores& s);

// The recommendation engine's inputs, read from the device: the company's
// commune and office, the network's services and active members.
struct RecommendInputs {
  diagnosis::Company company;
  std::vector<diagnosis::Service> services;
  std::vector<diagnosis::Member> members;
};
RecommendInputs ReadRecommendInputs(Store& st, const std::string& company_id, const std::string& exclude_member_id);

// "Proposer une orientation" from a recommendation: a referral of the company
// to the member, from the session's member, with the message, saved on the
// device (it syncs like any row). Returns its id. Throws ValidationError
// (nothing stored) without a member session or when referring to oneself.
// (Kept as this one function until the referrals screens take it over.)
std::string ReferFromDiagnosis(Store& st, const SessionInfo& session, const std::string& company_id,
                               const std::string& to_member_id, const std::string& message);

// Small shared pieces of the diagnosis screens.
std::string AnsweredText(int answered, int visible);  // "12 réponses sur 27", "1 réponse sur 27"
std::string ScoreText(double score);                  // "54 / 100" (no decimals: the bands are that coarse)

}  // namespace relais
