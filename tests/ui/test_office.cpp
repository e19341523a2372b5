// The office staff screens, headless over a native store, driven by role and
// name through the mirror: the activity report shows the figures of a known
// dataset, follows its filters and exports byte-exact CSV through the
// platform; a portal contact request is opened, assigned and moved along,
// each save one outbox entry of the columns staff may change.
#include <catch2/catch.hpp>
#include <memory>
#include <set>

#include "core/model/casework.h"
#include "core/model/company.h"
#include "core/model/contact_request.h"
#include "core/model/directory.h"
#include "core/model/profile.h"
#include "core/model/questionnaire.h"
#include "core/model/university.h"
#include "core/reports/report.h"
#include "headless.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/office/report_view.h"
#include "ui_driver.h"

using namespace relais;
using relais::mirror::Role;

namespace {

constexpr int64_t kNow = 1795780800000;  // 2026-11-27 12:00 UTC
constexpr const char* kSp = "\xC2\xA0";  // the no-break space before a French colon

std::string Fr(const std::string& label, const std::string& value) { return label + kSp + ": " + value; }

struct OfficeWorld {
  Store st;
  Office loiret, touraine;
  Organisation devup, cci, cma;
  Member sophie, paul, marc;
  Company bakery, joinery, garage;
  AppState app;

  explicit OfficeWorld(const char* role = "office_staff") {
    StoreOptions o;
    auto now = std::make_shared<int64_t>(kNow);
    o.now_ms = [now] { return (*now)++; };
    st = OpenStore(":memory:", o);
    loiret.name = "Antenne du Loiret";
    loiret.departments = {"45"};
    Insert(st, loiret);
    touraine.name = "Antenne de Touraine";
    touraine.departments = {"37"};
    Insert(st, touraine);
    devup.name = "dev'up";
    cci.name = "CCI Loiret";
    cma.name = "CMA Centre";
    for (Organisation* g : {&devup, &cci, &cma}) Insert(st, *g);
    sophie = MakeMember("Sophie", "Durand", devup, loiret);
    paul = MakeMember("Paul", "Martin", cci, loiret);
    marc = MakeMember("Marc", "Petit", cma, touraine);
    bakery = MakeCompany("Boulangerie Lefèvre", "45000");
    joinery = MakeCompany("Menuiserie Dupont", "37000");
    garage = MakeCompany("Garage des Halles", "45100");

    // The last 12 months (1 December 2025 to 27 November 2026): four notes.
    Note("2026-11-05", bakery, paul, "visit", {"diagnostic"});
    Note("2026-11-10", garage, paul, "call", {});
    Note("2026-10-20", joinery, marc, "visit", {"orientation"});
    Note("2026-10-02", bakery, marc, "email", {"diagnostic", "orientation"});
    Note("2025-06-15", bakery, paul, "visit", {"diagnostic"});  // before

    Course course;
    course.theme = "export";
    course.title = "Exporter en Allemagne";
    course.duration_minutes = 210;
    Insert(st, course);
    CourseSession session;
    session.course_id = course.id;
    session.starts_at = reports::ParisDayStartMs("2026-09-15") + 9 * 3600000;
    session.ends_at = session.starts_at + 210 * 60000;
    session.seats = 12;
    Insert(st, session);
    for (const auto& [m, attendance] : {std::pair<Member*, const char*>{&paul, "present"}, {&marc, "absent"}}) {
      Registration r;
      r.session_id = session.id;
      r.member_id = m->id;
      r.status = "confirmed";
      r.requested_at = session.starts_at - 20LL * 86400000;
      r.attendance = attendance;
      Insert(st, r);
    }

    QuestionnaireResponse q;
    q.company_id = bakery.id;
    q.template_id = "diag-innovation-croissance";
    q.author_member_id = paul.id;
    q.status = "completed";
    q.completed_at = reports::ParisDayStartMs("2026-11-06") + 15 * 3600000;
    q.scores = R"({"overall":55.0,"themes":[{"id":"innovation","score":55.0},{"id":"export","score":null}]})";
    Insert(st, q);

    Referral ref;
    ref.company_id = bakery.id;
    ref.from_member_id = paul.id;
    ref.to_member_id = marc.id;
    ref.message = "Projet export.";
    ref.sent_at = kNow - 10LL * 86400000;
    Insert(st, ref);

    app.store = &st;
    app.online = false;
    LocalProfile p;
    p.user_id = "0190aaaa000070008000000000000004";
    p.member_id = sophie.id;
    p.display_name = "Sophie Durand";
    p.role = role;
    SaveLocalProfile(st, p);
    st.db.Exec("INSERT INTO sync_state(key, value) VALUES ('auth.refresh', 'test-refresh-token')");
    st.author_id = p.user_id;
    st.db.Exec("DELETE FROM outbox");
    Platform().downloads.clear();
    SetLang(Lang::Fr);
  }

  Member MakeMember(const char* first, const char* last, const Organisation& org, const Office& office) {
    Member m;
    m.first_name = first;
    m.last_name = last;
    m.organisation_id = org.id;
    m.office_id = office.id;
    Insert(st, m);
    return m;
  }
  Company MakeCompany(const char* name, const char* postcode) {
    Company c;
    c.name = name;
    c.postcode = postcode;
    Insert(st, c);
    return c;
  }
  void Note(const char* day, const Company& c, const Member& author, const char* kind,
            std::vector<std::string> services) {
    Interaction n;
    n.company_id = c.id;
    n.author_member_id = author.id;
    n.organisation_id = author.organisation_id;
    n.occurred_on = day;
    n.kind = kind;
    n.services = std::move(services);
    std::vector<FollowUpAction> none;
    InsertInteraction(st, n, none);
  }
  // A request as the sync engine stores a pulled row (no outbox entry).
  void Request(const char* id, const Office& office, const char* company, int64_t submitted,
               const char* status = "new") {
    st.db.Exec(
        "INSERT INTO contact_requests (id, created_hlc, updated_hlc, office_id, commune_insee, commune_name,"
        " company_name, contact_name, email, phone, needs, message, consent_basis, consent_date, consent_source,"
        " consent_text, submitted_at, status) VALUES (?, 1, 1, ?, '45232', 'Olivet', ?, 'Amélie Durand',"
        " 'amelie@atelier.example', '', '[\"export\",\"financement\"]', 'Nous voulons vendre en Allemagne.',"
        " 'consent', '2026-11-26', 'portal', 'J''accepte d''être recontactée par le réseau.', ?, ?)",
        std::string(id), office.id, std::string(company), submitted, std::string(status));
  }
};

bool HasText(UiDriver& ui, const std::string& text) { return ui.Reveal(Role::Text, text) != nullptr; }

}  // namespace

TEST_CASE("reports: figures of a known dataset, filters, CSV export", "[office]") {
  OfficeWorld w;
  w.app.screen = Screen::Reports;
  UiDriver ui(w.app, 1280, 800);
  ui.Frames(2);
  CHECK(ui.Find(Role::Tab, "Rapports d’activité") != nullptr);  // in the side navigation
  CHECK(ui.Find(Role::Radio, "12 derniers mois")->checked);
  CHECK(ui.HasStatus(Fr("Score global moyen", "55,0 / 100")) == false);  // another tab
  CHECK(HasText(ui, Fr("Entreprises accompagnées", "3")));
  CHECK(HasText(ui, Fr("Interactions", "4")));
  CHECK(HasText(ui, Fr("Services rendus", "4")));
  CHECK(HasText(ui, Fr("Inscriptions Université", "2")));
  CHECK(HasText(ui, Fr("Diagnostics réalisés", "1")));
  CHECK(HasText(ui, Fr("Orientations envoyées", "1")));
  CHECK(HasText(ui, "novembre 2026 \xE2\x80\x94 " + Fr("Entreprises", "2") + " \xC2\xB7 " + Fr("Interactions", "2") +
                        " \xC2\xB7 " + Fr("Services rendus", "1")));
  CHECK(HasText(ui, "Antenne du Loiret \xE2\x80\x94 " + Fr("Entreprises", "2") + " \xC2\xB7 " +
                        Fr("Interactions", "3") + " \xC2\xB7 " + Fr("Services rendus", "3")));
  CHECK(HasText(ui, Fr("Visite", "2")));  // the chart's bar: label and exact value

  // The month table as a French spreadsheet wants it.
  ui.Tap(Role::Button, Fr("Exporter en CSV", "Activité par mois"));
  REQUIRE(Platform().downloads.size() == 1);
  const PlatformLog::Download& d = Platform().downloads[0];
  CHECK(d.filename == "relais-activite-par-mois_2025-12-01_2026-11-27.csv");
  CHECK(d.mime_type == "text/csv;charset=utf-8");
  const std::string csv = d.content;
  CHECK(csv.rfind("\xEF\xBB\xBF"
                  "Mois;Du;Au;Entreprises;Interactions;Services rendus\r\n",
                  0) == 0);
  CHECK(csv.find("\r\ndécembre 2025;01/12/2025;31/12/2025;0;0;0\r\n") != std::string::npos);
  CHECK(csv.find("\r\noctobre 2026;01/10/2026;31/10/2026;2;2;3\r\n") != std::string::npos);
  CHECK(csv.find("\r\nnovembre 2026;01/11/2026;27/11/2026;2;2;1\r\nTotal;01/12/2025;27/11/2026;3;4;4\r\n") !=
        std::string::npos);
  CHECK(ui.HasStatus(Fr("Fichier CSV créé", d.filename)));

  // Another office: every figure follows.
  ui.Tap(Role::Button, Fr("Antenne", "Toutes les antennes"));
  ui.Tap(Role::Radio, "Antenne de Touraine");
  CHECK(ui.Find(Role::Button, Fr("Antenne", "Antenne de Touraine")) != nullptr);
  CHECK(HasText(ui, Fr("Entreprises accompagnées", "1")));
  CHECK(HasText(ui, Fr("Interactions", "1")));
  CHECK(HasText(ui, Fr("Diagnostics réalisés", "0")));
  ui.Tap(Role::Button, Fr("Exporter en CSV", "Activité par antenne"));
  REQUIRE(Platform().downloads.size() == 2);
  CHECK(Platform().downloads[1].content ==
        "\xEF\xBB\xBF"
        "Antenne;Entreprises;Interactions;Services rendus\r\n"
        "Antenne de Touraine;1;1;1\r\nTotal;1;1;1\r\n");

  // Every office again, all the time: the older note counts.
  ui.Tap(Role::Button, Fr("Antenne", "Antenne de Touraine"));
  ui.Tap(Role::Radio, "Toutes les antennes");
  ui.Tap(Role::Radio, "Tout");
  CHECK(HasText(ui, Fr("Interactions", "5")));
  CHECK(HasText(ui,
                "Toute l’activité enregistrée sur cet appareil. Calculé sur les données de cet appareil "
                "(dernière synchronisation)."));

  // A period typed in: from 1 November.
  ui.Type("Du (jj/mm/aaaa)", "01/11/2026");
  ui.Type("Au (jj/mm/aaaa)", "30/11/2026");
  CHECK(ui.Find(Role::Radio, "Personnalisée")->checked);
  CHECK(HasText(ui, Fr("Interactions", "2")));
  ui.Type("Du (jj/mm/aaaa)", "31/02/2026");
  CHECK(ui.HasStatus("Date non reconnue : écrivez-la jj/mm/aaaa."));
  CHECK(HasText(ui, Fr("Interactions", "2")));  // the last good filter stays

  // The other tabs.
  ui.Tap(Role::Radio, "12 derniers mois");
  ui.Tap(Role::Radio, "Université");
  CHECK(HasText(ui, "export \xE2\x80\x94 " + Fr("Sessions", "1") + " \xC2\xB7 " + Fr("Inscriptions", "2") +
                        " \xC2\xB7 " + Fr("Confirmées", "2") + " \xC2\xB7 " + Fr("Liste d’attente", "0") +
                        " \xC2\xB7 " + Fr("En attente", "0") + " \xC2\xB7 " + Fr("Annulées", "0") + " \xC2\xB7 " +
                        Fr("Présents", "1") + " \xC2\xB7 " + Fr("Absents", "1") + " \xC2\xB7 " +
                        Fr("Présence (%)", "50,0")));
  ui.Tap(Role::Radio, "Diagnostics");
  CHECK(ui.HasStatus(Fr("Score global moyen", "55,0 / 100")));
  CHECK(HasText(ui, Fr("Innovation", "55,0 / 100")));  // the theme's label from the questionnaire
  ui.Tap(Role::Button, Fr("Exporter en CSV", "Score moyen par thème"));
  CHECK(Platform().downloads.back().content ==
        "\xEF\xBB\xBF"
        "Thème;Diagnostics évalués;Score moyen (sur 100)\r\n"
        "Innovation;1;55,0\r\nExport et international;0;\r\nScore global moyen;1;55,0\r\n");
  ui.Tap(Role::Radio, "Orientations");
  CHECK(ui.HasStatus(Fr("À relancer (sans réponse depuis 7 jours ou plus)", "1")));
  CHECK(HasText(ui, "Sans réponse \xE2\x80\x94 " + Fr("Orientations", "1") + " \xC2\xB7 " + Fr("Part (%)", "100,0")));
}

TEST_CASE("reports: the report follows the data version, and only staff see it", "[office]") {
  OfficeWorld w;
  w.app.screen = Screen::Reports;
  UiDriver ui(w.app, 1280, 800);
  CHECK(HasText(ui, Fr("Interactions", "4")));
  w.Note("2026-11-20", w.garage, w.paul, "visit", {});
  ui.Frames(2);
  CHECK(HasText(ui, Fr("Interactions", "5")));
}

TEST_CASE("reports on a phone: one card per row, the pickers reachable", "[office]") {
  OfficeWorld w;
  w.app.screen = Screen::Reports;
  UiDriver ui(w.app, 390, 844);
  ui.Frames(2);
  CHECK(HasText(ui, "Antenne du Loiret \xE2\x80\x94 " + Fr("Entreprises", "2") + " \xC2\xB7 " +
                        Fr("Interactions", "3") + " \xC2\xB7 " + Fr("Services rendus", "3")));
  ui.Tap(Role::Button, Fr("Organisation", "Toutes les organisations"));
  ui.Tap(Role::Radio, "CMA Centre");
  CHECK(HasText(ui, Fr("Interactions", "2")));
  CHECK(HasText(ui, Fr("Entreprises accompagnées", "2")));
}

// On a phone the bottom bar keeps five tabs: the office screens are buttons
// on the Synchro screen.
TEST_CASE("office screens on a phone: reached from the Synchro screen", "[office]") {
  OfficeWorld w;
  w.app.screen = Screen::Conflicts;
  UiDriver ui(w.app, 390, 844);
  ui.Frames(2);
  const std::pair<const char*, Screen> screens[] = {
      {"Rapports d’activité", Screen::Reports},       {"Demandes du portail", Screen::ContactRequests},
      {"Questionnaires", Screen::Questionnaires},      {"Réseau", Screen::Network},
      {"Gestion de l’Université", Screen::UniversityAdmin}, {"Comptes", Screen::Accounts}};
  for (const auto& s : screens) {
    INFO(s.first);
    ui.Tap(Role::Button, s.first);
    CHECK(w.app.screen == s.second);
    Navigate(w.app, Screen::Conflicts);
    ui.Frames(2);
  }
}

TEST_CASE("reports and portal requests: not for advisors", "[office]") {
  OfficeWorld advisor("advisor");
  advisor.app.screen = Screen::Reports;
  UiDriver ui(advisor.app, 1280, 800);
  CHECK(advisor.app.screen != Screen::Reports);  // not reachable: the app goes home
  CHECK(ui.Find(Role::Tab, "Rapports d’activité") == nullptr);
  CHECK(ui.Find(Role::Tab, "Demandes du portail") == nullptr);
}

TEST_CASE("reports: the view's tables, in English too", "[office]") {
  OfficeWorld w;
  reports::Report r =
      reports::ComputeReport(w.st, reports::PeriodRange(reports::Period::Last12Months, "2026-11-27"), kNow);
  SetLang(Lang::En);
  ReportView v = BuildReportView(r, Lang::En, nullptr);
  SetLang(Lang::Fr);
  CHECK(v.by_month.table.columns[0] == "Month");
  CHECK(v.by_month.row_texts.back() ==
        "Total \xE2\x80\x94 Companies: 3 \xC2\xB7 Interactions: 4 \xC2\xB7 Services delivered: 4");
  CHECK(MonthLabel("2026-02", Lang::En) == "February 2026");
  CHECK(MonthLabel("2026-08", Lang::Fr) == "août 2026");
  CHECK(v.by_kind.table.rows.size() == 4);                   // visit, call, email and the total
  CHECK(v.diagnosis.table.rows[0][0].text == "innovation");  // no label lookup: the id
  reports::Filter all;
  CHECK(CsvFileName(v.by_kind, all) == "relais-interactions-par-type_tout.csv");
}

TEST_CASE("portal requests: the office's list, open, assign, status, note, offline", "[office]") {
  OfficeWorld w;
  w.Request("a0000000000000000000000000000001", w.loiret, "Atelier Durand & Fils", kNow - 3600000);
  w.Request("a0000000000000000000000000000002", w.loiret, "Ferronnerie Martin", kNow - 86400000, "contacted");
  w.Request("a0000000000000000000000000000003", w.touraine, "Cave de Vouvray", kNow - 7200000);
  w.Request("a0000000000000000000000000000004", w.loiret, "Ancienne demande", kNow - 90 * 86400000LL, "closed");
  w.app.screen = Screen::ContactRequests;
  UiDriver ui(w.app, 1280, 800);
  ui.Frames(2);
  CHECK(ui.Find(Role::Tab, "Demandes du portail") != nullptr);
  CHECK(HasText(ui, "3 demandes, dont 1 nouvelle"));
  const mirror::Item* first = ui.Find(Role::Button, Fr("Ouvrir", "Atelier Durand & Fils"));
  const mirror::Item* second = ui.Find(Role::Button, Fr("Ouvrir", "Ferronnerie Martin"));
  REQUIRE((first && second));
  CHECK(first->y < second->y);                                                // new first
  CHECK(ui.Find(Role::Button, Fr("Ouvrir", "Cave de Vouvray")) == nullptr);   // another office's
  CHECK(ui.Find(Role::Button, Fr("Ouvrir", "Ancienne demande")) == nullptr);  // closed: hidden
  ui.Tap(Role::Button, "Afficher les demandes closes");
  CHECK(ui.Find(Role::Button, Fr("Ouvrir", "Ancienne demande")) != nullptr);

  ui.Tap(Role::Button, Fr("Ouvrir", "Atelier Durand & Fils"));
  CHECK(HasText(ui, "Nous voulons vendre en Allemagne."));
  // The open request has an address: the browser's back button returns to the list.
  CHECK(Platform().history.back() == "push /office/requests/a0000000000000000000000000000001");
  OnHistoryPop(w.app, "/office/requests");
  ui.Frames(2);
  CHECK(ui.Find(Role::Button, Fr("Ouvrir", "Ferronnerie Martin")) != nullptr);
  OnHistoryPop(w.app, "/office/requests/a0000000000000000000000000000001");  // forward
  ui.Frames(2);
  CHECK(HasText(ui, "Nous voulons vendre en Allemagne."));
  CHECK(HasText(ui, "Coordonnées"));
  CHECK(HasText(ui, "\xE2\x80\x93 Exporter, se développer à l’international"));
  CHECK(HasText(ui, Fr("Nom", "Amélie Durand")));
  CHECK(HasText(ui, Fr("E-mail", "amelie@atelier.example")));
  CHECK(HasText(ui, Fr("Téléphone", "non indiqué")));
  CHECK(HasText(ui, Fr("Commune", "Olivet (45232)")));
  CHECK(HasText(ui, "Accepte d’être recontacté(e) : recueilli le 26/11/2026 sur le portail."));
  CHECK(ui.Find(Role::Radio, "Nouvelle")->checked);

  // Assign to Paul (the office's members are offered), with a note.
  ui.Tap(Role::Button, Fr("Personne chargée", "Personne"));
  CHECK(ui.Find(Role::Radio, "Marc Petit") == nullptr);  // Touraine
  ui.Tap(Role::Radio, "Paul Martin");
  CHECK(ui.Find(Role::Radio, "Attribuée")->checked);
  ui.Type("Note de l’équipe", "Paul rappelle mardi.");
  ui.Tap(Role::Button, "Enregistrer le suivi");
  ContactRequest r = *Get<ContactRequest>(w.st, "a0000000000000000000000000000001");
  CHECK(r.status == "assigned");
  CHECK(r.assignee_member_id == std::optional<std::string>(w.paul.id));
  CHECK(r.assigned_at.has_value());
  CHECK(r.staff_note == "Paul rappelle mardi.");
  CHECK(r.email == "amelie@atelier.example");
  CHECK(w.st.db.QueryInt("SELECT count(*) FROM outbox WHERE tbl = 'contact_requests' AND state = 'pending'") == 1);
  std::set<std::string> keys;
  {
    Stmt s = w.st.db.Prepare(
        "SELECT j.key FROM outbox, json_each(outbox.fields) AS j WHERE outbox.tbl = 'contact_requests'");
    while (s.Step()) keys.insert(s.Text(0));
  }
  CHECK(keys == std::set<std::string>{"status", "assignee_member_id", "assigned_at", "staff_note"});
  CHECK(ui.HasStatus("Enregistré sur cet appareil, en attente de synchronisation"));
  CHECK(ui.HasStatus("Attribuée \xC2\xB7 " + Fr("Suivie par", "Paul Martin")));

  // Contacted: one more entry, the status only.
  ui.Tap(Role::Radio, "Contactée");
  ui.Tap(Role::Button, "Enregistrer le suivi");
  CHECK(Get<ContactRequest>(w.st, "a0000000000000000000000000000001")->status == "contacted");
  CHECK(w.st.db.QueryInt("SELECT count(*) FROM outbox WHERE tbl = 'contact_requests'") == 2);
  CHECK(w.st.db.QueryText("SELECT fields FROM outbox ORDER BY seq DESC LIMIT 1") ==
        std::optional<std::string>("{\"status\":\"contacted\"}"));

  // "Attribuée" with nobody is refused on the screen, nothing written.
  ui.Tap(Role::Button, Fr("Personne chargée", "Paul Martin"));
  ui.Tap(Role::Radio, "Personne");
  ui.Tap(Role::Radio, "Attribuée");
  ui.Tap(Role::Button, "Enregistrer le suivi");
  CHECK(ui.HasStatus("Choisissez la personne chargée avant de passer la demande « Attribuée »."));
  CHECK(w.st.db.QueryInt("SELECT count(*) FROM outbox WHERE tbl = 'contact_requests'") == 2);

  // Sent to Touraine: it leaves this office's list.
  ui.Tap(Role::Radio, "Contactée");
  ui.Tap(Role::Button, Fr("Antenne destinataire", "Antenne du Loiret"));
  ui.Tap(Role::Radio, "Antenne de Touraine");
  ui.Tap(Role::Button, "Enregistrer le suivi");
  CHECK(ui.HasStatus("Demande transmise à l’autre antenne."));
  r = *Get<ContactRequest>(w.st, "a0000000000000000000000000000001");
  CHECK(r.office_id == w.touraine.id);
  CHECK(r.status == "new");
  CHECK(ui.Find(Role::Button, Fr("Ouvrir", "Atelier Durand & Fils")) == nullptr);
}

// The saved line is read per data version, not per frame: the next frame
// after a sync (the outbox emptied) or a refusal says it.
TEST_CASE("portal requests: the saved line follows the sync and a refusal", "[office]") {
  OfficeWorld w;
  w.Request("a0000000000000000000000000000001", w.loiret, "Atelier Durand & Fils", kNow - 3600000);
  w.app.screen = Screen::ContactRequests;
  UiDriver ui(w.app, 1280, 800);
  ui.Tap(Role::Button, Fr("Ouvrir", "Atelier Durand & Fils"));
  ui.Type("Note de l’équipe", "Rappeler lundi.");
  ui.Tap(Role::Button, "Enregistrer le suivi");
  CHECK(ui.HasStatus("Enregistré sur cet appareil, en attente de synchronisation"));
  w.st.db.Exec("DELETE FROM outbox");  // what the sync engine does once the server took the change
  ui.Frames(1);
  CHECK(ui.HasStatus("Suivi synchronisé"));
  CHECK_FALSE(ui.HasStatus("Enregistré sur cet appareil, en attente de synchronisation"));
  ui.Type("Note de l’équipe", "Rappeler mardi.");
  ui.Tap(Role::Button, "Enregistrer le suivi");
  CHECK(ui.HasStatus("Enregistré sur cet appareil, en attente de synchronisation"));
  w.st.db.Exec("UPDATE outbox SET state = 'rejected', error = 'Demande close.'");
  ui.Frames(1);
  CHECK(ui.HasStatus("Refusé par le serveur\xC2\xA0: Demande close."));  // the server's reason, here
  w.st.db.Exec("UPDATE outbox SET error = NULL");  // a refusal without one sends to the Synchro screen
  ui.Frames(1);
  CHECK(ui.HasStatus("Refusé par le serveur : voir l’écran Synchro"));
}

TEST_CASE("portal requests: admins see every office's, advisors none", "[office]") {
  OfficeWorld w("admin");
  w.Request("a0000000000000000000000000000001", w.loiret, "Atelier Durand & Fils", kNow - 3600000);
  w.Request("a0000000000000000000000000000003", w.touraine, "Cave de Vouvray", kNow - 7200000);
  w.app.screen = Screen::ContactRequests;
  UiDriver ui(w.app, 1280, 800);
  ui.Frames(2);
  CHECK(ui.Find(Role::Button, Fr("Ouvrir", "Cave de Vouvray")) != nullptr);
  CHECK(ui.Find(Role::Button, Fr("Ouvrir", "Atelier Durand & Fils")) != nullptr);
  CHECK(HasText(ui, "Olivet \xC2\xB7 Reçue le 27/11/2026 \xC2\xB7 Antenne de Touraine"));
}
