// content_hash.cpp — ContentHash (demo.h): FNV-1a over every value, with
// its type, of the synced tables, the outbox and field_versions.
#include <sqlite3.h>

#include <string>
#include <vector>

#include "core/demo/demo.h"
#include "core/model/schema.h"

namespace relais::demo {

uint64_t ContentHash(Db& db) {
  uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a
  auto mix = [&h](const void* data, size_t n) {
    const unsigned char* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < n; i++) {
      h ^= p[i];
      h *= 0x100000001b3ull;
    }
  };
  std::vector<std::string> queries;
  for (const char* t : SyncedTables()) queries.push_back(std::string("SELECT * FROM ") + t + " ORDER BY id");
  queries.push_back("SELECT tbl, row_id, op, fields, hlc, state FROM outbox ORDER BY seq");
  queries.push_back("SELECT * FROM field_versions ORDER BY tbl, row_id, field");
  for (const std::string& q : queries) {
    mix(q.data(), q.size());
    Stmt s = db.Prepare(q);
    const int cols = s.ColumnCount();
    while (s.Step()) {
      for (int c = 0; c < cols; c++) {
        const int type = sqlite3_column_type(s.handle(), c);
        mix(&type, sizeof type);
        if (type == SQLITE_INTEGER) {
          const int64_t v = s.Int(c);
          mix(&v, sizeof v);
        } else if (type == SQLITE_FLOAT) {
          const double v = s.Double(c);
          mix(&v, sizeof v);
        } else if (type != SQLITE_NULL) {
          const std::string v = s.Text(c);
          mix(v.data(), v.size());
          const char end = 0;
          mix(&end, 1);
        }
      }
    }
  }
  return h;
}

}  // namespace relais::demo
