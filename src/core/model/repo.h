// repo.h — Insert / Update / Get / List / SoftDelete for every synced entity,
// written once.
//
// An entity is a plain struct deriving from Row with:
//   static constexpr const char* kTable = "companies";
//   static constexpr const char* kOrder = "name";          // ORDER BY of List
//   template <class S, class V> static void Visit(S& s, V&& v) {
//     v("name", s.name); v("siren", s.siren); ...          // one line per column
//   }
// Visit is the single list of columns: it builds the SQL, reads rows, and
// turns a row into the Fields the change log records.
//
// Every write runs in a Tx (a savepoint when the caller already opened one)
// and calls RecordChange in it, so rows and outbox entries commit together.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/db.h"
#include "core/model/change_log.h"
#include "core/model/fields.h"
#include "core/model/row.h"
#include "core/model/store.h"
#include "core/sync/ids.h"

namespace relais {

namespace repo_detail {

template <class T>
struct TableSql {
  std::vector<const char*> columns;  // entity columns, in Visit order
  std::string select;                // SELECT <sync columns>, <columns> FROM <table>
  std::string get;                   // select + WHERE id = ?
  std::string insert;
};

constexpr int kSyncColumns = 5;  // id, created_hlc, updated_hlc, author_id, deleted_hlc

template <class T>
const TableSql<T>& Sql() {
  static const TableSql<T> sql = [] {
    TableSql<T> t;
    T probe{};
    T::Visit(probe, [&](const char* name, auto&) { t.columns.push_back(name); });
    std::string cols, marks;
    for (const char* c : t.columns) {
      cols += std::string(", ") + c;
      marks += ", ?";
    }
    t.select = std::string("SELECT id, created_hlc, updated_hlc, author_id, deleted_hlc") + cols + " FROM " + T::kTable;
    t.get = t.select + " WHERE id = ?";
    t.insert = std::string("INSERT INTO ") + T::kTable + " (id, created_hlc, updated_hlc, author_id" + cols +
               ") VALUES (?, ?, ?, ?" + marks + ")";
    return t;
  }();
  return sql;
}

template <class T>
Fields FieldsOf(const T& row) {
  Fields f;
  T::Visit(row, [&](const char* name, const auto& member) { f.push_back(Field{name, ToValue(member)}); });
  return f;
}

template <class T>
T ReadRow(const Stmt& s) {
  T row;
  row.id = s.Text(0);
  row.created_hlc = s.Int(1);
  row.updated_hlc = s.Int(2);
  row.author_id = s.Text(3);
  row.deleted_hlc = s.OptInt(4);
  int col = kSyncColumns;
  T::Visit(row, [&](const char* name, auto& member) { ReadColumn(s, col++, name, &member); });
  return row;
}

// Text must be valid UTF-8: it goes into JSON (outbox) and to the browser.
void CheckUtf8(const Fields& fields, const char* table);

inline std::optional<std::string_view> AuthorOrNull(const Store& st) {
  if (st.author_id.empty()) return std::nullopt;
  return std::string_view(st.author_id);
}

}  // namespace repo_detail

// The row with this id, tombstone or not (a deleted member's name still shows
// on their old notes); nullopt when there is none.
template <class T>
std::optional<T> Get(Store& st, std::string_view id) {
  Stmt s = st.db.Prepare(repo_detail::Sql<T>().get);
  s.BindText(1, id);
  if (!s.Step()) return std::nullopt;
  return repo_detail::ReadRow<T>(s);
}

// Live rows (no tombstones), in T::kOrder. where is an SQL condition on the
// table's columns with ? parameters bound from args.
template <class T, class... A>
std::vector<T> List(Store& st, std::string_view where, const A&... args) {
  std::string sql = repo_detail::Sql<T>().select + " WHERE deleted_hlc IS NULL";
  if (!where.empty()) sql += " AND (" + std::string(where) + ")";
  sql += std::string(" ORDER BY ") + T::kOrder;
  Stmt s = st.db.Prepare(sql);
  s.BindAll(args...);
  std::vector<T> rows;
  while (s.Step()) rows.push_back(repo_detail::ReadRow<T>(s));
  return rows;
}
template <class T>
std::vector<T> List(Store& st) {
  return List<T>(st, std::string_view());
}

// Stores a new row and queues it for sync. An empty row.id gets a fresh one;
// the sync columns of row are filled in on success (and only then).
template <class T>
void Insert(Store& st, T& row) {
  BeforeWrite(row);
  Fields fields = repo_detail::FieldsOf(row);
  repo_detail::CheckUtf8(fields, T::kTable);
  if (!row.id.empty() && !IsValidId(row.id)) throw ValidationError("id", "not a 32-hex-digit id: " + row.id);

  Tx tx(st.db);
  const std::string id = row.id.empty() ? NewId(st) : row.id;
  const Hlc h = NextHlc(st);
  Stmt s = st.db.Prepare(repo_detail::Sql<T>().insert);
  s.BindText(1, id).BindInt(2, h.packed).BindInt(3, h.packed).Bind(4, repo_detail::AuthorOrNull(st));
  for (size_t i = 0; i < fields.size(); i++) BindValue(s, 5 + static_cast<int>(i), fields[i].value);
  s.Exec();
  RecordChange(st.db, T::kTable, id, ChangeOp::Upsert, fields, h);
  tx.Commit();

  row.id = id;
  row.created_hlc = row.updated_hlc = h.packed;
  row.author_id = st.author_id;
  row.deleted_hlc.reset();
}

// Writes the columns of row that differ from the stored row, and records only
// those in the outbox. Returns how many changed (0: nothing written, nothing
// queued). Throws RowNotFound for a missing or deleted row.
template <class T>
int Update(Store& st, T& row) {
  BeforeWrite(row);
  Fields fields = repo_detail::FieldsOf(row);
  repo_detail::CheckUtf8(fields, T::kTable);

  Tx tx(st.db);
  std::optional<T> cur = Get<T>(st, row.id);
  if (!cur || cur->deleted()) throw RowNotFound(std::string("update of ") + T::kTable + " " + row.id + ": no such row");
  Fields old = repo_detail::FieldsOf(*cur);
  Fields changed;
  for (size_t i = 0; i < fields.size(); i++)
    if (fields[i].value != old[i].value) changed.push_back(fields[i]);
  if (changed.empty()) {
    tx.Commit();
    row.created_hlc = cur->created_hlc;
    row.updated_hlc = cur->updated_hlc;
    row.author_id = cur->author_id;
    return 0;
  }

  const Hlc h = NextHlc(st);
  std::string sql = std::string("UPDATE ") + T::kTable + " SET ";
  for (const Field& f : changed) sql += f.name + " = ?, ";
  sql += "updated_hlc = ?, author_id = ? WHERE id = ?";
  Stmt s = st.db.Prepare(sql);
  int idx = 1;
  for (const Field& f : changed) BindValue(s, idx++, f.value);
  s.BindInt(idx, h.packed);
  s.Bind(idx + 1, repo_detail::AuthorOrNull(st));
  s.BindText(idx + 2, row.id);
  s.Exec();
  RecordChange(st.db, T::kTable, row.id, ChangeOp::Upsert, changed, h);
  tx.Commit();

  row.created_hlc = cur->created_hlc;
  row.updated_hlc = h.packed;
  row.author_id = st.author_id;
  row.deleted_hlc.reset();
  return static_cast<int>(changed.size());
}

// Turns the row into a tombstone (kept, so the deletion syncs and references
// stay valid) and queues the deletion. false when there was no live row.
template <class T>
bool SoftDelete(Store& st, std::string_view id) {
  Tx tx(st.db);
  const Hlc h = NextHlc(st);
  int n = st.db.Exec(std::string("UPDATE ") + T::kTable +
                         " SET deleted_hlc = ?1, updated_hlc = ?1, author_id = ?2 "
                         "WHERE id = ?3 AND deleted_hlc IS NULL",
                     h.packed, repo_detail::AuthorOrNull(st), id);
  if (n == 0) return false;  // ~Tx rolls back the (empty) transaction
  RecordChange(st.db, T::kTable, id, ChangeOp::Delete, Fields{Field{"deleted_hlc", h.packed}}, h);
  tx.Commit();
  return true;
}

}  // namespace relais
