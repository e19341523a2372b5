// advisor_world.h — a device store with an office, an organisation, two
// members and three companies, signed in as Claire (the UI driver is
// ui_driver.h): shared by the advisor screens' tests.
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
#include "ui_driver.h"
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

using Ui = UiDriver;


}  // namespace advisor_test
