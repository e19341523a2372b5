// advisor_world.h — a device store with an office, an organisation, two
// members and three companies, signed in as Claire, and a headless UI driven
// by role and name through the mirror: shared by the advisor screens' tests.
#pragma once
#include <catch2/catch.hpp>

#include <functional>
#include <memory>

#include "core/model/casework.h"
#include "core/model/company.h"
#include "core/model/directory.h"
#include "core/model/profile.h"
#include "core/model/store.h"
#include "headless.h"
#include "ui/app.h"
#include "ui/i18n.h"

namespace advisor_test {

using namespace relais;
using relais::mirror::Role;


// 2026-11-27 12:00 UTC
constexpr int64_t kNow = 1795780800000;

struct World {
  std::shared_ptr<int64_t> now = std::make_shared<int64_t>(kNow);
  Store st;
  Office office;
  Organisation cci;
  Member me, colleague;
  Company bakery, joinery, garage;
  AppState app;

  World() {
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
    Insert(st, me);
    colleague.first_name = "Marc";
    colleague.last_name = "Durand";
    colleague.organisation_id = cci.id;
    Insert(st, colleague);
    bakery = MakeCompany("Boulangerie Lefèvre", "41829305600010", "45000", "Orléans", "10.71C");
    joinery = MakeCompany("Menuiserie Dupont", "55210348300012", "37000", "Tours", "16.23Z");
    garage = MakeCompany("Garage des Halles", "", "45000", "Orléans", "45.20A");

    app.store = &st;
    app.device.width = 390;
    app.device.height = 844;
    // Signed in as Claire, the way sign-in leaves the device (sync_client.cpp):
    // the first frame reads the session from here.
    LocalProfile p;
    p.user_id = "0190aaaa000070008000000000000001";
    p.member_id = me.id;
    p.display_name = "Claire Martin";
    p.role = "advisor";
    SaveLocalProfile(st, p);
    st.db.Exec("INSERT INTO sync_state(key, value) VALUES ('auth.refresh', 'test-refresh-token')");
    Platform().history.clear();
    SetLang(Lang::Fr);
  }

  Company MakeCompany(const char* name, const char* siret, const char* postcode, const char* commune, const char* naf) {
    Company c;
    c.name = name;
    if (*siret) c.siret = siret;
    c.postcode = postcode;
    c.commune_name = commune;
    c.naf = naf;
    Insert(st, c);
    return c;
  }

  Interaction Note(const Company& c, const Member& author, const char* date, const char* text) {
    Interaction n;
    n.company_id = c.id;
    n.author_member_id = author.id;
    n.occurred_on = date;
    n.note = text;
    std::vector<FollowUpAction> none;
    InsertInteraction(st, n, none);
    return n;
  }
};

struct Ui {
  Headless h;
  AppState& app;
  std::function<void()> body;
  Ui(AppState& a, float w = 390, float hgt = 844) : h(w, hgt), app(a) {
    app.device.width = w;
    app.device.height = hgt;
    body = [this] { DrawApp(app); };
    h.Frame(body);
    h.Frame(body);
  }
  void Frames(int n = 2) {
    for (int i = 0; i < n; i++) h.Frame(body);
  }
  const mirror::Item* Find(Role role, const std::string& name) { return mirror::FindByName(role, name); }
  void Tap(Role role, const std::string& name) {
    const mirror::Item* it = Find(role, name);
    INFO(name);
    REQUIRE(it != nullptr);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(it->x + it->w / 2, it->y + it->h / 2);
    io.AddMouseButtonEvent(0, true);
    io.AddMouseButtonEvent(0, false);
    h.Settle(body);
  }
  // Types into a field as the page does: focus, the whole new value, blur.
  void Type(const std::string& field, const std::string& value) {
    const mirror::Item* it = Find(Role::TextBox, field);
    INFO(field);
    REQUIRE(it != nullptr);
    ImGuiID id = it->id;
    static uint32_t seq = 100;
    textsync::RequestFocus(id);
    Frames(2);
    textsync::ExternalEdit(id, ++seq, value, 0, 0);
    Frames(1);
    textsync::Blurred(id);
    Frames(2);
  }
  bool HasStatus(const std::string& text) { return Find(Role::Status, text) != nullptr; }
};


}  // namespace advisor_test
