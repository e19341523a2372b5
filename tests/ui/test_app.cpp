#include <catch2/catch.hpp>

#include "headless.h"
#include "ui/app.h"
#include "ui/i18n.h"

using namespace relais;
using relais::mirror::Role;

TEST_CASE("every message exists in French and English", "[i18n]") {
  for (int i = 0; i < (int)Msg::Count; i++) {
    SetLang(Lang::Fr);
    std::string fr = T((Msg)i);
    SetLang(Lang::En);
    std::string en = T((Msg)i);
    CHECK_FALSE(fr.empty());
    CHECK_FALSE(en.empty());
  }
  SetLang(Lang::Fr);
  CHECK(std::string(T(Msg::NavSettings)) == "Réglages");
  CHECK(LabelValue(Msg::Version, "0.1") == "Version\xC2\xA0: 0.1");
  SetLang(Lang::En);
  CHECK(LabelValue(Msg::Version, "0.1") == "Version: 0.1");
  SetLang(Lang::Fr);
}

TEST_CASE("screens have stable paths for history", "[app]") {
  Screen s;
  REQUIRE(ScreenFromPath("/about", &s));
  CHECK(s == Screen::About);
  CHECK(std::string(ScreenPath(Screen::Settings)) == "/settings");
  CHECK_FALSE(ScreenFromPath("/nope", &s));
  CHECK_FALSE(ScreenFromPath("", &s));
}

TEST_CASE("management screens: every path reads back as the screen and route that wrote it", "[app]") {
  const std::string id = "0123456789abcdef0123456789abcdef", course = "fedcba9876543210fedcba9876543210";
  struct Case {
    Screen screen;
    Route route;
    const char* path;
  };
  const Case cases[] = {
      {Screen::Network, {}, "/office/network"},
      {Screen::NetworkEdit, {id, "members"}, nullptr},
      {Screen::NetworkEdit, {"", "organisations"}, "/office/network/organisations/new"},
      {Screen::NetworkEdit, {id, "offices"}, nullptr},
      {Screen::UniversityAdmin, {}, "/office/universite"},
      {Screen::CourseEdit, {id, ""}, nullptr},
      {Screen::CourseEdit, {}, "/office/universite/cours/new"},
      {Screen::SessionAdmin, {id, ""}, "/office/universite/session/0123456789abcdef0123456789abcdef"},
      {Screen::SessionAdmin, {"", course}, "/office/universite/cours/fedcba9876543210fedcba9876543210/session/new"},
      {Screen::Accounts, {}, "/office/accounts"},
  };
  for (const Case& c : cases) {
    std::string path = ScreenPath(c.screen, c.route);
    INFO(path);
    if (c.path) CHECK(path == c.path);
    Screen s = Screen::Count;
    Route r;
    REQUIRE(ScreenFromPath(path.c_str(), &s, &r));
    CHECK(s == c.screen);
    CHECK(r.id == c.route.id);
    CHECK(r.sub == c.route.sub);
  }
  Screen s;
  CHECK_FALSE(ScreenFromPath("/office/network/people/new", &s));
  CHECK_FALSE(ScreenFromPath("/office/network/members/xyz", &s));
  CHECK_FALSE(ScreenFromPath("/office/universite/cours/abc", &s));
  CHECK_FALSE(ScreenFromPath("/office/universite/session/new", &s));
}

TEST_CASE("navigating pushes history, back returns to the previous screen", "[app]") {
  Headless h(390, 844);
  AppState app;
  app.device.width = 390;
  app.device.height = 844;
  auto body = [&] { DrawApp(app); };
  h.Frame(body);  // signed out: the first frame replaces the address with /signin
  Platform().history.clear();
  Navigate(app, Screen::About);
  CHECK(app.screen == Screen::About);
  REQUIRE(Platform().history.size() == 1);
  CHECK(Platform().history[0] == "push /about");
  Navigate(app, Screen::About);  // same screen: no new history entry
  CHECK(Platform().history.size() == 1);
  OnHistoryPop(app, "/settings");
  CHECK(app.screen == Screen::Settings);
  OnHistoryPop(app, "/unknown");
  CHECK(app.screen == Screen::SignIn);  // the home screen: sign-in until someone is signed in
  app.session.signed_in = true;
  OnHistoryPop(app, "/unknown");
  CHECK(app.screen == Screen::Companies);  // the advisor's home once signed in
}

static void Tap(Headless& h, const std::function<void()>& body, Role role, const char* name) {
  const mirror::Item* it = mirror::FindByName(role, name);
  REQUIRE(it != nullptr);
  h.Click(*it, body);
}

TEST_CASE("settings: a bad server address is refused and nothing is saved; a good one is saved", "[app]") {
  Headless h(1280, 800);
  AppState app;
  app.screen = Screen::Settings;
  Platform().prefs.clear();
  auto body = [&] { DrawApp(app); };
  h.Frame(body);
  app.server_edit = "relais.example.org";
  Tap(h, body, Role::Button, "Enregistrer");
  CHECK(app.settings_message_error);
  CHECK(Platform().prefs.empty());
  app.server_edit = "  https://relais.example.org ";
  Tap(h, body, Role::Button, "Enregistrer");
  CHECK_FALSE(app.settings_message_error);
  REQUIRE(Platform().prefs.size() == 1);
  CHECK(Platform().prefs[0] == std::make_pair(std::string("server"), std::string("https://relais.example.org")));
  CHECK(app.server_address == "https://relais.example.org");

  Tap(h, body, Role::Radio, "English");
  CHECK(app.lang == Lang::En);
  CHECK(Platform().prefs.back() == std::make_pair(std::string("lang"), std::string("en")));
  CHECK(mirror::FindByName(Role::Tab, "Settings") != nullptr);
  Tap(h, body, Role::Radio, "Français");
  CHECK(app.lang == Lang::Fr);
}

TEST_CASE("phone portrait gets bottom tabs, wider screens a side navigation", "[app]") {
  {
    Headless h(390, 844);
    AppState app;
    app.device.width = 390;
    app.device.height = 844;
    h.Frame([&] { DrawApp(app); });
    const mirror::Item* tab = mirror::FindByName(Role::Tab, "À propos");
    REQUIRE(tab != nullptr);
    CHECK(tab->y > 700);  // at the bottom, within thumb reach
  }
  {
    Headless h(1024, 768);
    AppState app;
    app.device.width = 1024;
    app.device.height = 768;
    h.Frame([&] { DrawApp(app); });
    const mirror::Item* tab = mirror::FindByName(Role::Tab, "À propos");
    REQUIRE(tab != nullptr);
    CHECK(tab->x < 240);
    CHECK(tab->y < 300);  // side navigation, near the top
  }
}
