// demo_data.cpp — see demo_data.h.
#include "demo_data.h"

#include <sqlite3.h>

#include <chrono>
#include <optional>
#include <stdexcept>

#include "catalog.h"
#include "core/demo/demo.h"
#include "core/model/store.h"
#include "store.h"
#include "sync_service.h"
#include "users_cli.h"

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

relais::Value ColumnValue(const relais::Stmt& s, int col) {
  switch (sqlite3_column_type(s.handle(), col)) {
    case SQLITE_INTEGER:
      return s.Int(col);
    case SQLITE_FLOAT:
      return s.Double(col);
    case SQLITE_NULL:
      return std::monostate{};
    default:
      return s.Text(col);
  }
}

// The first id the query gives, or a clear error: the generator's network
// always has these people, so an empty answer is a bug in it.
std::string PickMember(relais::Db& db, const std::string& what, const std::string& sql) {
  std::optional<std::string> id = db.QueryText(sql);
  if (!id || id->empty()) throw std::runtime_error("demo data: no member fits the " + what + " account");
  return *id;
}

struct Persona {
  const char* login;
  const char* role;  // the account's
  const char* first;
  const char* last;
  std::string member_id;
};

void Rename(relais::Db& db, const Persona& p) {
  std::string email = std::string(p.login) + ".demo@relais.example";
  db.Exec("UPDATE members SET first_name = ?, last_name = ?, email = ? WHERE id = ?", std::string(p.first),
          std::string(p.last), email, p.member_id);
}

// Every live row of every synced table, tables in dependency order (the
// catalog's, from SyncedTables()) and rows in creation order.
std::vector<SeedRowData> ReadRows(relais::Db& db, const Catalog& catalog) {
  std::vector<SeedRowData> rows;
  for (const TableInfo& t : catalog.tables()) {
    std::string cols;
    for (const ColumnInfo& c : t.columns) cols += ", \"" + c.name + "\"";
    relais::Stmt s = db.Prepare("SELECT id" + cols + " FROM \"" + t.name +
                                "\" WHERE deleted_hlc IS NULL ORDER BY created_hlc, id");
    while (s.Step()) {
      SeedRowData r;
      r.table = t.name;
      r.row_id = s.Text(0);
      r.fields.reserve(t.columns.size());
      for (size_t i = 0; i < t.columns.size(); i++)
        r.fields.push_back({t.columns[i].name, ColumnValue(s, static_cast<int>(i) + 1)});
      rows.push_back(std::move(r));
    }
  }
  return rows;
}

}  // namespace

DemoDataResult SeedDemoData(ServerStore& store, SyncService& sync, const Catalog& catalog, PasswordCost cost,
                            const DemoDataOptions& options) {
  DemoDataResult result;
  bool done = false;
  store.Read([&](SyncTxn& tx) { done = tx.GetMeta(kDemoDataMetaKey).has_value(); });
  if (done) return result;

  Clock::time_point t0 = Clock::now();
  relais::Store local = relais::OpenStore(":memory:");
  relais::demo::DemoOptions gen;
  gen.seed = options.seed;
  gen.scale = options.scale;
  gen.write_outbox = false;  // rows only: the server keeps its own log
  gen.questionnaire_path = options.questionnaire_path;
  gen.today = options.today;
  relais::demo::GenerateDemo(local, gen);

  relais::Db& db = local.db;
  Persona people[] = {
      {"claire", "advisor", "Claire", "Martin", ""},
      {"marc", "advisor", "Marc", "Petit", ""},
      {"lea", "trainee", "Léa", "Bernard", ""},
      {"sophie", "office_staff", "Sophie", "Durand", ""},
      {"nora", "advisor", "Nora", "Lefèvre", ""},
  };
  const std::string busiest =
      "SELECT m.id FROM members m JOIN interactions i ON i.author_member_id = m.id WHERE m.role = 'advisor' ";
  people[0].member_id = PickMember(db, "claire", busiest + "GROUP BY m.id ORDER BY count(*) DESC, m.id LIMIT 1");
  people[1].member_id = PickMember(
      db, "marc",
      busiest + "AND m.organisation_id <> (SELECT organisation_id FROM members WHERE id = '" + people[0].member_id +
          "') GROUP BY m.id ORDER BY count(*) DESC, m.id LIMIT 1");
  people[2].member_id = PickMember(db, "lea",
                                   "SELECT r.member_id FROM registrations r JOIN members m ON m.id = r.member_id "
                                   "WHERE m.id NOT IN ('" + people[0].member_id + "', '" + people[1].member_id +
                                       "') GROUP BY r.member_id ORDER BY count(*) DESC, r.member_id LIMIT 1");
  people[3].member_id =
      PickMember(db, "sophie", "SELECT id FROM members WHERE role = 'network_staff' ORDER BY id LIMIT 1");
  // nora answers the hotline: the legal expert who wrote the most answers.
  people[4].member_id = PickMember(db, "nora",
                                   "SELECT m.id FROM members m LEFT JOIN legal_answers a ON a.author_member_id = m.id "
                                   "WHERE m.role = 'legal_expert' GROUP BY m.id ORDER BY count(a.id) DESC, m.id "
                                   "LIMIT 1");
  for (const Persona& p : people) Rename(db, p);
  std::vector<SeedRowData> rows = ReadRows(db, catalog);
  result.generate_s = SecondsSince(t0);

  // Accounts first: if the import fails, the next start redoes both (the
  // accounts are updated in place), never the other way round.
  for (const Persona& p : people)
    AddUser(store, {p.login, "relais-demo", p.role, p.member_id}, cost, std::string(p.first) + " " + p.last);
  AddUser(store, {"admin", "relais-demo", "admin", ""}, cost, "Administrateur");

  Clock::time_point t1 = Clock::now();
  result.seeded = sync.SeedRows(rows, kDemoDataMetaKey);
  result.import_s = SecondsSince(t1);
  result.rows = rows.size();
  result.claire = people[0].member_id;
  result.marc = people[1].member_id;
  result.lea = people[2].member_id;
  result.sophie = people[3].member_id;
  result.nora = people[4].member_id;
  return result;
}
