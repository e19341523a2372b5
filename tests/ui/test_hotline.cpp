// The legal hotline, headless: driven like the browser tests, by role and
// name through the mirror. One device store, signed in in turn as the asker
// (Claire), office staff (Sophie), the legal expert (Nora) and another
// advisor (Marc): what each one sees and may do.
#include <catch2/catch.hpp>

#include "advisor_world.h"
#include "core/model/hotline.h"
#include "ui/hotline/hotline_data.h"

using namespace advisor_test;

namespace {

const std::string kSubject = "Rupture conventionnelle d’un salarié protégé";
const std::string kQuestion =
    "Une entreprise de 12 salariés veut conclure une rupture conventionnelle avec un délégué du personnel : "
    "quelle procédure suivre ?";
const std::string kAnswer =
    "Il faut l’autorisation de l’inspecteur du travail, et non une simple homologation : comptez deux mois.";
const char* kSaved = "Question enregistrée sur cet appareil ; elle part à la prochaine synchronisation.";
const char* kChangeSaved = "Modification enregistrée sur cet appareil ; elle part à la prochaine synchronisation.";
const char* kDate = "27/11/2026";  // World's clock

struct HotlineWorld : World {
  Member nora, sophie;
  HotlineWorld() {
    nora.first_name = "Nora";
    nora.last_name = "Lefèvre";
    nora.organisation_id = cci.id;
    nora.role = "legal_expert";
    Insert(st, nora);
    sophie.first_name = "Sophie";
    sophie.last_name = "Durand";
    sophie.organisation_id = cci.id;
    sophie.role = "network_staff";
    Insert(st, sophie);
    Platform().durable_commit = 0;
  }
  // Another account on this device, as sign-in leaves it; the app reads the
  // session again (sync_client.cpp).
  void SignInAs(const Member* m, const char* role, const char* user_id, const char* name) {
    LocalProfile p;
    p.user_id = user_id;
    if (m) p.member_id = m->id;
    p.display_name = name;
    p.role = role;
    SaveLocalProfile(st, p);
    app.sync.reset();
  }
  int64_t Count(const std::string& sql) { return st.db.QueryInt(sql).value_or(-1); }
};

// The first mirrored item of this role whose name starts with `prefix`.
const mirror::Item* FindPrefix(Role role, const std::string& prefix) {
  for (const mirror::Item& it : mirror::Items())
    if (it.role == role && it.name.compare(0, prefix.size(), prefix) == 0) return &it;
  return nullptr;
}

void TapPrefix(Ui& ui, Role role, const std::string& prefix) {
  const mirror::Item* it = FindPrefix(role, prefix);
  INFO(prefix);
  REQUIRE(it != nullptr);
  ui.h.Click(*it, ui.body);
}

}  // namespace

TEST_CASE("hotline routes", "[hotline]") {
  Screen s;
  Route r;
  const std::string q(32, 'e');
  REQUIRE(ScreenFromPath("/hotline", &s, &r));
  CHECK(s == Screen::Hotline);
  REQUIRE(ScreenFromPath("/hotline/new", &s, &r));
  CHECK(s == Screen::HotlineAsk);
  REQUIRE(ScreenFromPath(("/hotline/" + q).c_str(), &s, &r));
  CHECK(s == Screen::HotlineQuestion);
  CHECK(r.id == q);
  CHECK(ScreenPath(Screen::HotlineQuestion, r) == "/hotline/" + q);
  CHECK_FALSE(ScreenFromPath("/hotline/nope", &s, &r));
}

TEST_CASE("hotline: ask, assign, answer, publish, find in the knowledge base", "[hotline]") {
  HotlineWorld w;
  Ui ui(w.app, 390, 1400);  // a phone, tall enough that the forms stay in the mirror

  // --- Claire asks, with bad input first ---------------------------------
  Navigate(w.app, Screen::Hotline);
  ui.Frames();
  CHECK(ui.Find(Role::TextBox, "Rechercher dans la base de connaissances"));
  CHECK_FALSE(ui.Find(Role::Radio, "À traiter"));  // no queue for an advisor
  ui.Tap(Role::Button, "Poser une question");
  REQUIRE(w.app.screen == Screen::HotlineAsk);
  ui.Tap(Role::Button, "Envoyer la question");
  CHECK(ui.HasStatus("Indiquez l’objet de votre question."));
  CHECK(ui.HasStatus("Écrivez votre question."));
  CHECK(ui.HasStatus("Corrigez les champs signalés : rien n’a été enregistré."));
  std::string long_subject(130, 'a');
  ui.Type("Objet", long_subject);
  CHECK(ui.HasStatus("L’objet est trop long\u00a0: 130 caractères pour 120 au plus."));
  ui.Type("Votre question", kQuestion);
  ui.Tap(Role::Button, "Envoyer la question");
  CHECK(w.Count("SELECT count(*) FROM legal_questions") == 0);
  CHECK(w.Count("SELECT count(*) FROM outbox WHERE tbl = 'legal_questions'") == 0);
  // 120 characters with accents (more bytes) are fine.
  std::string accents;
  for (int i = 0; i < 120; i++) accents += "é";
  ui.Type("Objet", accents);
  CHECK_FALSE(FindPrefix(Role::Status, "L’objet est trop long"));
  CHECK_FALSE(ui.HasStatus("Corrigez les champs signalés : rien n’a été enregistré."));  // all fields fine now
  ui.Type("Objet", "  " + kSubject + "  ");
  ui.Type("Rechercher l’entreprise", "boul");
  ui.Tap(Role::Button, "Boulangerie Lefèvre");
  CHECK(ui.Find(Role::Button, "Retirer l’entreprise"));
  ui.Tap(Role::Button, "Envoyer la question");

  REQUIRE(w.app.screen == Screen::HotlineQuestion);
  std::vector<LegalQuestion> mine = ListQuestionsAskedBy(w.st, w.me.id);
  REQUIRE(mine.size() == 1);
  const LegalQuestion q = mine[0];
  CHECK(w.app.route.id == q.id);
  CHECK(q.subject == kSubject);  // trimmed
  CHECK(q.body == kQuestion);
  CHECK(q.status == "open");
  CHECK(q.company_id == w.bakery.id);
  CHECK(w.Count("SELECT count(*) FROM outbox WHERE tbl = 'legal_questions' AND row_id = '" + q.id +
                "' AND state = 'pending'") == 1);
  CHECK(Platform().history.back() == "push /hotline/" + q.id);
  // Not yet on the disk, then saved on the device.
  CHECK(ui.HasStatus("Enregistrement…"));
  Platform().durable_commit = Platform().last_commit;
  ui.Frames();
  CHECK(ui.HasStatus(kSaved));
  // Refused by the server: its reason on the question itself, then back as it was.
  w.st.db.Exec("UPDATE outbox SET state = 'rejected', error = 'Question trop longue.' WHERE tbl = 'legal_questions'");
  ui.Frames();
  CHECK(ui.HasStatus("Refusé par le serveur\xC2\xA0: Question trop longue."));
  CHECK_FALSE(ui.HasStatus(kSaved));
  w.st.db.Exec("UPDATE outbox SET state = 'pending', error = NULL WHERE tbl = 'legal_questions'");
  ui.Frames();
  CHECK(ui.HasStatus(kSaved));
  CHECK(ui.HasStatus("Ouverte"));
  CHECK(ui.Find(Role::Text, kQuestion));
  CHECK(ui.Find(Role::Button, "Ouvrir la fiche entreprise"));
  CHECK_FALSE(ui.Find(Role::Button, "Envoyer la réponse"));  // the asker does not answer
  CHECK_FALSE(FindPrefix(Role::Button, "Attribuer à"));
  // Her list: subject, status, date, company.
  ui.Tap(Role::Button, "Retour");
  REQUIRE(w.app.screen == Screen::Hotline);
  CHECK(ui.Find(Role::Link, kSubject + " · Ouverte · " + kDate + " · Boulangerie Lefèvre"));
  // The sync took it: nothing pending any more.
  w.st.db.Exec("UPDATE outbox SET state = 'acked'");

  // --- Sophie (office staff) assigns it to Nora ----------------------------
  w.SignInAs(&w.sophie, "office_staff", "0190aaaa000070008000000000000002", "Sophie Durand");
  Navigate(w.app, Screen::Hotline);
  ui.Frames(3);
  REQUIRE(ui.Find(Role::Radio, "À traiter"));
  CHECK(ui.Find(Role::Radio, "À traiter")->checked);
  const std::string queued = kSubject + " · Ouverte · Claire Martin · " + kDate + " · Boulangerie Lefèvre";
  ui.Tap(Role::Link, queued);
  REQUIRE(w.app.screen == Screen::HotlineQuestion);
  CHECK(ui.Find(Role::Text, kQuestion));
  CHECK_FALSE(ui.Find(Role::Button, "Attribuer à Claire Martin"));  // only legal experts
  ui.Tap(Role::Button, "Attribuer à Nora Lefèvre");
  LegalQuestion got = *Get<LegalQuestion>(w.st, q.id);
  CHECK(got.status == "assigned");
  CHECK(got.assignee_member_id == w.nora.id);
  Platform().durable_commit = Platform().last_commit;
  ui.Frames();
  CHECK(ui.HasStatus("Attribuée"));
  CHECK(ui.HasStatus("Attribuée à Nora Lefèvre"));
  CHECK(ui.HasStatus(kChangeSaved));
  CHECK_FALSE(ui.Find(Role::Button, "Attribuer à Nora Lefèvre"));  // already hers
  // The queue's filter: "Attribuées" lists it, "Répondues" does not.
  Navigate(w.app, Screen::Hotline);
  ui.Frames();
  ui.Tap(Role::Radio, "Attribuées");
  CHECK(ui.Find(Role::Radio, "Attribuées")->checked);
  CHECK(FindPrefix(Role::Link, kSubject + " · Attribuée · Claire Martin"));
  ui.Tap(Role::Radio, "Répondues");
  CHECK_FALSE(FindPrefix(Role::Link, kSubject));
  ui.Tap(Role::Radio, "À traiter");  // open ones, then assigned to Sophie: not this one
  CHECK_FALSE(FindPrefix(Role::Link, kSubject));
  w.st.db.Exec("UPDATE outbox SET state = 'acked'");

  // --- Nora (legal expert) answers and publishes -------------------------
  w.SignInAs(&w.nora, "advisor", "0190aaaa000070008000000000000003", "Nora Lefèvre");
  Navigate(w.app, Screen::Hotline);
  ui.Frames(3);
  TapPrefix(ui, Role::Link, kSubject + " · Attribuée · Claire Martin");  // her queue: assigned to her
  REQUIRE(w.app.screen == Screen::HotlineQuestion);
  CHECK_FALSE(FindPrefix(Role::Button, "Attribuer à"));  // assigning is the staff's
  ui.Tap(Role::Button, "Envoyer la réponse");
  CHECK(ui.HasStatus("Écrivez la réponse\u00a0: rien n’a été enregistré."));
  CHECK(ListAnswers(w.st, q.id).empty());
  ui.Type("Votre réponse", kAnswer);
  int64_t outbox = w.Count("SELECT count(*) FROM outbox");
  ui.Tap(Role::Button, "Envoyer la réponse");
  std::vector<LegalAnswer> answers = ListAnswers(w.st, q.id);
  REQUIRE(answers.size() == 1);
  CHECK(answers[0].body == kAnswer);
  CHECK(answers[0].author_member_id == w.nora.id);
  CHECK_FALSE(answers[0].published);
  CHECK(Get<LegalQuestion>(w.st, q.id)->status == "answered");
  CHECK(w.Count("SELECT count(*) FROM outbox") == outbox + 2);  // the answer and the status, one transaction
  ui.Frames();
  CHECK(ui.HasStatus("Répondue"));
  CHECK(ui.Find(Role::Text, kAnswer));
  CHECK(ui.HasStatus(std::string("Réponse de Nora Lefèvre · ") + kDate));
  CHECK(ui.HasStatus("Non publiée\u00a0: visible par le demandeur et l’équipe juridique"));
  CHECK(ui.Find(Role::TextBox, "Votre réponse")->value.empty());
  ui.Tap(Role::Button, "Publier dans la base de connaissances");
  CHECK(Get<LegalAnswer>(w.st, answers[0].id)->published);
  ui.Frames();
  CHECK(ui.HasStatus("Publiée dans la base de connaissances"));
  CHECK(ui.Find(Role::Button, "Retirer de la base de connaissances"));
  w.st.db.Exec("UPDATE outbox SET state = 'acked'");

  // --- Claire sees the answer; the knowledge base finds it ----------------
  w.SignInAs(&w.me, "advisor", "0190aaaa000070008000000000000001", "Claire Martin");
  Navigate(w.app, Screen::Hotline);
  ui.Frames(3);
  ui.Tap(Role::Link, kSubject + " · Répondue · " + kDate + " · Boulangerie Lefèvre");
  CHECK(ui.Find(Role::Text, kAnswer));
  CHECK(ui.HasStatus("Répondue"));
  ui.Tap(Role::Button, "Clore la question");
  CHECK(Get<LegalQuestion>(w.st, q.id)->status == "closed");

  Navigate(w.app, Screen::Hotline);
  ui.Frames();
  ui.Type("Rechercher dans la base de connaissances", "SALARIE PROTEGE inspecteur");  // no accents, capitals
  // The snippet keeps its marks for the row to draw the match in bold; the
  // row's accessible name is the plain text.
  std::vector<KnowledgeHit> found = SearchKnowledgeBase(w.st, "SALARIE PROTEGE inspecteur");
  REQUIRE(found.size() == 1);
  CHECK(found[0].snippet == "Il faut l’autorisation de l’\x02inspecteur\x03 du travail, et non une simple "
                            "homologation : comptez deux mois.");
  CHECK(FindPrefix(Role::Link, kSubject + " · Il faut l’autorisation de l’inspecteur du travail"));
  TapPrefix(ui, Role::Link, kSubject + " · ");
  REQUIRE(w.app.screen == Screen::HotlineQuestion);
  CHECK(w.app.route.id == q.id);
  Navigate(w.app, Screen::Hotline);
  ui.Frames();
  ui.Type("Rechercher dans la base de connaissances", "homologa");  // a prefix, as typed
  CHECK(FindPrefix(Role::Link, kSubject + " · "));
  ui.Type("Rechercher dans la base de connaissances", "licenciement économique");
  CHECK(ui.HasStatus("Aucune réponse publiée ne correspond à cette recherche."));
  CHECK_FALSE(FindPrefix(Role::Link, kSubject));
  ui.Type("Rechercher dans la base de connaissances", "");
}

TEST_CASE("hotline: another member reads published answers only, not who asked", "[hotline]") {
  HotlineWorld w;
  LegalQuestion q;
  q.asker_member_id = w.me.id;
  q.company_id = w.bakery.id;
  q.subject = "Bail commercial";
  q.body = "Durée minimale d’un bail commercial ?";
  Insert(w.st, q);
  LegalAnswer draft;
  draft.author_member_id = w.nora.id;
  draft.body = "Brouillon interne";
  AnswerQuestion(w.st, q, draft);

  // Office staff: an answered question is no longer assigned.
  w.SignInAs(&w.sophie, "office_staff", "0190aaaa000070008000000000000002", "Sophie Durand");
  {
    Ui staff(w.app, 1280, 1400);
    Navigate(w.app, Screen::HotlineQuestion, Route{q.id, ""});
    staff.Frames(3);
    CHECK(staff.Find(Role::Text, draft.body));  // the team sees unpublished answers
    CHECK(staff.Find(Role::Button, "Publier dans la base de connaissances"));
    CHECK_FALSE(FindPrefix(Role::Button, "Attribuer à"));
  }
  w.SignInAs(&w.colleague, "advisor", "0190aaaa000070008000000000000004", "Marc Durand");
  Ui ui(w.app, 1280, 1400);
  Navigate(w.app, Screen::HotlineQuestion, Route{q.id, ""});
  ui.Frames();
  // No published answer: not in the knowledge base, so not for Marc.
  CHECK(ui.Find(Role::Text, "Cette question n’est pas sur cet appareil, ou elle n’est pas dans la base de connaissances."));
  CHECK_FALSE(ui.Find(Role::Text, "Bail commercial"));
  CHECK_FALSE(ui.Find(Role::Text, q.body));

  LegalAnswer published;
  published.author_member_id = w.nora.id;
  published.body = "Neuf ans, avec une faculté de résiliation tous les trois ans.";
  AnswerQuestion(w.st, q, published);
  SetAnswerPublished(w.st, published, true);
  ui.Frames();
  CHECK(ui.Find(Role::Text, q.body));
  CHECK(ui.Find(Role::Text, published.body));
  CHECK_FALSE(ui.Find(Role::Text, draft.body));
  CHECK_FALSE(FindPrefix(Role::Status, "Publiée"));
  CHECK_FALSE(ui.Find(Role::Button, "Ouvrir la fiche entreprise"));
  CHECK_FALSE(ui.Find(Role::Button, "Publier dans la base de connaissances"));
  CHECK_FALSE(ui.Find(Role::Button, "Clore la question"));
  CHECK_FALSE(ui.Find(Role::TextBox, "Votre réponse"));
  // His own list is empty; the knowledge base counts the question.
  Navigate(w.app, Screen::Hotline);
  ui.Frames();
  CHECK_FALSE(FindPrefix(Role::Link, "Bail commercial"));
  ui.Type("Rechercher dans la base de connaissances", "resiliation");
  CHECK(FindPrefix(Role::Link, "Bail commercial · "));
  ui.Type("Rechercher dans la base de connaissances", "");

  // A legal expert takes an open question herself.
  LegalQuestion open;
  open.asker_member_id = w.me.id;
  open.subject = "Statut d’auto-entrepreneur";
  open.body = "Plafond de chiffre d’affaires ?";
  Insert(w.st, open);
  w.SignInAs(&w.nora, "advisor", "0190aaaa000070008000000000000003", "Nora Lefèvre");
  Navigate(w.app, Screen::HotlineQuestion, Route{open.id, ""});
  ui.Frames(3);
  CHECK(ui.Find(Role::Text, "Posée par Claire Martin le 27/11/2026"));
  ui.Tap(Role::Button, "Prendre cette question");
  CHECK(Get<LegalQuestion>(w.st, open.id)->assignee_member_id == w.nora.id);
  CHECK(Get<LegalQuestion>(w.st, open.id)->status == "assigned");
  CHECK_FALSE(ui.Find(Role::Button, "Prendre cette question"));
}

TEST_CASE("hotline: asking from a company file starts with the company chosen", "[hotline]") {
  HotlineWorld w;
  Ui ui(w.app, 1024, 1400);
  // From the company file's button.
  Navigate(w.app, Screen::CompanyFile, Route{w.garage.id, ""});
  ui.Frames();
  ui.Tap(Role::Button, "Question juridique");
  REQUIRE(w.app.screen == Screen::HotlineAsk);
  CHECK(ui.Find(Role::Text, "Garage des Halles"));
  ui.Tap(Role::Button, "Retirer l’entreprise");
  CHECK(ui.Find(Role::TextBox, "Rechercher l’entreprise"));
  ui.Type("Objet", "Statuts d’une SCI");
  ui.Type("Votre question", "Quelles clauses prévoir ?");
  ui.Tap(Role::Button, "Envoyer la question");
  std::vector<LegalQuestion> asked = ListQuestionsAskedBy(w.st, w.me.id);
  REQUIRE(asked.size() == 1);
  CHECK_FALSE(asked[0].company_id.has_value());
}

TEST_CASE("hotline data: the ask rules count characters, not bytes", "[hotline]") {
  CHECK(CharCount("é") == 1);
  CHECK(CharCount("œuvre") == 5);
  AskCheck c = CheckAsk("   ", "x");
  CHECK(c.subject_missing);
  CHECK_FALSE(c.ok());
  c = CheckAsk(std::string(120, 'a'), std::string(5000, 'b'));
  CHECK(c.ok());
  c = CheckAsk(std::string(121, 'a'), std::string(5001, 'b'));
  CHECK(c.subject_too_long);
  CHECK(c.body_too_long);
  CHECK(c.subject_chars == 121);
  HotlineWorld w;
  SessionInfo none;  // no member row: cannot ask
  CHECK_THROWS_AS(AskQuestion(w.st, none, "Objet", "Texte", ""), ValidationError);
  CHECK(w.Count("SELECT count(*) FROM legal_questions") == 0);
}
