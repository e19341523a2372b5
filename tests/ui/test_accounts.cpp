// The accounts screen (/office/accounts), headless, driven through the
// mirror. The server is the recording platform: the test reads each request
// the screen sends to the accounts API and feeds the server's answer, so it
// checks what goes out (the strict protocol decoder reads it back) and what
// the screen makes of answers and refusals.
#include <catch2/catch.hpp>

#include "core/model/directory.h"
#include "core/model/profile.h"
#include "core/sync/accounts_api.h"
#include "headless.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/sync/sync_client.h"
#include "ui_driver.h"

using namespace relais;
using relais::mirror::Role;

namespace {

constexpr const char* kSp = "\xC2\xA0";  // the no-break space before a French colon
std::string Fr(const std::string& label, const std::string& value) { return label + kSp + ": " + value; }

const std::string kSelf = "0190aaaa000070008000000000000001";
const std::string kClaireId = "0190aaaa000070008000000000000002";
const std::string kSophieId = "0190aaaa000070008000000000000003";
const std::string kAdminId = "0190aaaa000070008000000000000004";

struct AccountsWorld {
  Store st = OpenStore(":memory:");
  AppState app;
  Member claire, paul;

  explicit AccountsWorld(const char* role = "admin") {
    SetLang(Lang::Fr);
    Platform() = PlatformLog();
    Organisation org;
    org.name = "CCI Loiret";
    Insert(st, org);
    claire = MakeMember("Claire", "Martin", org);
    paul = MakeMember("Paul", "Girard", org);
    LocalProfile p;
    p.user_id = kSelf;
    p.display_name = "Moi";
    p.role = role;
    SaveLocalProfile(st, p);
    // A session with tokens: CallApi sends only with an access token.
    st.db.Exec("INSERT INTO sync_state(key, value) VALUES ('auth.access', ?), ('auth.refresh', ?), "
               "('auth.access_expires', ?), ('auth.refresh_expires', ?)",
               std::string(64, '1'), std::string(64, '2'), std::to_string(NowMs() + 3600000),
               std::to_string(NowMs() + 86400000));
    st.db.Exec("DELETE FROM outbox");
    app.store = &st;
    app.online = true;
    app.server_address = "http://relais.test";
    app.screen = Screen::Accounts;
  }
  Member MakeMember(const char* first, const char* last, const Organisation& org) {
    Member m;
    m.first_name = first;
    m.last_name = last;
    m.organisation_id = org.id;
    Insert(st, m);
    return m;
  }
};

sync::AccountInfo Account(const std::string& id, const std::string& login, const std::string& name,
                          const std::string& role, const std::string& member = "", const std::string& member_name = "") {
  sync::AccountInfo a;
  a.id = id;
  a.login = login;
  a.display_name = name;
  a.role = role;
  a.member_id = member;
  a.member_name = member_name;
  a.created_ms = 1795780800000;  // 27/11/2026
  return a;
}

// The last request to an accounts endpoint (the sync engine sends its own too).
const PlatformLog::Http* LastTo(const std::string& path) {
  for (auto it = Platform().http.rbegin(); it != Platform().http.rend(); ++it)
    if (it->url == "http://relais.test" + path) return &*it;
  return nullptr;
}

size_t CountTo(const std::string& path) {
  size_t n = 0;
  for (const auto& h : Platform().http) n += h.url == "http://relais.test" + path;
  return n;
}

void Answer(UiDriver& ui, const PlatformLog::Http* req, int status, const std::string& body) {
  REQUIRE(req);
  OnHttpAnswer(ui.app, req->id, status, body, NowMs());
  ui.Frames(3);
}

sync::AccountListResponse ThreeAccounts(const AccountsWorld& w) {
  sync::AccountListResponse list;
  list.accounts = {Account(kSelf, "admin", "Administrateur", "admin"),
                   Account(kClaireId, "claire", "Claire Martin", "advisor", w.claire.id, "Claire Martin"),
                   Account(kSophieId, "sophie", "Sophie Durand", "office_staff")};
  list.accounts[1].last_login_ms = 1795867200000;  // 28/11/2026
  return list;
}

bool HasText(UiDriver& ui, const std::string& text) { return ui.Reveal(Role::Text, text) != nullptr; }

}  // namespace

TEST_CASE("accounts screen: list, search, role filter; create with a member link", "[accounts-ui]") {
  AccountsWorld w;
  UiDriver ui(w.app, 1280, 800);
  ui.Frames(2);
  CHECK(ui.Find(Role::Tab, "Comptes") != nullptr);
  const PlatformLog::Http* list = LastTo("/api/accounts/list");
  REQUIRE(list);
  CHECK(list->bearer == std::string(64, '1'));
  sync::AccountListRequest lr;
  sync::DecodeError err;
  CHECK(sync::Decode(list->body, sync::Format::Json, &lr, &err));
  CHECK(HasText(ui, "Chargement des comptes…"));
  Answer(ui, list, 200, sync::Encode(ThreeAccounts(w), sync::Format::Json));

  CHECK(HasText(ui, "3 comptes"));
  CHECK(HasText(ui, "Claire Martin (claire)"));
  CHECK(HasText(ui, "Conseiller \xC2\xB7 " + Fr("Membre", "Claire Martin")));
  CHECK(HasText(ui, "Créé le 27/11/2026 \xC2\xB7 " + Fr("Dernière connexion", "28/11/2026")));
  CHECK(HasText(ui, "Créé le 27/11/2026 \xC2\xB7 " + Fr("Dernière connexion", "jamais")));
  CHECK(ui.HasStatus("Votre compte"));
  CHECK(ui.Find(Role::Button, Fr("Gérer", "sophie")) != nullptr);  // admins manage staff accounts

  ui.Type("Rechercher un compte", "durand");
  CHECK(HasText(ui, "1 compte"));
  CHECK_FALSE(HasText(ui, "Claire Martin (claire)"));
  ui.Type("Rechercher un compte", "");
  ui.Tap(Role::Button, Fr("Rôle affiché", "Tous les rôles"));
  ui.Tap(Role::Radio, "Conseiller");
  CHECK(HasText(ui, "1 compte"));
  CHECK(HasText(ui, "Claire Martin (claire)"));
  ui.Tap(Role::Button, Fr("Rôle affiché", "Conseiller"));
  ui.Tap(Role::Radio, "Tous les rôles");
  CHECK(HasText(ui, "3 comptes"));

  // Creation: an advisor linked to Paul, found by part of his name.
  ui.Tap(Role::Button, "Nouveau compte");
  ui.Type("Identifiant", "paul");
  ui.Type("Nom affiché", "Paul Girard");
  ui.Tap(Role::Button, Fr("Rôle", "Conseiller"));
  for (const char* r : {"Conseiller", "Stagiaire", "Équipe du réseau", "Administrateur"})
    CHECK(ui.Find(Role::Radio, r) != nullptr);  // an admin grants every role
  ui.Tap(Role::Radio, "Conseiller");
  ui.Type("Lier à un membre de l’annuaire", "gir");
  ui.Tap(Role::Button, Fr("Lier", "Paul Girard"));
  CHECK(HasText(ui, Fr("Membre lié", "Paul Girard")));
  ui.Tap(Role::Button, "Créer le compte");
  const PlatformLog::Http* create = LastTo("/api/accounts/create");
  REQUIRE(create);
  sync::AccountCreateRequest cr;
  REQUIRE(sync::Decode(create->body, sync::Format::Json, &cr, &err));
  CHECK(cr.login == "paul");
  CHECK(cr.display_name == "Paul Girard");
  CHECK(cr.role == "advisor");
  CHECK(cr.member_id == w.paul.id);
  CHECK(cr.password.empty());  // the server makes one
  // The server refuses: its message is shown, the form kept.
  Answer(ui, create, 409, R"({"error":"login_taken","message":"L'identifiant « paul » est déjà pris."})");
  CHECK(ui.HasStatus("L'identifiant « paul » est déjà pris."));
  CHECK(ui.Find(Role::TextBox, "Identifiant")->value == "paul");

  ui.Type("Identifiant", "paul.girard");
  ui.Tap(Role::Button, "Créer le compte");
  create = LastTo("/api/accounts/create");
  sync::AccountResponse made;
  made.account = Account("0190aaaa000070008000000000000009", "paul.girard", "Paul Girard", "advisor", w.paul.id,
                         "Paul Girard");
  made.password = "k7qm-x3td-9hpw-ra4e";
  Answer(ui, create, 200, sync::Encode(made, sync::Format::Json));
  CHECK(ui.HasStatus("Compte « paul.girard » créé."));
  CHECK(HasText(ui, "Mot de passe de « paul.girard » : k7qm-x3td-9hpw-ra4e — notez-le et transmettez-le : il ne "
                    "sera plus affiché."));
  CHECK(ui.Find(Role::TextBox, "Identifiant")->value.empty());  // ready for the next one
  CHECK(HasText(ui, "4 comptes"));
  CHECK(HasText(ui, "Paul Girard (paul.girard)"));
  CHECK(w.st.db.QueryInt("SELECT count(*) FROM outbox") == 0);  // nothing of it on the device
}

TEST_CASE("accounts screen: disable after confirmation, reset a password shown once", "[accounts-ui]") {
  AccountsWorld w;
  UiDriver ui(w.app, 1280, 800);
  Answer(ui, LastTo("/api/accounts/list"), 200, sync::Encode(ThreeAccounts(w), sync::Format::Json));
  ui.Tap(Role::Button, Fr("Gérer", "claire"));
  CHECK(ui.Find(Role::TextBox, "Nom affiché")->value == "Claire Martin");
  CHECK(HasText(ui, Fr("Membre lié", "Claire Martin")));

  ui.Tap(Role::Button, "Désactiver le compte");
  CHECK(CountTo("/api/accounts/disable") == 0);  // not before the confirmation
  CHECK(ui.HasStatus("Désactiver « claire » ? Toutes ses sessions sont fermées aussitôt."));
  ui.Tap(Role::Button, "Annuler");
  CHECK(ui.Find(Role::Button, "Confirmer la désactivation") == nullptr);
  ui.Tap(Role::Button, "Désactiver le compte");
  ui.Tap(Role::Button, "Confirmer la désactivation");
  const PlatformLog::Http* off = LastTo("/api/accounts/disable");
  REQUIRE(off);
  sync::AccountDisableRequest dr;
  sync::DecodeError err;
  REQUIRE(sync::Decode(off->body, sync::Format::Json, &dr, &err));
  CHECK(dr.id == kClaireId);
  CHECK(dr.disabled);
  sync::AccountResponse disabled;
  disabled.account = ThreeAccounts(w).accounts[1];
  disabled.account.disabled = true;
  Answer(ui, off, 200, sync::Encode(disabled, sync::Format::Json));
  CHECK(ui.HasStatus("Compte « claire » désactivé : ses sessions sont fermées."));
  CHECK(ui.HasStatus("Désactivé"));
  CHECK(ui.Find(Role::Button, "Réactiver le compte") != nullptr);

  ui.Tap(Role::Button, "Réinitialiser le mot de passe");
  ui.Tap(Role::Button, "Confirmer la réinitialisation");
  const PlatformLog::Http* reset = LastTo("/api/accounts/password");
  REQUIRE(reset);
  sync::AccountPasswordRequest pr;
  REQUIRE(sync::Decode(reset->body, sync::Format::Json, &pr, &err));
  CHECK(pr.id == kClaireId);
  CHECK(pr.password.empty());
  sync::AccountResponse fresh = disabled;
  fresh.password = "abcd-efgh-jkmn-pqrs";
  Answer(ui, reset, 200, sync::Encode(fresh, sync::Format::Json));
  CHECK(HasText(ui, "Mot de passe de « claire » : abcd-efgh-jkmn-pqrs — notez-le et transmettez-le : il ne sera "
                    "plus affiché."));
  // Closing the account forgets the password: it is shown once.
  ui.Tap(Role::Button, Fr("Fermer", "claire"));
  ui.Tap(Role::Button, Fr("Gérer", "claire"));
  CHECK_FALSE(HasText(ui, "Mot de passe de « claire » : abcd-efgh-jkmn-pqrs — notez-le et transmettez-le : il ne "
                          "sera plus affiché."));

  // A refusal from the server is shown as it says it.
  ui.Tap(Role::Button, "Réactiver le compte");
  Answer(ui, LastTo("/api/accounts/disable"), 403,
         R"({"error":"forbidden_account","message":"Seul un administrateur peut modifier un compte de ce rôle."})");
  CHECK(ui.HasStatus("Seul un administrateur peut modifier un compte de ce rôle."));
  // No answer at all.
  ui.Tap(Role::Button, "Réactiver le compte");
  Answer(ui, LastTo("/api/accounts/disable"), 0, "");
  CHECK(ui.HasStatus("Le serveur ne répond pas : réessayez."));
}

TEST_CASE("accounts screen: office staff see only the roles they may grant; own account limits", "[accounts-ui]") {
  AccountsWorld w("office_staff");
  UiDriver ui(w.app, 390, 844);
  sync::AccountListResponse list = ThreeAccounts(w);
  list.accounts[0] = Account(kAdminId, "admin", "Administrateur", "admin");
  list.accounts[2].id = kSelf;  // sophie is the signed-in user
  Answer(ui, LastTo("/api/accounts/list"), 200, sync::Encode(list, sync::Format::Json));
  CHECK(ui.Find(Role::Button, Fr("Gérer", "admin")) == nullptr);
  CHECK(ui.Find(Role::Button, Fr("Gérer", "sophie")) == nullptr);
  CHECK(HasText(ui, "Seul un administrateur peut modifier ce compte."));
  ui.Tap(Role::Button, Fr("Gérer", "claire"));
  ui.Tap(Role::Button, Fr("Rôle", "Conseiller"));
  CHECK(ui.Find(Role::Radio, "Stagiaire") != nullptr);
  CHECK(ui.Find(Role::Radio, "Équipe du réseau") == nullptr);
  CHECK(ui.Find(Role::Radio, "Administrateur") == nullptr);
  ui.Tap(Role::Radio, "Stagiaire");
  ui.Tap(Role::Button, "Enregistrer");
  sync::AccountUpdateRequest ur;
  sync::DecodeError err;
  REQUIRE(sync::Decode(LastTo("/api/accounts/update")->body, sync::Format::Json, &ur, &err));
  CHECK(ur.role == "trainee");
  CHECK(ur.member_id == w.claire.id);
  CHECK(ur.display_name == "Claire Martin");
}

TEST_CASE("accounts screen: offline it says accounts need the server", "[accounts-ui]") {
  AccountsWorld w;
  w.app.online = false;
  UiDriver ui(w.app, 1280, 800);
  ui.Frames(2);
  CHECK(ui.HasStatus(
      "Les comptes sont gérés sur le serveur : connectez-vous au réseau pour les voir et les modifier."));
  CHECK(LastTo("/api/accounts/list") == nullptr);
  CHECK(ui.Find(Role::Button, "Nouveau compte") == nullptr);
  // Back online: the list is asked for.
  OnOnline(w.app, true, NowMs());
  ui.Frames(2);
  CHECK(LastTo("/api/accounts/list") != nullptr);
}

TEST_CASE("accounts screen: advisors are kept out", "[accounts-ui]") {
  AccountsWorld w("advisor");
  w.app.screen = Screen::Accounts;
  UiDriver ui(w.app, 1280, 800);
  ui.Frames(2);
  CHECK((LastTo("/api/accounts/list") == nullptr));
  CHECK(ui.Find(Role::Button, "Nouveau compte") == nullptr);
}
