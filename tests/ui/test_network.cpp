// Network management screens, headless over a native store, driven by role
// and name through the mirror: the staff list members with their signature
// status and the not-signed list (with its CSV); a member is created through
// the form (refused first, with the field's reason), gets a signature and
// leaves the not-signed list when complete; deactivated after a confirmation,
// they leave the directory and the recommendations, and the row stays.
#include <catch2/catch.hpp>
#include <memory>

#include "core/model/directory.h"
#include "core/model/network.h"
#include "core/model/profile.h"
#include "headless.h"
#include "ui/app.h"
#include "ui/diagnosis/diagnosis_data.h"
#include "ui/i18n.h"
#include "ui_driver.h"

using namespace relais;
using relais::mirror::Role;

namespace {

constexpr int64_t kNow = 1795780800000;  // 2026-11-27 12:00 UTC
constexpr const char* kSp = "\xC2\xA0";  // the no-break space before a French colon

std::string Fr(const std::string& label, const std::string& value) { return label + kSp + ": " + value; }

struct NetWorld {
  Store st;
  Office loiret, touraine;
  Organisation cci, cma;
  Member sophie, paul;
  AppState app;

  NetWorld() {
    StoreOptions o;
    auto now = std::make_shared<int64_t>(kNow);
    o.now_ms = [now] { return (*now)++; };
    st = OpenStore(":memory:", o);
    loiret.name = "Antenne du Loiret";
    loiret.departments = {"45"};
    SaveOffice(st, loiret);
    touraine.name = "Antenne de Touraine";
    touraine.departments = {"37"};
    SaveOffice(st, touraine);
    cci.name = "CCI Loiret";
    SaveOrganisation(st, cci);
    cma.name = "CMA Centre";
    SaveOrganisation(st, cma);
    sophie = Make("Sophie", "Durand", cci, loiret);
    paul = Make("Paul", "Martin", cma, touraine);
    for (const char* kind : {"convention", "code_of_conduct"})
      for (const char* signer : {"member", "hierarchy"}) {
        Signature s;
        s.member_id = sophie.id;
        s.kind = kind;
        s.signer = signer;
        s.signer_name = "Sophie Durand";
        s.signed_on = "2026-01-15";
        RecordSignature(st, s);
      }
    app.store = &st;
    app.online = false;
    LocalProfile p;
    p.user_id = "0190aaaa000070008000000000000004";
    p.member_id = sophie.id;
    p.display_name = "Sophie Durand";
    p.role = "office_staff";
    SaveLocalProfile(st, p);
    st.db.Exec("INSERT INTO sync_state(key, value) VALUES ('auth.refresh', 'test-refresh-token')");
    st.author_id = p.user_id;
    st.db.Exec("DELETE FROM outbox");
    Platform().downloads.clear();
    SetLang(Lang::Fr);
  }
  Member Make(const char* first, const char* last, const Organisation& org, const Office& office) {
    Member m;
    m.first_name = first;
    m.last_name = last;
    m.organisation_id = org.id;
    m.office_id = office.id;
    m.expertise = {"export"};
    SaveMember(st, m);
    return m;
  }
  int Outbox(const char* table) {
    return (int)st.db.QueryInt("SELECT count(*) FROM outbox WHERE tbl = ?", std::string(table)).value_or(-1);
  }
};

bool HasText(UiDriver& ui, const std::string& text) { return ui.Reveal(Role::Text, text) != nullptr; }

}  // namespace

TEST_CASE("network: lists, not-signed list and its CSV", "[network]") {
  NetWorld w;
  w.app.screen = Screen::Network;
  UiDriver ui(w.app, 1280, 800);
  ui.Frames(2);
  CHECK(ui.Find(Role::Tab, "Réseau") != nullptr);  // in the side navigation
  CHECK(ui.Find(Role::Radio, "Membres")->checked);
  CHECK(HasText(ui, "Sophie Durand"));
  CHECK(ui.HasStatus("Convention et charte signées"));
  CHECK(ui.HasStatus("Aucune signature : ni convention ni charte"));  // Paul
  ui.Type("Rechercher", "touraine");
  CHECK(ui.Find(Role::Text, "Sophie Durand") == nullptr);
  CHECK(HasText(ui, "Paul Martin"));

  ui.Tap(Role::Radio, "Signatures manquantes");
  CHECK(ui.HasStatus("1 membre actif n’a pas toutes ses signatures"));
  CHECK(HasText(ui, "Antenne de Touraine (1)"));
  CHECK(ui.Find(Role::Button, Fr("Ouvrir", "Sophie Durand")) == nullptr);
  ui.Tap(Role::Button, "Exporter en CSV");
  REQUIRE(Platform().downloads.size() == 1);
  CHECK(Platform().downloads[0].filename == "relais-signatures-manquantes_toutes-antennes_2026-11-27.csv");
  CHECK(Platform().downloads[0].content.find("Antenne de Touraine;Paul Martin;CMA Centre;manquante") !=
        std::string::npos);

  ui.Tap(Role::Radio, "Organisations");
  CHECK(HasText(ui, "CMA Centre"));
  ui.Tap(Role::Radio, "Antennes");
  CHECK(HasText(ui, "Antenne du Loiret"));
}

TEST_CASE("network: create a member, sign, deactivate", "[network]") {
  NetWorld w;
  w.app.screen = Screen::Network;
  UiDriver ui(w.app, 1280, 800);
  ui.Tap(Role::Button, "Nouveau membre");
  CHECK(w.app.screen == Screen::NetworkEdit);
  CHECK(w.app.route.sub == "members");

  // Two columns on a desktop, each row's labels and fields side by side.
  const mirror::Item* first = ui.Find(Role::TextBox, "Prénom");
  const mirror::Item* last = ui.Find(Role::TextBox, "Nom");
  REQUIRE((first && last));
  CHECK(first->y == last->y);
  CHECK(first->x < last->x);

  // Refused: no organisation, then a bad email; nothing stored.
  ui.Type("Prénom", "Léa");
  ui.Type("Nom", "Roux");
  ui.Tap(Role::Button, "Créer");
  CHECK(ui.HasStatus("Choisissez l’organisation du membre."));
  ui.Tap(Role::Button, Fr("Organisation", "— choisir —"));
  ui.Tap(Role::Radio, "CMA Centre");
  ui.Tap(Role::Button, Fr("Antenne", "Aucune antenne"));
  ui.Tap(Role::Radio, "Antenne de Touraine");
  ui.Type("E-mail", "lea.roux@cma");
  ui.Tap(Role::Button, "Créer");
  CHECK(ui.HasStatus("Adresse e-mail invalide (exemple : prenom.nom@exemple.fr)."));
  CHECK(w.Outbox("members") == 0);

  ui.Type("E-mail", "lea.roux@cma-centre.fr");
  ui.Type("Compétences", "export, artisanat");
  ui.Tap(Role::Button, "Créer");
  REQUIRE(w.app.route.id.size() == 32);
  CHECK(w.Outbox("members") == 1);
  const std::string lea = w.app.route.id;
  std::optional<Member> m = Get<Member>(w.st, lea);
  REQUIRE(m);
  CHECK(m->organisation_id == w.cma.id);
  CHECK(m->office_id == std::optional<std::string>(w.touraine.id));
  CHECK(m->expertise == std::vector<std::string>{"export", "artisanat"});
  CHECK(ui.HasStatus("Enregistré sur cet appareil"));
  CHECK(HasText(ui, "Léa Roux"));

  // A signature: the member's own, prefilled with her name and today.
  ui.Type("Date de signature", "31/02/2026");
  ui.Tap(Role::Button, "Enregistrer une signature");
  CHECK(ui.HasStatus("Date invalide : jj/mm/aaaa, pas dans le futur."));
  ui.Type("Date de signature", "12/11/2026");
  ui.Type("Version du document", "2026");
  ui.Tap(Role::Button, "Enregistrer une signature");
  CHECK(w.Outbox("signatures") == 1);
  SignatureStatus status = GetSignatureStatus(w.st, lea);
  CHECK(status.convention_member);
  CHECK_FALSE(status.convention_hierarchy);
  CHECK(HasText(ui, "Convention \xE2\x80\x94 signée par Léa Roux (Le membre) le 12/11/2026 \xC2\xB7 version 2026"));
  CHECK(ListNotSigned(w.st).size() == 2);  // Paul and Léa
  CHECK(ui.Reveal(Role::Status, "Signature enregistrée sur cet appareil"));
  // Synced (the engine empties the outbox): the next frame says so, for the
  // signature and the member (read per data version, not per frame).
  w.st.db.Exec("DELETE FROM outbox");
  ui.Frames(1);
  CHECK(ui.Reveal(Role::Status, "Signature synchronisée"));
  CHECK(ui.Reveal(Role::Status, "Synchronisé"));
  CHECK_FALSE(ui.Reveal(Role::Status, "Enregistré sur cet appareil"));

  // Recorded by mistake: withdrawn, after confirming. The row becomes a
  // tombstone that syncs; the slot is missing again.
  ui.Tap(Role::Button, "Retirer (Convention, Le membre)");
  CHECK(GetSignatureStatus(w.st, lea).convention_member);  // not before confirming
  CHECK(HasText(ui, "Retirer cette signature ? Elle a été enregistrée par erreur : elle ne comptera plus, sur tous "
                    "les appareils après synchronisation."));
  ui.Tap(Role::Button, "Annuler");
  CHECK(ui.Find(Role::Button, "Retirer (Convention, Le membre)"));
  ui.Tap(Role::Button, "Retirer (Convention, Le membre)");
  ui.Tap(Role::Button, "Confirmer le retrait");
  ui.Frames(2);
  CHECK_FALSE(GetSignatureStatus(w.st, lea).convention_member);
  CHECK(w.Outbox("signatures") == 1);
  CHECK(w.st.db.QueryInt("SELECT count(*) FROM outbox WHERE tbl = 'signatures' AND op = 'delete'") == 1);
  CHECK(ui.HasStatus("Signature retirée sur cet appareil ; le retrait part à la prochaine synchronisation."));
  CHECK(ui.HasStatus("Aucune signature : ni convention ni charte"));
  CHECK_FALSE(HasText(ui, "Convention \xE2\x80\x94 signée par Léa Roux (Le membre) le 12/11/2026 \xC2\xB7 version 2026"));
  CHECK_FALSE(ui.Find(Role::Button, "Retirer (Convention, Le membre)"));
  CHECK(ListNotSigned(w.st).size() == 2);

  // Deactivate, confirmed: the row stays, she leaves the directory and the recommendations.
  ui.Tap(Role::Button, "Désactiver");
  CHECK(Get<Member>(w.st, lea)->active);  // not before confirming
  ui.Tap(Role::Button, "Confirmer la désactivation");
  CHECK_FALSE(Get<Member>(w.st, lea)->active);
  CHECK(ui.Reveal(Role::Status, "Désactivé : n’apparaît plus dans l’annuaire ni dans les listes de choix."));
  CHECK(ui.Reveal(Role::Status, "Désactivé sur cet appareil."));
  CHECK(ListNotSigned(w.st).size() == 1);
  CHECK(QueryMemberIds(w.st, MemberQuery()).size() == 2);
  for (const auto& rm : ReadRecommendInputs(w.st, "", "").members) CHECK(rm.id != lea);
  CHECK(ReadRecommendInputs(w.st, "", "").members.size() == 2);
  CHECK(ui.Reveal(Role::Button, "Réactiver") != nullptr);
}

TEST_CASE("network: an organisation's SIREN is checked, an office's departments too", "[network]") {
  NetWorld w;
  w.app.screen = Screen::Network;
  UiDriver ui(w.app, 390, 844);  // a phone: one column, nothing out of reach
  ui.Tap(Role::Button, "Nouvelle organisation");
  ui.Type("Nom", "Agence Loire Numérique");
  ui.Type("SIREN", "732 829 321");
  ui.Tap(Role::Button, "Créer");
  CHECK(ui.HasStatus("SIREN invalide : 9 chiffres dont la clé de contrôle est juste."));
  ui.Type("SIREN", "732 829 320");
  ui.Tap(Role::Button, Fr("Type", "— choisir —"));
  ui.Tap(Role::Radio, "Agence de développement");
  ui.Tap(Role::Button, "Créer");
  REQUIRE(w.app.route.id.size() == 32);
  std::optional<Organisation> o = Get<Organisation>(w.st, w.app.route.id);
  REQUIRE(o);
  CHECK(o->siren == std::optional<std::string>("732829320"));
  CHECK(o->kind == "agence");

  ui.Tap(Role::Button, "Retour au réseau");
  ui.Tap(Role::Button, "Nouvelle antenne");
  ui.Type("Nom", "Antenne du Cher");
  ui.Type("Départements couverts", "18, 1");
  ui.Tap(Role::Button, "Créer");
  CHECK(ui.HasStatus("Départements : codes comme 45, 2A ou 971."));
  ui.Type("Départements couverts", "18");
  ui.Tap(Role::Button, "Créer");
  REQUIRE(w.app.route.id.size() == 32);
  CHECK(Get<Office>(w.st, w.app.route.id)->departments == std::vector<std::string>{"18"});
}
