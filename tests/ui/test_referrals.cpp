// Referrals, the directory and company editing, headless: driven like the
// browser tests, by role and name through the mirror.
#include <catch2/catch.hpp>

#include "advisor_world.h"
#include "ui/companies/advisor_data.h"
#include "ui/referrals/referral_data.h"

using namespace advisor_test;

namespace {

const int64_t kDay = 24LL * 3600 * 1000;

Referral SendTo(World& w, const Member& from, const Member& to, const char* message) {
  Referral r;
  r.company_id = w.bakery.id;
  r.to_member_id = to.id;
  r.message = message;
  SendReferralFrom(w.st, r, from.id);
  return r;
}

}  // namespace

TEST_CASE("referral, directory and edit routes", "[referrals]") {
  Screen s;
  Route r;
  const std::string c(32, 'c'), m(32, 'd');
  REQUIRE(ScreenFromPath("/referrals", &s, &r));
  CHECK(s == Screen::Referrals);
  REQUIRE(ScreenFromPath("/directory", &s, &r));
  CHECK(s == Screen::Directory);
  REQUIRE(ScreenFromPath("/referrals/new", &s, &r));
  CHECK(s == Screen::ReferralNew);
  REQUIRE(ScreenFromPath(("/referrals/new/" + c + "/-").c_str(), &s, &r));
  CHECK(s == Screen::ReferralNew);
  CHECK(r.id == c);
  CHECK(r.sub.empty());
  CHECK(ScreenPath(Screen::ReferralNew, Route{"", m}) == "/referrals/new/-/" + m);
  REQUIRE(ScreenFromPath(("/referrals/new/-/" + m).c_str(), &s, &r));
  CHECK(r.id.empty());
  CHECK(r.sub == m);
  REQUIRE(ScreenFromPath(("/directory/" + m).c_str(), &s, &r));
  CHECK(s == Screen::MemberCard);
  CHECK(r.id == m);
  REQUIRE(ScreenFromPath(("/companies/" + c + "/edit").c_str(), &s, &r));
  CHECK(s == Screen::CompanyEdit);
  CHECK(ScreenPath(Screen::CompanyEdit, r) == "/companies/" + c + "/edit");
  CHECK_FALSE(ScreenFromPath("/referrals/new/zz/-", &s, &r));
  CHECK_FALSE(ScreenFromPath("/directory/nope", &s, &r));
  CHECK_FALSE(ScreenFromPath(("/companies/" + c + "/editx").c_str(), &s, &r));
}

TEST_CASE("plural forms: 1 conflit, 2 conflits", "[i18n]") {
  SetLang(Lang::Fr);
  CHECK(CountText(0, Msg::SyncConflictOne, Msg::SyncConflictMany) == "0 conflit");
  CHECK(CountText(1, Msg::SyncConflictOne, Msg::SyncConflictMany) == "1 conflit");
  CHECK(CountText(2, Msg::SyncConflictOne, Msg::SyncConflictMany) == "2 conflits");
  SetLang(Lang::En);
  CHECK(CountText(0, Msg::SyncConflictOne, Msg::SyncConflictMany) == "0 conflicts");
  CHECK(CountText(1, Msg::SyncConflictOne, Msg::SyncConflictMany) == "1 conflict");
  SetLang(Lang::Fr);
}

TEST_CASE("from the directory to a sent referral", "[referrals][directory]") {
  World w;
  w.colleague.expertise = {"financement"};
  Update(w.st, w.colleague);
  Ui ui(w.app, 1024, 768);
  Navigate(w.app, Screen::Directory);
  ui.Frames();
  CHECK(ui.Find(Role::Link, "Claire Martin"));
  ui.Type("Rechercher un membre", "financ");  // a skill, as typed
  CHECK(ui.Find(Role::Link, "Marc Durand"));
  CHECK_FALSE(ui.Find(Role::Link, "Claire Martin"));
  ui.Tap(Role::Link, "Marc Durand");
  REQUIRE(w.app.screen == Screen::MemberCard);
  CHECK(w.app.route.id == w.colleague.id);
  // Nothing signed yet: the card says so.
  CHECK(ui.HasStatus("Convention du réseau\u00a0: non signé par le membre, non signé par sa hiérarchie"));
  ui.Tap(Role::Button, "Orienter vers ce membre");
  REQUIRE(w.app.screen == Screen::ReferralNew);
  CHECK(w.app.route.sub == w.colleague.id);

  // Bad input: no company, no message -> errors, nothing stored.
  ui.Tap(Role::Button, "Envoyer l’orientation");
  CHECK(ui.HasStatus("Choisissez l’entreprise."));
  CHECK(ui.HasStatus("Écrivez un message pour le destinataire."));
  CHECK(ListReferralsFrom(w.st, w.me.id).empty());

  ui.Type("Rechercher l’entreprise", "boul");
  ui.Tap(Role::Button, "Boulangerie Lefèvre");
  ui.Type("Message", "Projet de four neuf : besoin d’un prêt d’honneur.");
  ui.Tap(Role::Button, "Envoyer l’orientation");
  REQUIRE(w.app.screen == Screen::Referrals);
  std::vector<Referral> sent = ListReferralsFrom(w.st, w.me.id);
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].to_member_id == w.colleague.id);
  CHECK(sent[0].company_id == w.bakery.id);
  ui.Frames();
  // Written on this device: not "Envoyée" before the server has it.
  const char* not_sent = "Pas encore envoyée : enregistrée sur cet appareil, elle part à la prochaine synchronisation.";
  CHECK(ui.HasStatus(not_sent));
  CHECK_FALSE(ui.HasStatus("Envoyée"));
  // The company file shows it in its timeline, the same way.
  std::vector<TimelineEntry> timeline = CompanyTimeline(w.st, w.bakery.id);
  REQUIRE(timeline.size() == 1);
  CHECK(timeline[0].save == SaveState::SavedOnDevice);
  // Once synced (the outbox is empty): "Envoyée".
  w.st.db.Exec("DELETE FROM outbox");
  ui.Frames();
  CHECK(ui.HasStatus("Envoyée"));
  CHECK_FALSE(ui.HasStatus(not_sent));
  CHECK(CompanyTimeline(w.st, w.bakery.id)[0].save == SaveState::Synced);
  // Refused by the server: said so, never left looking sent.
  w.st.db.Exec("INSERT INTO outbox (tbl, row_id, op, fields, hlc, state, error) VALUES ('referrals', ?, 'upsert', "
               "'{}', 1, 'rejected', 'refusé')",
               sent[0].id);
  ui.Frames();
  CHECK(ui.HasStatus("Refusé par le serveur"));
  CHECK_FALSE(ui.HasStatus("Envoyée"));
}

TEST_CASE("the recipient accepts or declines with a reason; 7 days unanswered: à relancer", "[referrals]") {
  World w;
  SendTo(w, w.colleague, w.me, "Premier dossier");
  *w.now += 8 * kDay;
  Referral late = SendTo(w, w.me, w.colleague, "Relance attendue");  // sent by Claire
  w.st.db.Exec("DELETE FROM outbox");  // both synced
  *w.now += 8 * kDay;
  Ui ui(w.app, 390, 1600);  // phone layout; tall enough that nothing scrolls out of the mirror
  Navigate(w.app, Screen::Referrals);
  ui.Frames();
  ui.Tap(Role::Radio, "Reçues");  // the screen remembers its side (the last test sent one)
  CHECK(ui.HasStatus("Envoyée"));
  CHECK(ui.HasStatus("À relancer\u00a0: sans réponse depuis plus de 7 jours"));

  ui.Tap(Role::Button, "Refuser");
  ui.Tap(Role::Button, "Confirmer le refus");  // no reason: refused, nothing changed
  CHECK(ui.HasStatus("Indiquez la raison du refus\u00a0: rien n’a été modifié."));
  CHECK(ListReferralsTo(w.st, w.me.id)[0].status == "sent");
  ui.Type("Raison du refus", "Hors de mon territoire");
  ui.Tap(Role::Button, "Confirmer le refus");
  Referral got = ListReferralsTo(w.st, w.me.id)[0];
  CHECK(got.status == "declined");
  CHECK(got.reason == "Hors de mon territoire");
  ui.Frames();
  CHECK(ui.HasStatus("Refusée"));
  CHECK(ui.HasStatus("Réponse enregistrée sur cet appareil ; elle part à la prochaine synchronisation."));

  // The sent side: the one Claire sent is to be chased up; she cannot answer it.
  ui.Tap(Role::Radio, "Envoyées");
  CHECK(ui.HasStatus("À relancer\u00a0: sans réponse depuis plus de 7 jours"));
  CHECK_FALSE(ui.Find(Role::Button, "Accepter"));
  // Once the recipient accepts, the flag goes.
  RespondToReferral(w.st, late, w.colleague.id, "accepted");
  ui.Frames();
  CHECK(ui.HasStatus("Acceptée"));
  CHECK_FALSE(ui.HasStatus("À relancer\u00a0: sans réponse depuis plus de 7 jours"));
}

TEST_CASE("company editing: the creation checks, then only what changed is written", "[companies][edit]") {
  World w;
  Ui ui(w.app, 1024, 2000);  // the whole form and the contact form in view (the mirror holds only that)
  Navigate(w.app, Screen::CompanyEdit, Route{w.bakery.id, ""});
  ui.Frames();
  CHECK(ui.Find(Role::TextBox, "Raison sociale")->value == "Boulangerie Lefèvre");
  ui.Type("SIRET", "41829305600011");
  CHECK(ui.HasStatus("SIRET invalide : la clé de contrôle ne correspond pas. Vérifiez les chiffres."));
  ui.Type("Téléphone", "02 38 11 22 33");
  ui.Tap(Role::Button, "Enregistrer les modifications");
  CHECK(ui.HasStatus("Corrigez les champs signalés : rien n’a été enregistré."));
  CHECK(Get<Company>(w.st, w.bakery.id)->phone.empty());  // nothing written

  ui.Type("SIRET", "418 293 056 00010");
  int64_t outbox_before = w.st.db.QueryInt("SELECT count(*) FROM outbox").value_or(-1);
  ui.Tap(Role::Button, "Enregistrer les modifications");
  REQUIRE(w.app.screen == Screen::CompanyFile);
  Company c = *Get<Company>(w.st, w.bakery.id);
  CHECK(c.phone == "02 38 11 22 33");
  CHECK(c.siret == std::string("41829305600010"));
  CHECK(w.st.db.QueryInt("SELECT count(*) FROM outbox").value_or(-1) == outbox_before + 1);
  CHECK(w.st.db
            .QueryInt("SELECT count(*) FROM outbox WHERE seq = (SELECT max(seq) FROM outbox) AND "
                      "fields LIKE '%phone%' AND fields NOT LIKE '%\"name\"%'")
            .value_or(-1) == 1);

  // A contact with its GDPR basis: the date is required with a basis.
  Navigate(w.app, Screen::CompanyEdit, Route{w.bakery.id, ""});
  ui.Frames();
  ui.Tap(Role::Button, "Ajouter un contact");
  ui.Type("Nom", "Lefèvre");
  ui.Type("Prénom", "Jeanne");
  ui.Tap(Role::Radio, "Consentement");
  ui.Tap(Role::Button, "Enregistrer le contact");
  CHECK(ui.HasStatus("Indiquez la date à laquelle la base légale a été recueillie (JJ/MM/AAAA)."));
  CHECK(ListContacts(w.st, w.bakery.id).empty());
  ui.Type("Date du consentement", "27/11/2026");
  ui.Tap(Role::Button, "Enregistrer le contact");
  std::vector<Contact> contacts = ListContacts(w.st, w.bakery.id);
  REQUIRE(contacts.size() == 1);
  CHECK(contacts[0].consent_basis == std::string("consent"));
  CHECK(contacts[0].consent_date == std::string("2026-11-27"));
  ui.Frames();
  ui.Tap(Role::Button, "Modifier Jeanne Lefèvre");
  ui.Type("Fonction", "Gérante");
  ui.Tap(Role::Button, "Enregistrer le contact");
  CHECK(ListContacts(w.st, w.bakery.id)[0].job_title == "Gérante");
}
