// The portal and network management: an office or organisation the staff
// deactivated (a synced edit of its active column) leaves the public pages,
// and the portal no longer routes requests to that office; reactivated, it is
// back. Nothing is deleted: the rows stay on the server.
#include <catch2/catch.hpp>

#include "portal_support.h"

using namespace portaltest;
using namespace synctest;

namespace {

bool Contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

void SetActive(Network& net, const char* table, const std::string& id, bool active) {
  Device sophie = net.NewDevice("sophie");  // office staff
  std::vector<Change> c;
  c.push_back(sophie.Upsert(table, id, {{"active", int64_t(active ? 1 : 0)}}));
  auto r = sophie.Push(c);
  REQUIRE(r.http.status == 200);
}

}  // namespace

TEST_CASE("portal: deactivated offices and organisations are not shown nor routed to", "[server][portal]") {
  Network net(PortalArgs());
  SeedPortal(net);
  const std::string olivet = "/portail/resultats?besoin=export&commune=45232";
  const std::string tours = "/portail/resultats?besoin=export&commune=37261";
  HttpReply before = Get(net.port(), olivet);
  REQUIRE(before.status == 200);
  CHECK(Contains(before.body, "Antenne du Loiret"));
  CHECK(Contains(Get(net.port(), tours).body, "Prospection internationale"));  // Dev'Up's, region-wide

  SetActive(net, "offices", kOffice, false);
  HttpReply after = Get(net.port(), olivet);
  REQUIRE(after.status == 200);
  CHECK(!Contains(after.body, "Antenne du Loiret"));
  CHECK(Contains(after.body, "Aucune antenne du réseau ne couvre encore ce département."));
  HttpReply refused = PostForm(net.port(), ValidContact());  // from Olivet (45)
  CHECK(refused.status == 422);
  CHECK(PulledRequests(net, "sophie").empty());
  CHECK(PulledRequests(net, "admin").empty());

  // An organisation that left: neither it nor its services.
  SetActive(net, "organisations", kOrgB, false);
  HttpReply t = Get(net.port(), tours);
  CHECK(!Contains(t.body, "Prospection internationale"));
  CHECK(!Contains(t.body, "Dev'Up"));
  CHECK(Contains(t.body, "Export en Touraine"));  // another organisation's

  SetActive(net, "offices", kOffice, true);
  CHECK(Contains(Get(net.port(), olivet).body, "Antenne du Loiret"));
  CHECK(PostForm(net.port(), ValidContact()).status == 303);
}
