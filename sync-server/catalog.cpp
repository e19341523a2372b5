// catalog.cpp — see catalog.h.
#include "catalog.h"

#include <algorithm>
#include <cctype>

#include "core/db/migrations.h"
#include "core/model/schema.h"

using relais::Db;
using relais::Stmt;

namespace {

// Long free text written by people: losing one side of a concurrent edit
// would lose someone's work, so both texts are kept (see merge.cpp).
// Short values (names, codes, statuses, JSON documents) resolve by
// last-writer-wins and keep the loser in a conflict record.
const std::pair<const char*, const char*> kNoteColumns[] = {
    {"interactions", "note"}, {"referrals", "message"},          {"legal_questions", "body"}, {"legal_answers", "body"},
    {"members", "summary"},   {"service_offers", "description"}, {"courses", "description"},
    {"contact_requests", "staff_note"},
};

ColumnKind KindOf(std::string declared) {
  for (char& c : declared) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (declared == "TEXT") return ColumnKind::Text;
  if (declared == "INTEGER") return ColumnKind::Integer;
  if (declared == "REAL") return ColumnKind::Real;
  return ColumnKind::Any;
}

}  // namespace

const ColumnInfo* TableInfo::Find(const std::string& column) const {
  for (const ColumnInfo& c : columns)
    if (c.name == column) return &c;
  return nullptr;
}

bool Catalog::IsSyncColumn(const std::string& c) {
  return c == "id" || c == "created_hlc" || c == "updated_hlc" || c == "author_id" || c == "deleted_hlc";
}

bool Catalog::IsNoteColumn(const std::string& table, const std::string& column) {
  for (const auto& nc : kNoteColumns)
    if (table == nc.first && column == nc.second) return true;
  return false;
}

Catalog::Catalog() : probe_(":memory:") {
  relais::Migrate(probe_, relais::RelaisMigrations());
  // Rows are checked one at a time, without their neighbours: references are
  // the devices' business (they apply pulled rows in dependency order).
  probe_.ExecScript("PRAGMA foreign_keys=OFF");
  std::vector<std::string> triggers;
  {
    Stmt s = probe_.Prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'");
    while (s.Step()) triggers.push_back(s.Text(0));
  }
  for (const std::string& t : triggers) probe_.ExecScript("DROP TRIGGER \"" + t + "\"");

  for (const char* name : relais::SyncedTables()) {
    TableInfo t;
    t.name = name;
    Stmt s = probe_.Prepare(std::string("SELECT name, type FROM pragma_table_info('") + name + "')");
    while (s.Step()) {
      ColumnInfo c;
      c.name = s.Text(0);
      if (IsSyncColumn(c.name)) continue;
      c.kind = KindOf(s.Text(1));
      c.note = IsNoteColumn(t.name, c.name);
      t.columns.push_back(c);
    }
    tables_.push_back(std::move(t));
  }
}

const TableInfo* Catalog::Find(const std::string& table) const {
  for (const TableInfo& t : tables_)
    if (t.name == table) return &t;
  return nullptr;
}

std::string Catalog::CheckRow(const std::string& table, const std::string& row_id, const relais::Fields& fields) {
  const TableInfo* t = Find(table);
  if (!t) return "unknown table";
  std::string cols = "id, created_hlc, updated_hlc", marks = "?, 1, 1";
  for (const relais::Field& f : fields) {
    if (!t->Find(f.name)) return "unknown column " + f.name;  // also guards the SQL text
    cols += ", \"" + f.name + "\"";
    marks += ", ?";
  }
  std::lock_guard<std::mutex> lock(probe_mu_);
  relais::Tx tx(probe_);  // never committed: the probe stays empty
  try {
    Stmt s = probe_.Prepare("INSERT INTO \"" + table + "\" (" + cols + ") VALUES (" + marks + ")");
    s.BindText(1, row_id);
    for (size_t i = 0; i < fields.size(); i++) relais::BindValue(s, static_cast<int>(i) + 2, fields[i].value);
    s.Exec();
  } catch (const relais::DbError& e) {
    std::string why = e.what();
    // Keep SQLite's reason, not the SQL text it quotes after it.
    size_t cut = why.find(" in SQL");
    return cut == std::string::npos ? why : why.substr(0, cut);
  }
  return "";
}

bool ValueFitsColumn(const relais::Value& v, ColumnKind kind) {
  if (std::holds_alternative<std::monostate>(v)) return true;
  switch (kind) {
    case ColumnKind::Text:
      return std::holds_alternative<std::string>(v);
    case ColumnKind::Integer:
      return std::holds_alternative<int64_t>(v);
    case ColumnKind::Real:
      return std::holds_alternative<double>(v) || std::holds_alternative<int64_t>(v);
    case ColumnKind::Any:
      return true;
  }
  return false;
}

const char* ColumnKindName(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::Text:
      return "texte";
    case ColumnKind::Integer:
      return "entier";
    case ColumnKind::Real:
      return "nombre";
    case ColumnKind::Any:
      return "valeur";
  }
  return "valeur";
}
