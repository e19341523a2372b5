// The diagnosis screens, headless, over a native in-memory store: driven by
// role and name through the mirror like the browser tests. Start from the
// company file, one question per screen on a phone, a section per screen on
// a tablet, conditional questions, answers stored as given (pause and resume
// from the device), refusal of an incomplete run, the result (exact values as
// text, recommendations, referral) and the comparison with the previous run.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <memory>

#include "core/model/directory.h"
#include "core/model/profile.h"
#include "core/model/store.h"
#include "headless.h"
#include "ui_driver.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/diagnosis/diagnosis_data.h"
#include "ui/i18n.h"

using namespace relais;
using relais::mirror::Role;

namespace {

constexpr int64_t kNow = 1795780800000;  // 2026-11-27 12:00 UTC
const char* const kTemplateId = "diag-innovation-croissance";

struct DiagWorld {
  std::shared_ptr<int64_t> now = std::make_shared<int64_t>(kNow);
  Store st;
  Office office;
  Organisation cci;
  Member me, expert;
  Company company;
  AppState app;
  const diagnosis::Template* t = nullptr;

  DiagWorld() {
    StoreOptions o;
    o.now_ms = [n = now] { return (*n)++; };
    st = OpenStore(":memory:", o);
    office.name = "Antenne du Loiret";
    office.departments = {"45"};
    Insert(st, office);
    cci.name = "CCI Loiret";
    Insert(st, cci);
    me.first_name = "Claire";
    me.last_name = "Martin";
    me.organisation_id = cci.id;
    me.office_id = office.id;
    me.expertise = {"innovation"};  // never recommended to herself
    Insert(st, me);
    expert.first_name = "Marc";
    expert.last_name = "Petit";
    expert.organisation_id = cci.id;
    expert.office_id = office.id;
    expert.expertise = {"innovation", "export", "pi", "numerique", "finance", "rh"};
    Insert(st, expert);
    company.name = "Menuiserie Dupont";
    company.postcode = "45000";
    company.commune_name = "Orléans";
    Insert(st, company);
    app.store = &st;
    LocalProfile p;
    p.user_id = "0190aaaa000070008000000000000001";
    p.member_id = me.id;
    p.display_name = "Claire Martin";
    p.role = "advisor";
    SaveLocalProfile(st, p);
    st.db.Exec("INSERT INTO sync_state(key, value) VALUES ('auth.refresh', 'test-refresh-token')");
    Platform().history.clear();
    SetLang(Lang::Fr);
    t = FindTemplate(kTemplateId, 1);
  }

  const std::string& Label(const char* question) { return diagnosis::FindQuestion(*t, question)->label; }

  // Answers every shown question, lowest (first option, scale minimum) or highest.
  void FillAll(DiagnosisRun& run, bool high) {
    for (int pass = 0; pass < 4; pass++)
      for (const diagnosis::Question* q : diagnosis::VisibleQuestions(*t, run.response.answers)) {
        if (diagnosis::IsAnswered(*q, run.response.answers)) continue;
        diagnosis::Answer a;
        switch (q->type) {
          case diagnosis::QuestionType::SingleChoice:
          case diagnosis::QuestionType::MultipleChoice:
            a = diagnosis::ChoiceAnswer(high ? q->options.size() > 1 && q->type == diagnosis::QuestionType::MultipleChoice
                                                   ? q->options.front().id
                                                   : q->options.back().id
                                             : q->options.front().id);
            break;
          case diagnosis::QuestionType::Scale: a = diagnosis::NumberAnswer(high ? q->scale.max : q->scale.min); break;
          case diagnosis::QuestionType::Number:
            a = diagnosis::NumberAnswer(high ? q->number.max.value_or(100) : q->number.min.value_or(0));
            break;
          case diagnosis::QuestionType::Text: continue;
        }
        REQUIRE(diagnosis::SetAnswer(*t, run.response, q->id, a, *now).ok);
      }
  }

  // A completed run made `days_ago`, as another device would have synced it.
  DiagnosisRun Completed(bool high, int days_ago) {
    DiagnosisRun run = StartDiagnosis(st, app.session.member_id.empty() ? Session() : app.session, company.id, *t);
    FillAll(run, high);
    int64_t saved = *now;
    *now = kNow - (int64_t)days_ago * 86400000;
    REQUIRE(FinishDiagnosis(st, run).ok);
    *now = saved;
    return run;
  }
  SessionInfo Session() {
    SessionInfo s;
    s.signed_in = true;
    s.member_id = me.id;
    return s;
  }
};

// Result screens are long: a status counts when it can be scrolled into view.
struct DiagUi : UiDriver {
  using UiDriver::UiDriver;
  bool HasStatus(const std::string& text) { return Reveal(Role::Status, text) != nullptr; }
};

const std::string kDash = " \xE2\x80\x94 ";

}  // namespace

TEST_CASE("diagnosis routes carry the company and the response", "[diagnosis]") {
  Screen s;
  Route r;
  std::string id(32, 'a'), rid(32, 'b');
  REQUIRE(ScreenFromPath(("/companies/" + id + "/diagnosis/new").c_str(), &s, &r));
  CHECK(s == Screen::DiagnosisNew);
  CHECK(r.id == id);
  CHECK(r.sub.empty());
  REQUIRE(ScreenFromPath(("/companies/" + id + "/diagnosis/" + rid).c_str(), &s, &r));
  CHECK(s == Screen::DiagnosisRun);
  CHECK(r.sub == rid);
  REQUIRE(ScreenFromPath(("/companies/" + id + "/diagnosis/" + rid + "/result").c_str(), &s, &r));
  CHECK(s == Screen::DiagnosisResult);
  CHECK(r.sub == rid);
  CHECK(ScreenPath(Screen::DiagnosisResult, r) == "/companies/" + id + "/diagnosis/" + rid + "/result");
  CHECK(ScreenPath(Screen::DiagnosisNew, Route{id, ""}) == "/companies/" + id + "/diagnosis/new");
  CHECK_FALSE(ScreenFromPath(("/companies/" + id + "/diagnosis/xyz").c_str(), &s, &r));
  CHECK_FALSE(ScreenFromPath(("/companies/" + id + "/diagnosis/" + rid + "/other").c_str(), &s, &r));
}

TEST_CASE("the shipped template is compiled in and valid", "[diagnosis]") {
  REQUIRE(FindTemplate(kTemplateId, 1) != nullptr);
  CHECK(DiagnosisTitle(kTemplateId) == "Diagnostic innovation croissance");
  CHECK(DiagnosisTitle("inconnu") == "inconnu");
}

TEST_CASE("phone: one question per screen, answers stored as given, pause and resume", "[diagnosis]") {
  DiagWorld w;
  DiagUi ui(w.app, 390, 844);
  Navigate(w.app, Screen::CompanyFile, Route{w.company.id, ""});
  ui.Frames();
  ui.Tap(Role::Button, "Lancer un diagnostic");
  REQUIRE(w.app.screen == Screen::DiagnosisNew);
  ui.Tap(Role::Button, "Commencer\u00A0: Diagnostic innovation croissance");
  REQUIRE(w.app.screen == Screen::DiagnosisRun);
  std::string rid = w.app.route.sub;
  CHECK(Platform().history.back() == "push /companies/" + w.company.id + "/diagnosis/" + rid);
  // Stored at once as a draft, queued for sync.
  CHECK(w.st.db.QueryText("SELECT status FROM questionnaire_responses WHERE id = ?", rid) == std::string("draft"));
  CHECK(*w.st.db.QueryInt("SELECT count(*) FROM outbox WHERE tbl = 'questionnaire_responses' AND row_id = ?", rid) >= 1);
  int visible = (int)diagnosis::VisibleQuestions(*w.t, {}).size();
  CHECK(ui.HasStatus("Question 1 sur " + std::to_string(visible)));
  CHECK(ui.HasStatus("0 réponse sur " + std::to_string(visible)));
  // One question only: the second one is not on this screen.
  CHECK(ui.Find(Role::TextBox, w.Label("effectif")));
  CHECK_FALSE(ui.Find(Role::TextBox, w.Label("chiffre_affaires") + " (facultatif)"));
  // A bad number is refused and changes nothing.
  ui.Type(w.Label("effectif"), "douze");
  CHECK(ui.HasStatus("Nombre attendu, par exemple 12 ou 12,5\u00A0: la réponse précédente est gardée."));
  CHECK(LoadDiagnosis(w.st, rid)->response.answers.count("effectif") == 0);
  ui.Type(w.Label("effectif"), "12");
  {
    std::optional<DiagnosisRun> run = LoadDiagnosis(w.st, rid);
    REQUIRE(run);
    REQUIRE(run->response.answers.count("effectif"));
    CHECK(*run->response.answers.at("effectif").number == 12);
  }
  // 12 employees: the question on formalised organisation (10 and more) is now shown.
  diagnosis::Answers with_staff{{"effectif", diagnosis::NumberAnswer(12)}};
  visible = (int)diagnosis::VisibleQuestions(*w.t, with_staff).size();
  CHECK(ui.HasStatus("1 réponse sur " + std::to_string(visible)));
  ui.Tap(Role::Button, "Suivant");
  CHECK(ui.HasStatus("Question 2 sur " + std::to_string(visible)));
  ui.Tap(Role::Button, "Suivant");
  ui.Tap(Role::Button, "Suivant");
  ui.Tap(Role::Button, "Suivant");  // the innovation section's first question
  ui.Tap(Role::Radio, w.Label("innovation_recente") + kDash + "Non");
  CHECK(LoadDiagnosis(w.st, rid)->response.answers.at("innovation_recente").choices ==
        std::vector<std::string>{diagnosis::FindQuestion(*w.t, "innovation_recente")->options.front().id});
  ui.Tap(Role::Button, "Mettre en pause");
  REQUIRE(w.app.screen == Screen::CompanyFile);
  // Resume from what the device holds: after the last answered question.
  ui.Tap(Role::Button, "Lancer un diagnostic");
  ui.Tap(Role::Button, "Reprendre le diagnostic");
  REQUIRE(w.app.screen == Screen::DiagnosisRun);
  CHECK(w.app.route.sub == rid);
  CHECK(ui.HasStatus("Question 6 sur " + std::to_string(visible)));
  CHECK(ui.HasStatus("2 réponses sur " + std::to_string(visible)));
  CHECK(ui.Find(Role::TextBox, w.Label("effectif")) == nullptr);
  ui.Tap(Role::Button, "Précédent");
  CHECK(ui.Find(Role::Radio, w.Label("innovation_recente") + kDash + "Non")->checked);
  for (int i = 0; i < 4; i++) ui.Tap(Role::Button, "Précédent");
  CHECK(ui.Find(Role::TextBox, w.Label("effectif"))->value == "12");
}

TEST_CASE("tablet: a section per screen; conditional questions follow the answers", "[diagnosis]") {
  DiagWorld w;
  DiagUi ui(w.app, 1024, 768);
  DiagnosisRun run = StartDiagnosis(w.st, w.Session(), w.company.id, *w.t);
  Navigate(w.app, Screen::DiagnosisRun, Route{w.company.id, run.row.id});
  ui.Frames();
  CHECK(ui.HasStatus("Partie 1 sur 6"));
  // The whole first section is on screen.
  CHECK(ui.Find(Role::TextBox, w.Label("effectif")));
  // A field's help sits under its own question, between the first field and the second.
  {
    const auto* first = ui.Find(Role::TextBox, w.Label("effectif"));
    const auto* help = ui.Find(Role::Text, "Un ordre de grandeur suffit.");
    const auto* second = ui.Find(Role::TextBox, w.Label("chiffre_affaires") + " (facultatif)");
    REQUIRE(first);
    REQUIRE(help);
    REQUIRE(second);
    CHECK(help->y > first->y + first->h);
    INFO("first " << first->y << "+" << first->h << " help " << help->y << "+" << help->h << " second " << second->y << " line " << ImGui::GetTextLineHeight());
    // Right above the field: its label is above the help, not between them.
    CHECK(help->y + help->h <= second->y);
    CHECK(second->y - (help->y + help->h) < ImGui::GetTextLineHeight());
  }
  CHECK(ui.Find(Role::Checkbox, w.Label("projets") + kDash + "Recruter"));
  for (int i = 0; i < 3; i++) ui.Tap(Role::Button, "Suivant");
  CHECK(ui.HasStatus("Partie 4 sur 6"));
  std::string zones = w.Label("export_zones") + kDash + "Union européenne";
  std::string project = w.Label("export_projet") + kDash + "Non";
  CHECK_FALSE(ui.Find(Role::Checkbox, zones));
  CHECK_FALSE(ui.Find(Role::Radio, project));
  ui.Tap(Role::Radio, w.Label("export_actuel") + kDash + "Oui");
  CHECK(ui.Find(Role::Checkbox, zones));
  CHECK_FALSE(ui.Find(Role::Radio, project));
  ui.Tap(Role::Checkbox, zones);
  CHECK(ui.Find(Role::Checkbox, zones)->checked);
  ui.Tap(Role::Radio, w.Label("export_actuel") + kDash + "Non");
  CHECK_FALSE(ui.Find(Role::Checkbox, zones));
  CHECK(ui.Find(Role::Radio, project));
  // A scale answer by its value.
  ui.Tap(Role::Radio, w.Label("export_langues") + kDash + "4 sur 5");
  CHECK(ui.Find(Role::Radio, w.Label("export_langues") + kDash + "4 sur 5")->checked);
  CHECK(*LoadDiagnosis(w.st, run.row.id)->response.answers.at("export_langues").number == 4);
}

TEST_CASE("an incomplete run is not finished: the missing answer is named and shown", "[diagnosis]") {
  DiagWorld w;
  DiagUi ui(w.app, 1024, 768);
  DiagnosisRun run = StartDiagnosis(w.st, w.Session(), w.company.id, *w.t);
  Navigate(w.app, Screen::DiagnosisRun, Route{w.company.id, run.row.id});
  ui.Frames();
  for (int i = 0; i < 5; i++) ui.Tap(Role::Button, "Suivant");
  ui.Tap(Role::Button, "Terminer le diagnostic");
  CHECK(w.app.screen == Screen::DiagnosisRun);
  CHECK(ui.HasStatus("Réponse obligatoire manquante\u00A0: " + w.Label("effectif")));
  CHECK(ui.HasStatus("Partie 1 sur 6"));
  CHECK(w.st.db.QueryText("SELECT status FROM questionnaire_responses WHERE id = ?", run.row.id) == std::string("draft"));
}

TEST_CASE("result: exact scores as text, recommendations, a referral saved on the device", "[diagnosis]") {
  DiagWorld w;
  DiagUi ui(w.app, 390, 844);
  DiagnosisRun run = StartDiagnosis(w.st, w.Session(), w.company.id, *w.t);
  w.FillAll(run, false);
  SaveDiagnosisAnswers(w.st, run);
  Navigate(w.app, Screen::DiagnosisRun, Route{w.company.id, run.row.id});
  ui.Frames();
  // It opens after the last answered question; on to the end.
  for (int i = 0; i < 60 && ui.Find(Role::Button, "Suivant"); i++) ui.Tap(Role::Button, "Suivant");
  ui.Tap(Role::Button, "Terminer le diagnostic");
  REQUIRE(w.app.screen == Screen::DiagnosisResult);
  CHECK(w.app.route.sub == run.row.id);
  std::optional<DiagnosisRun> done = LoadDiagnosis(w.st, run.row.id);
  CHECK(done->row.status == "completed");
  CHECK(done->row.completed_at);
  CHECK(done->row.scores == diagnosis::ScoresSummaryJson(diagnosis::ScoreAnswers(*w.t, done->response.answers)));
  diagnosis::Scores sc = diagnosis::ScoreAnswers(*w.t, done->response.answers);
  CHECK(ui.HasStatus("Score global\u00A0: " + ScoreText(sc.overall)));
  for (const diagnosis::ThemeScore& ts : sc.themes) {
    INFO(ts.label);
    CHECK(ui.HasStatus(ts.label + "\u00A0: " + ScoreText(ts.score) + ", " + ts.band_label));
  }
  // The expert is recommended (not the advisor herself), with a referral button.
  std::string refer = "Proposer une orientation\u00A0: Marc Petit";
  REQUIRE(ui.Reveal(Role::Button, refer));
  CHECK_FALSE(ui.Reveal(Role::Button, "Proposer une orientation\u00A0: Claire Martin"));
  ui.Tap(Role::Button, refer);
  std::vector<Referral> refs = ListReferralsForCompany(w.st, w.company.id);
  REQUIRE(refs.size() == 1);
  CHECK(refs[0].from_member_id == w.me.id);
  CHECK(refs[0].to_member_id == w.expert.id);
  CHECK(refs[0].status == "sent");
  CHECK(refs[0].message.find("Diagnostic innovation croissance") != std::string::npos);
  CHECK(*w.st.db.QueryInt("SELECT count(*) FROM outbox WHERE tbl = 'referrals'") == 1);
  CHECK(ui.HasStatus("Orientation enregistrée sur cet appareil"));
  // The company file lists the diagnosis and opens its result.
  Navigate(w.app, Screen::CompanyFile, Route{w.company.id, ""});
  ui.Frames();
  ui.Tap(Role::Button, "Voir le résultat");
  CHECK(w.app.screen == Screen::DiagnosisResult);
}

TEST_CASE("result compares with the previous diagnosis of the same template", "[diagnosis]") {
  DiagWorld w;
  DiagUi ui(w.app, 1280, 800);
  DiagnosisRun before = w.Completed(false, 200);
  DiagnosisRun after = w.Completed(true, 0);
  Navigate(w.app, Screen::DiagnosisResult, Route{w.company.id, after.row.id});
  ui.Frames();
  diagnosis::Scores b = diagnosis::ScoreAnswers(*w.t, before.response.answers);
  diagnosis::Scores a = diagnosis::ScoreAnswers(*w.t, after.response.answers);
  REQUIRE(a.themes[0].score > b.themes[0].score);
  long delta = std::lround(a.themes[0].score - b.themes[0].score);
  std::string innovation = "Innovation\u00A0: avant " + ScoreText(b.themes[0].score) + ", après " +
                           ScoreText(a.themes[0].score) + " (+" + std::to_string(delta) + ")";
  CHECK(ui.HasStatus(innovation));
  CHECK(ui.Reveal(Role::Status, "Global\u00A0: avant " + ScoreText(b.overall) + ", après " + ScoreText(a.overall) +
                                  " (+" + std::to_string(std::lround(a.overall - b.overall)) + ")"));
  // The earlier one has nothing before it.
  Navigate(w.app, Screen::DiagnosisResult, Route{w.company.id, before.row.id});
  ui.Frames();
  CHECK(ui.HasStatus("Innovation\u00A0: " + ScoreText(b.themes[0].score) + ", " + b.themes[0].band_label));
  CHECK_FALSE(ui.HasStatus(innovation));
}

TEST_CASE("the result screen draws from its cache: a few ms a frame", "[diagnosis][perf]") {
  DiagWorld w;
  // A busy network: many members and services to rank.
  for (int i = 0; i < 300; i++) {
    Member m;
    m.first_name = "Membre";
    m.last_name = std::to_string(i);
    m.organisation_id = w.cci.id;
    m.expertise = {i % 2 ? "export" : "innovation", "numerique"};
    Insert(w.st, m);
  }
  w.Completed(true, 100);  // something to compare with
  DiagnosisRun run = w.Completed(false, 0);
  DiagUi ui(w.app, 1280, 800);
  Navigate(w.app, Screen::DiagnosisResult, Route{w.company.id, run.row.id});
  ui.Frames(3);
  auto t0 = std::chrono::steady_clock::now();
  const int n = 100;
  ui.Frames(n);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / n;
  INFO("result frame: " << ms << " ms");
  WARN("diagnosis result frame (native, headless): " << ms << " ms");
  CHECK(ms < 4.0);
}
