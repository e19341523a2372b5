// The company and case-note screens, headless, over a native in-memory store:
// driven like the browser tests, by role and name through the mirror.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <memory>

#include "core/demo/demo.h"
#include "core/model/directory.h"
#include "core/model/profile.h"
#include "core/model/store.h"
#include "core/search/search.h"
#include "advisor_world.h"
#include "headless.h"
#include "ui/companies/advisor_data.h"
#include "ui/app.h"
#include "ui/i18n.h"

using namespace relais;
using relais::mirror::Role;

using namespace advisor_test;

TEST_CASE("company routes carry their id and survive the back button", "[companies]") {
  Screen s;
  Route r;
  std::string id(32, 'a');
  REQUIRE(ScreenFromPath(("/companies/" + id).c_str(), &s, &r));
  CHECK(s == Screen::CompanyFile);
  CHECK(r.id == id);
  REQUIRE(ScreenFromPath(("/companies/" + id + "/note/new").c_str(), &s, &r));
  CHECK(s == Screen::NoteEdit);
  CHECK(r.sub.empty());
  REQUIRE(ScreenFromPath(("/companies/" + id + "/note/" + std::string(32, 'b')).c_str(), &s, &r));
  CHECK(r.sub == std::string(32, 'b'));
  CHECK(ScreenPath(Screen::NoteEdit, r) == "/companies/" + id + "/note/" + std::string(32, 'b'));
  REQUIRE(ScreenFromPath("/companies/new", &s, &r));
  CHECK(s == Screen::CompanyNew);
  CHECK_FALSE(ScreenFromPath("/companies/../settings", &s, &r));
  CHECK_FALSE(ScreenFromPath(("/companies/" + id + "/nope").c_str(), &s, &r));
  REQUIRE(ScreenFromPath("/followups", &s, &r));
  CHECK(s == Screen::FollowUps);
}

TEST_CASE("search narrows the company list as the user types", "[companies]") {
  World w;
  Ui ui(w.app);
  CHECK(ui.Find(Role::Link, "Boulangerie Lefèvre"));
  CHECK(ui.Find(Role::Link, "Menuiserie Dupont"));
  ui.Type("Rechercher une entreprise", "boul");
  CHECK(ui.Find(Role::Link, "Boulangerie Lefèvre"));
  CHECK_FALSE(ui.Find(Role::Link, "Menuiserie Dupont"));
  CHECK_FALSE(ui.Find(Role::Link, "Garage des Halles"));
  ui.Type("Rechercher une entreprise", "tours");
  CHECK(ui.Find(Role::Link, "Menuiserie Dupont"));
  CHECK_FALSE(ui.Find(Role::Link, "Boulangerie Lefèvre"));
  ui.Type("Rechercher une entreprise", "552103");
  CHECK(ui.Find(Role::Link, "Menuiserie Dupont"));
  CHECK_FALSE(ui.Find(Role::Link, "Garage des Halles"));
  // Tapping a row opens the file, with its address.
  ui.Tap(Role::Link, "Menuiserie Dupont");
  CHECK(w.app.screen == Screen::CompanyFile);
  CHECK(w.app.route.id == w.joinery.id);
  CHECK(Platform().history.back() == "push /companies/" + w.joinery.id);
  OnHistoryPop(w.app, "/companies");  // back: the list keeps what was typed
  ui.Frames();
  CHECK(ui.Find(Role::TextBox, "Rechercher une entreprise")->value == "552103");
  ui.Type("Rechercher une entreprise", "");  // leave the list as other tests expect it
}

TEST_CASE("company query: filters and sorting", "[companies]") {
  World w;
  w.Note(w.garage, w.me, "2026-11-01", "Visite atelier");
  w.Note(w.joinery, w.colleague, "2024-01-10", "Ancien contact");
  CompanyQuery q;
  std::vector<std::string> all = QueryCompanyIds(w.st, q, w.me.id);
  REQUIRE(all.size() == 3);
  CHECK(all[0] == w.bakery.id);  // by name: boulangerie, garage, menuiserie
  q.office_id = w.office.id;      // department 45
  CHECK(QueryCompanyIds(w.st, q, w.me.id) == std::vector<std::string>{w.bakery.id, w.garage.id});
  q = CompanyQuery();
  q.naf_section = 'C';  // manufacturing: 10.71C, 16.23Z
  CHECK(QueryCompanyIds(w.st, q, w.me.id).size() == 2);
  q = CompanyQuery();
  q.mine = true;
  CHECK(QueryCompanyIds(w.st, q, w.me.id) == std::vector<std::string>{w.garage.id});
  q = CompanyQuery();
  q.last_contact = LastContact::Within3Months;
  CHECK(QueryCompanyIds(w.st, q, w.me.id) == std::vector<std::string>{w.garage.id});
  q.last_contact = LastContact::Older;  // over a year, or never
  CHECK(QueryCompanyIds(w.st, q, w.me.id).size() == 2);
  q = CompanyQuery();
  q.sort = CompanySort::LastContact;
  std::vector<std::string> by_contact = QueryCompanyIds(w.st, q, w.me.id);
  CHECK(by_contact[0] == w.garage.id);
  CHECK(by_contact[1] == w.joinery.id);
  CHECK(by_contact[2] == w.bakery.id);  // never contacted: last
}

// The filters are pickers the mirror reaches (ImGui's combo was invisible to
// it, so neither a screen reader nor the browser tests could use them).
TEST_CASE("company list filters are chosen by role and name", "[companies]") {
  World w;
  w.Note(w.garage, w.me, "2026-11-01", "Visite atelier");
  Ui ui(w.app);
  const std::string colon = "\xC2\xA0: ";
  ui.Tap(Role::Button, T(Msg::Filters));
  ui.Tap(Role::Button, std::string(T(Msg::FilterOffice)) + colon + T(Msg::AnyOffice));
  ui.Tap(Role::Radio, "Antenne du Loiret");
  CHECK(ui.Find(Role::Button, std::string(T(Msg::FilterOffice)) + colon + "Antenne du Loiret"));
  CHECK(ui.Find(Role::Link, "Boulangerie Lefèvre"));
  CHECK_FALSE(ui.Find(Role::Link, "Menuiserie Dupont"));  // Tours: another office
  ui.Tap(Role::Button, std::string(T(Msg::FilterLastContact)) + colon + T(Msg::AnyTime));
  ui.Tap(Role::Radio, T(Msg::Within3Months));
  CHECK(ui.Find(Role::Link, "Garage des Halles"));
  CHECK_FALSE(ui.Find(Role::Link, "Boulangerie Lefèvre"));  // never visited
  // Back to every company, as other tests expect the list.
  ui.Tap(Role::Button, std::string(T(Msg::FilterLastContact)) + colon + T(Msg::Within3Months));
  ui.Tap(Role::Radio, T(Msg::AnyTime));
  ui.Tap(Role::Button, std::string(T(Msg::FilterOffice)) + colon + "Antenne du Loiret");
  ui.Tap(Role::Radio, T(Msg::AnyOffice));
  CHECK(ui.Find(Role::Link, "Menuiserie Dupont"));
  ui.Tap(Role::Button, T(Msg::Filters));
}

TEST_CASE("search narrows a demo network's companies", "[companies][demo]") {
  Store st = OpenStore(":memory:");
  demo::DemoOptions o;
  o.scale = 0.05;
  demo::GenerateDemo(st, o);
  CompanyQuery q;
  size_t total = QueryCompanyIds(st, q, "").size();
  REQUIRE(total >= 90);
  std::optional<std::string> first_id = st.db.QueryText("SELECT id FROM companies WHERE deleted_hlc IS NULL LIMIT 1");
  REQUIRE(first_id);
  std::optional<Company> first = Get<Company>(st, *first_id);
  REQUIRE(first);
  q.text = first->name;
  std::vector<std::string> found = QueryCompanyIds(st, q, "");
  CHECK(found.size() < total);
  REQUIRE_FALSE(found.empty());
  CHECK(std::find(found.begin(), found.end(), first->id) != found.end());
}

// Hidden (run with "[company-search-bench]"): the list's query per keystroke
// on the 10x demo network (20,000 companies), short prefixes first, as the
// advisor bench types them in the browser.
TEST_CASE("company list search: time per keystroke at 10x", "[.][company-search-bench]") {
  Store st = OpenStore(":memory:");
  demo::DemoOptions o;
  o.scale = 10;
  o.write_outbox = false;
  demo::GenerateDemo(st, o);
  search::UpdateSearchIndex(st.db);
  std::vector<double> ms;
  for (int pass = 0; pass < 2; pass++)
    for (const char* word : {"boulangerie", "solutions", "orleans", "tours", "menuiserie", "garage"}) {
      std::string typed;
      for (const char* c = word; *c; c++) {
        typed += *c;
        CompanyQuery q;
        q.text = typed;
        auto t0 = std::chrono::steady_clock::now();
        size_t n = QueryCompanyIds(st, q, "").size();
        double t = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (pass == 1) ms.push_back(t);
        if (pass == 1 && typed.size() <= 2) {
          search::SearchOptions so;
          so.scope = search::SearchScope::Only(search::SearchKind::Company);
          so.limit = search::kMaxIdsLimit;
          so.details = false;
          auto t1 = std::chrono::steady_clock::now();
          size_t hits = search::Search(st.db, typed, so).size();
          double ts = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t1).count();
          WARN(typed << ": " << n << " companies, " << t << " ms (search alone: " << hits << " hits, " << ts << " ms)");
        }
      }
    }
  std::sort(ms.begin(), ms.end());
  WARN("keystrokes " << ms.size() << ": p50 " << ms[ms.size() / 2] << " ms, p95 " << ms[ms.size() * 95 / 100]
                     << " ms, max " << ms.back() << " ms");
}

TEST_CASE("SIRET is checked as typed; a bad one is refused and nothing is stored", "[companies]") {
  World w;
  Ui ui(w.app);
  ui.Tap(Role::Button, "Créer une entreprise");
  REQUIRE(w.app.screen == Screen::CompanyNew);
  ui.Type("Raison sociale", "Imprimerie Vasseur");
  ui.Type("SIRET", "8012345");
  CHECK(ui.HasStatus("7 chiffres saisis sur 14."));
  ui.Type("SIRET", "80123456800014");  // last digit wrong
  CHECK(ui.HasStatus("SIRET invalide : la clé de contrôle ne correspond pas. Vérifiez les chiffres."));
  int64_t before = *w.st.db.QueryInt("SELECT count(*) FROM companies");
  ui.Tap(Role::Button, "Créer la fiche");
  CHECK(*w.st.db.QueryInt("SELECT count(*) FROM companies") == before);
  CHECK(ui.HasStatus("Corrigez les champs signalés : rien n’a été enregistré."));
  CHECK(w.app.screen == Screen::CompanyNew);
  ui.Type("SIRET", "801 234 568 00013");  // spaces as people type them
  CHECK(ui.HasStatus("SIRET valide."));
  ui.Tap(Role::Button, "Créer la fiche");
  CHECK(*w.st.db.QueryInt("SELECT count(*) FROM companies") == before + 1);
  REQUIRE(w.app.screen == Screen::CompanyFile);
  std::optional<Company> c = Get<Company>(w.st, w.app.route.id);
  REQUIRE(c);
  CHECK(c->siret == std::string("80123456800013"));
  CHECK(c->siren == std::string("801234568"));
}

TEST_CASE("creating a company again warns of the duplicate and opens the existing one", "[companies]") {
  World w;
  Ui ui(w.app);
  ui.Tap(Role::Button, "Créer une entreprise");
  ui.Type("Raison sociale", "Boulangerie Lefevre SARL");
  ui.Type("Commune", "Orléans");
  CHECK(ui.HasStatus("Cette entreprise existe peut-être déjà :"));
  CHECK(ui.Find(Role::Button, "Créer quand même"));
  // Same SIREN, another establishment, in another town: still found.
  ui.Type("Raison sociale", "BL");
  ui.Type("Commune", "Blois");
  ui.Type("SIRET", "41829305600028");
  CHECK(ui.HasStatus("Cette entreprise existe peut-être déjà :"));
  ui.Tap(Role::Button, "Ouvrir la fiche existante");
  CHECK(w.app.screen == Screen::CompanyFile);
  CHECK(w.app.route.id == w.bakery.id);
}

TEST_CASE("a visit note with a follow-up is saved in at most 3 taps, then synced", "[companies][notes]") {
  World w;
  w.Note(w.bakery, w.colleague, "2026-10-02", "Premier rendez-vous");
  w.st.db.Exec("DELETE FROM outbox");  // the colleague's note came from the server
  Ui ui(w.app, 1024, 768);
  Navigate(w.app, Screen::CompanyFile, Route{w.bakery.id, ""});
  ui.Frames();
  CHECK(ui.HasStatus("Synchronisé"));
  CHECK_FALSE(ui.HasStatus("Enregistré sur cet appareil"));
  ui.Tap(Role::Button, "Nouvelle note");                       // 1
  REQUIRE(w.app.screen == Screen::NoteEdit);
  ui.Type("Compte rendu", "Projet d’export vers l’Allemagne, « four neuf ».");
  ui.Tap(Role::Button, "Ajouter une action de suivi");         // 2
  ui.Type("Action 1", "Envoyer la fiche Team France Export");
  ui.Type("Échéance 1", "15/12/2026");
  Platform().durable_commit = 0;
  ui.Tap(Role::Button, "Enregistrer la note");                 // 3
  REQUIRE(w.app.screen == Screen::CompanyFile);
  std::vector<Interaction> notes = ListInteractions(w.st, w.bakery.id);
  REQUIRE(notes.size() == 2);
  const Interaction& n = notes[0];
  CHECK(n.note == "Projet d’export vers l’Allemagne, « four neuf »."); 
  CHECK(n.author_member_id == w.me.id);
  CHECK(n.organisation_id == w.cci.id);
  CHECK(n.occurred_on == "2026-11-27");
  std::vector<FollowUpAction> acts = ListActions(w.st, n.id);
  REQUIRE(acts.size() == 1);
  CHECK(acts[0].due_on == std::string("2026-12-15"));
  // Not durable yet: not "saved on this device".
  CHECK(ui.HasStatus("Enregistrement…"));
  CHECK_FALSE(ui.HasStatus("Enregistré sur cet appareil"));
  Platform().durable_commit = Platform().last_commit;
  ui.Frames();
  CHECK(ui.HasStatus("Enregistré sur cet appareil"));
  // The outbox sends it: synced.
  w.st.db.Exec("DELETE FROM outbox");
  ui.Frames();
  CHECK(ui.HasStatus("Synchronisé"));
  CHECK_FALSE(ui.HasStatus("Enregistré sur cet appareil"));
}

TEST_CASE("bad note input is refused with a message and the form keeps it", "[companies][notes]") {
  World w;
  Ui ui(w.app);
  Navigate(w.app, Screen::NoteEdit, Route{w.garage.id, ""});
  ui.Frames();
  ui.Type("Date", "31/02/2026");
  ui.Type("Compte rendu", "Texte à garder");
  ui.Tap(Role::Button, "Enregistrer la note");
  CHECK(w.app.screen == Screen::NoteEdit);
  CHECK(ui.HasStatus("Date invalide : écrivez-la JJ/MM/AAAA."));
  CHECK(ListInteractions(w.st, w.garage.id).empty());
  CHECK(ui.Find(Role::TextBox, "Compte rendu")->value == "Texte à garder");
}

TEST_CASE("without a member session the note form says why and writes nothing", "[companies][notes]") {
  World w;
  LocalProfile p = *GetLocalProfile(w.st);  // signed in, but as a user who is no member
  p.member_id.reset();
  p.role = "office_staff";
  SaveLocalProfile(w.st, p);
  Ui ui(w.app);
  Navigate(w.app, Screen::NoteEdit, Route{w.garage.id, ""});
  ui.Frames();
  CHECK(ui.HasStatus("Connectez-vous pour écrire une note : elle porte le nom de son auteur."));
  CHECK_FALSE(ui.Find(Role::Button, "Enregistrer la note"));
}

TEST_CASE("only the author edits a note; an edit keeps the note's author", "[companies][notes]") {
  World w;
  Interaction mine = w.Note(w.bakery, w.me, "2026-11-20", "Ma note");
  Interaction theirs = w.Note(w.bakery, w.colleague, "2026-11-21", "Sa note");
  Ui ui(w.app);
  ui.Frames();  // the first frame reads the session from the device
  CHECK(CanEditNote(w.app.session, mine));
  CHECK_FALSE(CanEditNote(w.app.session, theirs));
  Navigate(w.app, Screen::CompanyFile, Route{w.bakery.id, ""});
  ui.Frames();
  // Only one "Modifier": on my note.
  int edits = 0;
  for (const mirror::Item& it : mirror::Items()) edits += it.role == Role::Button && it.name == "Modifier";
  CHECK(edits == 1);
  ui.Tap(Role::Button, "Modifier");
  REQUIRE(w.app.screen == Screen::NoteEdit);
  CHECK(w.app.route.sub == mine.id);
  ui.Type("Compte rendu", "Ma note, complétée");
  ui.Tap(Role::Button, "Enregistrer la note");
  CHECK(Get<Interaction>(w.st, mine.id)->note == "Ma note, complétée");
  CHECK(Get<Interaction>(w.st, mine.id)->author_member_id == w.me.id);
  // Someone else's note: the form refuses, and so does the save function.
  Navigate(w.app, Screen::NoteEdit, Route{w.bakery.id, theirs.id});
  ui.Frames();
  CHECK(ui.HasStatus("Seul l’auteur peut modifier cette note."));
  Interaction forged = theirs;
  forged.note = "réécrite";
  std::vector<FollowUpAction> none;
  CHECK_THROWS_AS(SaveNote(w.st, w.app.session, forged, none), ValidationError);
  CHECK(Get<Interaction>(w.st, theirs.id)->note == "Sa note");
}

TEST_CASE("my follow-ups: open actions, overdue first; done leaves the list", "[companies][followups]") {
  World w;
  Interaction n;
  n.company_id = w.garage.id;
  n.author_member_id = w.me.id;
  n.occurred_on = "2026-11-01";
  std::vector<FollowUpAction> acts(4);
  acts[0].title = "Sans date";
  acts[1].title = "Bientôt";
  acts[1].due_on = "2026-12-05";
  acts[2].title = "En retard";
  acts[2].due_on = "2026-11-10";
  acts[3].title = "Pour un collègue";
  acts[3].assignee_member_id = w.colleague.id;
  InsertInteraction(w.st, n, acts);
  std::vector<FollowUpLine> lines = MyFollowUps(w.st, w.me.id);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].action.title == "En retard");
  CHECK(lines[0].overdue);
  CHECK(lines[1].action.title == "Bientôt");
  CHECK_FALSE(lines[1].overdue);
  CHECK(lines[2].action.title == "Sans date");
  CHECK(lines[0].company_name == "Garage des Halles");

  Ui ui(w.app);
  ui.Tap(Role::Tab, "Mes suivis");
  REQUIRE(w.app.screen == Screen::FollowUps);
  CHECK(ui.HasStatus("En retard"));
  ui.Tap(Role::Button, "Fait\xC2\xA0: En retard");
  CHECK(Get<FollowUpAction>(w.st, acts[2].id)->status == "done");
  CHECK(MyFollowUps(w.st, w.me.id).size() == 2);
}

TEST_CASE("who works with the company: members by recency, the lead, before the timeline", "[companies]") {
  World w;
  w.Note(w.bakery, w.colleague, "2026-06-01", "a");
  w.Note(w.bakery, w.colleague, "2026-07-01", "b");
  w.Note(w.bakery, w.me, "2026-11-20", "c");
  std::vector<NetworkContact> c = NetworkContacts(w.st, w.bakery.id);
  REQUIRE(c.size() == 2);
  CHECK(c[0].member_id == w.me.id);  // most recent first
  CHECK(c[1].name == "Marc Durand");
  CHECK(c[1].notes == 2);
  CHECK(c[1].lead);  // most notes this year
  CHECK_FALSE(c[0].lead);
  std::vector<TimelineEntry> t = CompanyTimeline(w.st, w.bakery.id);
  REQUIRE(t.size() == 3);
  CHECK(t[0].date == "2026-11-20");
  CHECK(t[0].who == "Claire Martin");
}
