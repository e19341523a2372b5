// users_cli.cpp — see users_cli.h.
#include "users_cli.h"

#include <chrono>
#include <iterator>
#include <map>

#include "auth.h"
#include "core/paris_time.h"
#include "core/sync/ids.h"
#include "store.h"
#include "sync_service.h"

namespace {

bool IsRole(const std::string& r) { return r == "advisor" || r == "trainee" || r == "office_staff" || r == "admin"; }

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

bool ParseUserSpec(const std::string& spec, UserSpec* out, std::string* error) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= spec.size(); i++)
    if (i == spec.size() || spec[i] == ':') {
      parts.push_back(spec.substr(start, i - start));
      start = i + 1;
    }
  // The role is the last part, or the one before a member id.
  size_t role_at = parts.size();
  if (parts.size() >= 3 && IsRole(parts.back()))
    role_at = parts.size() - 1;
  else if (parts.size() >= 4 && IsRole(parts[parts.size() - 2]))
    role_at = parts.size() - 2;
  if (role_at == parts.size()) {
    *error = "expected login:password:role[:member_id] with role advisor, trainee, office_staff or admin";
    return false;
  }
  UserSpec u;
  u.login = NormalizeLogin(parts[0]);
  for (size_t i = 1; i < role_at; i++) u.password += (i > 1 ? ":" : "") + parts[i];
  u.role = parts[role_at];
  if (role_at + 1 < parts.size()) u.member_id = parts[role_at + 1];
  if (u.login.empty() || u.login.find_first_of(" \t") != std::string::npos) {
    *error = "the login must be one word";
    return false;
  }
  if (u.password.size() < 8) {
    *error = "the password must have at least 8 characters";
    return false;
  }
  if (!u.member_id.empty() && !relais::IsValidId(u.member_id)) {
    *error = "the member id must be 32 lowercase hex digits";
    return false;
  }
  *out = u;
  return true;
}

bool CheckMemberLinks(ServerStore& store, const std::vector<UserSpec>& specs, std::string* error) {
  std::map<std::string, std::string> login_of;  // member id -> the login that has it
  for (const UserRecord& u : store.ListUsers())
    if (!u.member_id.empty()) login_of[u.member_id] = u.login;
  for (const UserSpec& s : specs) {  // a spec gives its login the member, or takes it away
    for (auto it = login_of.begin(); it != login_of.end();)
      it = it->second == s.login ? login_of.erase(it) : std::next(it);
    if (s.member_id.empty()) continue;
    auto [it, added] = login_of.emplace(s.member_id, s.login);
    if (!added) {
      *error = "--add-user '" + s.login + "': member " + s.member_id + " already has an account, '" + it->second +
               "'; nothing was saved";
      return false;
    }
  }
  return true;
}

void AddUser(ServerStore& store, const UserSpec& spec, PasswordCost cost, const std::string& display_name) {
  std::optional<UserRecord> existing = store.UserByLogin(spec.login);
  UserRecord u = existing ? *existing : UserRecord{};
  if (!existing) {
    u.id = NewRandomId();
    u.login = spec.login;
    u.created_ms = NowMs();
  }
  u.password_hash = HashPassword(spec.password, cost);
  u.role = spec.role;
  u.member_id = spec.member_id;
  if (!display_name.empty()) u.display_name = display_name;
  store.PutUser(u);
}

void SeedDemo(ServerStore& store, SyncService& sync, PasswordCost cost) {
  // Fixed ids: seeding twice updates the same rows.
  const std::string cci = "d0000000000000000000000000000001", devup = "d0000000000000000000000000000002";
  const std::string office = "d0000000000000000000000000000011";
  const std::string claire = "d0000000000000000000000000000021", marc = "d0000000000000000000000000000022",
                    lea = "d0000000000000000000000000000023", sophie = "d0000000000000000000000000000024";
  const std::string course = "d0000000000000000000000000000031", session = "d0000000000000000000000000000032";
  using S = std::string;
  sync.SeedRow("offices", office,
               {{"name", S("Antenne d'Orléans")}, {"postcode", S("45000")}, {"commune_name", S("Orléans")}});
  sync.SeedRow("organisations", cci, {{"name", S("CCI Centre-Val de Loire")}, {"kind", S("chambre consulaire")}});
  sync.SeedRow("organisations", devup, {{"name", S("Dev'Up Centre-Val de Loire")}, {"kind", S("agence régionale")}});
  // Skills and languages (JSON arrays) give the directory's search something to find.
  struct M {
    const std::string& id;
    const char *first, *last, *org_role;
    const std::string& org;
    const char *expertise, *languages;
  } members[] = {{claire, "Claire", "Martin", "advisor", cci, R"(["export","innovation"])", R"(["fr","en","de"])"},
                 {marc, "Marc", "Petit", "advisor", devup, R"(["financement","investissement"])", R"(["fr","en"])"},
                 {lea, "Léa", "Bernard", "advisor", cci, R"(["création"])", R"(["fr"])"},
                 {sophie, "Sophie", "Durand", "network_staff", devup, "[]", R"(["fr"])"}};
  for (const M& m : members)
    sync.SeedRow("members", m.id,
                 {{"first_name", S(m.first)},
                  {"last_name", S(m.last)},
                  {"organisation_id", m.org},
                  {"office_id", office},
                  {"role", S(m.org_role)},
                  {"expertise", S(m.expertise)},
                  {"languages", S(m.languages)}});
  sync.SeedRow("courses", course,
               {{"theme", S("intelligence économique")},
                {"level", S("intro")},
                {"title", S("Découvrir l'intelligence économique")},
                {"duration_minutes", int64_t(210)}});
  const int64_t starts = 1767258000000;  // 2026-01-01 09:00 UTC
  sync.SeedRow("course_sessions", session,
               {{"course_id", course},
                {"starts_at", starts},
                {"ends_at", starts + 210 * 60000},
                {"place", S("Orléans, CCI")},
                {"trainer", S("Sophie Durand")},
                {"seats", int64_t(12)}});

  // --- University (tests/e2e/university.test.mjs) ---
  // Two more trainees, and a course whose sessions are always to come (two
  // and three weeks from the seeding, 09:30 in Paris): one of 12 seats, and
  // one of 2 seats for trainees competing for the last places.
  const std::string tom = "d0000000000000000000000000000025", ines = "d0000000000000000000000000000026";
  sync.SeedRow("members", tom, {{"first_name", S("Tom")}, {"last_name", S("Leroy")}, {"organisation_id", devup},
                                {"office_id", office}, {"role", S("advisor")}});
  sync.SeedRow("members", ines, {{"first_name", S("Inès")}, {"last_name", S("Moreau")}, {"organisation_id", cci},
                                 {"office_id", office}, {"role", S("advisor")}});
  const std::string export_course = "d0000000000000000000000000000033";
  sync.SeedRow("courses", export_course,
               {{"theme", S("export")},
                {"level", S("workshop")},
                {"title", S("Premiers pas à l'export en Allemagne")},
                {"description", S("Atelier pratique : marchés, salons, aides régionales à l'export.")},
                {"duration_minutes", int64_t(210)}});
  const struct {
    const char* id;
    int days;
    int64_t seats;
  } upcoming[] = {{"d0000000000000000000000000000034", 14, 12}, {"d0000000000000000000000000000035", 21, 2}};
  for (const auto& u : upcoming) {
    int64_t day = NowMs() / 86400000 + u.days;
    int64_t at = day * 86400000 + (9 * 60 + 30) * 60000;
    at -= int64_t(relais::ParisOffsetMinutes(at)) * 60000;
    sync.SeedRow("course_sessions", u.id,
                 {{"course_id", export_course},
                  {"starts_at", at},
                  {"ends_at", at + 210 * 60000},
                  {"place", S("Tours, Maison des entreprises")},
                  {"trainer", S("Claire Martin")},
                  {"seats", u.seats}});
  }
  AddUser(store, {"tom", "relais-demo", "trainee", tom}, cost, "Tom Leroy");
  AddUser(store, {"ines", "relais-demo", "trainee", ines}, cost, "Inès Moreau");
  // --- end University ---

  // --- Legal hotline (tests/e2e/hotline.test.mjs) ---
  // Nora answers the hotline: an advisor account whose member row has the
  // directory role "legal_expert" (the server lets such members answer).
  const std::string nora = "d0000000000000000000000000000027";
  sync.SeedRow("members", nora,
               {{"first_name", S("Nora")},
                {"last_name", S("Lefèvre")},
                {"organisation_id", cci},
                {"office_id", office},
                {"role", S("legal_expert")},
                {"job_title", S("Juriste, hotline juridique")},
                {"expertise", S(R"(["droit des affaires","création d'entreprise"])")},
                {"languages", S(R"(["fr"])")}});
  AddUser(store, {"nora", "relais-demo", "advisor", nora}, cost, "Nora Lefèvre");
  // --- end Legal hotline ---

  AddUser(store, {"claire", "relais-demo", "advisor", claire}, cost, "Claire Martin");
  AddUser(store, {"marc", "relais-demo", "advisor", marc}, cost, "Marc Petit");
  AddUser(store, {"lea", "relais-demo", "trainee", lea}, cost, "Léa Bernard");
  AddUser(store, {"sophie", "relais-demo", "office_staff", sophie}, cost, "Sophie Durand");
  AddUser(store, {"admin", "relais-demo", "admin", ""}, cost, "Administrateur");
}
