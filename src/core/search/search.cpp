// search.cpp — see search.h.
#include "core/search/search.h"

#include <sqlite3.h>

#include <algorithm>
#include <limits>

#include "core/model/json.h"
#include "core/search/query.h"
#include "core/search/rank.h"

namespace relais::search {

namespace {

constexpr SearchKind kKinds[] = {SearchKind::Company, SearchKind::Note, SearchKind::Member, SearchKind::Course,
                                 SearchKind::HotlineAnswer};

std::optional<SearchKind> KindFromName(std::string_view name) {
  for (SearchKind k : kKinds)
    if (name == KindName(k)) return k;
  return std::nullopt;
}

std::string MatchExpression(const std::vector<Term>& terms, SearchScope scope, const char* columns) {
  std::string e = FtsExpression(terms, columns);
  if (e.empty() || scope.IsAll()) return e;
  std::string kinds;
  for (SearchKind k : kKinds) {
    if (!scope.Has(k)) continue;
    if (!kinds.empty()) kinds += " OR ";
    kinds += std::string("kind : ") + KindName(k);
  }
  return "(" + kinds + ") AND " + e;
}

std::vector<std::string> JsonList(const std::string& json) {
  std::vector<std::string> items;
  if (!ParseJsonStringArray(json, &items)) items.clear();
  return items;
}

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

const char* LanguageName(const std::string& code) {
  static const char* const kNames[][2] = {
      {"fr", "français"},  {"en", "anglais"},     {"de", "allemand"}, {"es", "espagnol"}, {"it", "italien"},
      {"pt", "portugais"}, {"nl", "néerlandais"}, {"pl", "polonais"}, {"ru", "russe"},    {"ar", "arabe"},
      {"zh", "chinois"},   {"ja", "japonais"},    {"tr", "turc"}};
  for (const auto& n : kNames)
    if (code == n[0]) return n[1];
  return nullptr;
}

// Fills title and snippet from the source row; false when the row is gone
// (only a write between the two queries, or an index left stale on a
// read-only connection, could cause that).
bool FillHit(Db& db, SearchHit& h, const std::vector<Term>& terms) {
  switch (h.kind) {
    case SearchKind::Company: {
      Stmt s = db.Prepare(
          "SELECT name, address, postcode, commune_name, naf, siret, siren FROM companies "
          "WHERE id = ? AND deleted_hlc IS NULL");
      s.BindText(1, h.id);
      if (!s.Step()) return false;
      h.title = s.Text(0);
      std::string place = Join({s.Text(2), s.Text(3)}, " ");
      std::string naf = s.IsNull(4) ? "" : "NAF " + s.Text(4);
      std::string number = !s.IsNull(5) ? "SIRET " + s.Text(5) : !s.IsNull(6) ? "SIREN " + s.Text(6) : "";
      h.snippet = BestSnippet({Join({place, naf, number}, " · "), s.Text(1)}, terms);
      break;
    }
    case SearchKind::Note: {
      Stmt s = db.Prepare(
          "SELECT c.name, i.note, i.topics, i.services, i.company_id, i.author_member_id, i.organisation_id, "
          "i.visibility, i.occurred_on FROM interactions AS i JOIN companies AS c ON c.id = i.company_id "
          "WHERE i.id = ? AND i.deleted_hlc IS NULL");
      s.BindText(1, h.id);
      if (!s.Step()) return false;
      h.title = s.Text(0);
      std::vector<std::string> tags = JsonList(s.Text(2));
      for (std::string& t : JsonList(s.Text(3))) tags.push_back(std::move(t));
      h.snippet = BestSnippet({s.Text(1), Join(tags, ", ")}, terms);
      h.parent_id = s.Text(4);
      h.author_member_id = s.Text(5);
      h.organisation_id = s.Text(6);
      h.visibility = s.Text(7);
      h.occurred_on = s.Text(8);
      break;
    }
    case SearchKind::Member: {
      Stmt s = db.Prepare(
          "SELECT m.first_name, m.last_name, m.job_title, o.name, f.name, m.expertise, m.languages, m.summary "
          "FROM members AS m LEFT JOIN organisations AS o ON o.id = m.organisation_id "
          "LEFT JOIN offices AS f ON f.id = m.office_id WHERE m.id = ? AND m.deleted_hlc IS NULL");
      s.BindText(1, h.id);
      if (!s.Step()) return false;
      h.title = Join({s.Text(0), s.Text(1)}, " ");
      std::vector<std::string> languages;
      for (const std::string& code : JsonList(s.Text(6))) {
        const char* name = LanguageName(code);
        languages.push_back(name ? name : code);
      }
      h.snippet = BestSnippet({Join({s.Text(2), s.OptText(3).value_or(""), s.OptText(4).value_or("")}, " · "),
                               Join(JsonList(s.Text(5)), ", "), Join(languages, ", "), s.Text(7)},
                              terms);
      break;
    }
    case SearchKind::Course: {
      Stmt s = db.Prepare("SELECT title, theme, description FROM courses WHERE id = ? AND deleted_hlc IS NULL");
      s.BindText(1, h.id);
      if (!s.Step()) return false;
      h.title = s.Text(0);
      h.snippet = BestSnippet({s.Text(2), s.Text(1)}, terms);
      break;
    }
    case SearchKind::HotlineAnswer: {
      Stmt s = db.Prepare(
          "SELECT q.subject, q.body, a.body, a.question_id FROM legal_answers AS a "
          "JOIN legal_questions AS q ON q.id = a.question_id "
          "WHERE a.id = ? AND a.deleted_hlc IS NULL AND q.deleted_hlc IS NULL AND a.published = 1");
      s.BindText(1, h.id);
      if (!s.Step()) return false;
      h.title = s.Text(0);
      h.snippet = BestSnippet({s.Text(2), s.Text(1)}, terms);
      h.parent_id = s.Text(3);
      break;
    }
  }
  h.title_marked = MarkAll(h.title, terms);
  return true;
}

// The queries of one search in one read transaction (a savepoint nests in
// the caller's): one snapshot, and no lock taken and released per statement.
struct ReadTransaction {
  Db& db;
  explicit ReadTransaction(Db& d) : db(d) { db.ExecScript("SAVEPOINT relais_search"); }
  ~ReadTransaction() {
    try {
      db.ExecScript("RELEASE relais_search");
    } catch (const DbError&) {  // nothing was written: nothing to lose
    }
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
};

}  // namespace

const char* KindName(SearchKind kind) {
  switch (kind) {
    case SearchKind::Company:
      return "company";
    case SearchKind::Note:
      return "note";
    case SearchKind::Member:
      return "member";
    case SearchKind::Course:
      return "course";
    case SearchKind::HotlineAnswer:
      return "answer";
  }
  return "";
}

std::vector<SearchHit> Search(Db& db, std::string_view query, const SearchOptions& options) {
  std::vector<SearchHit> hits;
  if ((options.scope.bits & 0x1F) == 0) return hits;
  const std::vector<Term> terms = ParseQuery(query);
  const std::string match = MatchExpression(terms, options.scope, "title tags body");
  if (match.empty()) return hits;
  UpdateSearchIndex(db);
  EnsureRankFunction(db);
  ReadTransaction read(db);
  const int limit = std::clamp(options.limit, 1, options.details ? kMaxLimit : kMaxIdsLimit);
  // Without details a list wants every match (its count and filters must be
  // exact), but ranking thousands costs more than a keystroke may: the best
  // of `max_ranked` are ranked as usual and the rest follow unranked.
  const int pool = options.details ? std::max(limit, options.max_ranked) : std::min(limit, options.max_ranked);

  // Candidates, scored by relais_rank (rank.h). Scoring every match of a
  // two-letter prefix would read the positions of most of the index at each
  // keystroke: the candidates are the `pool` most recent matches (FTS5
  // returns rowids in descending order without sorting, and the rank runs
  // only on the rows returned) plus the best matches on names and tags, so
  // a company, a member or a course is never crowded out by notes. Below
  // `pool` matches the ranking is exact.
  // (doc, score), higher scores better. Vectors, not a map: a few hundred
  // candidates per keystroke, and in wasm a heap node per candidate showed.
  std::vector<std::pair<int64_t, double>> scored;
  auto by_doc = [](const std::pair<int64_t, double>& a, const std::pair<int64_t, double>& b) {
    return a.first < b.first;
  };
  {
    std::string sql = "SELECT search_fts.rowid, relais_rank(search_fts) FROM search_fts ";
    if (options.viewer)
      sql +=
          "JOIN search_docs AS d ON d.doc = search_fts.rowid "
          "LEFT JOIN interactions AS i ON d.kind = 'note' AND i.id = d.ref_id "
          "WHERE search_fts MATCH ?1 AND (d.kind <> 'note' OR i.visibility = 'network' "
          "OR (i.visibility = 'organisation' AND i.organisation_id = ?3) "
          "OR (i.visibility = 'author' AND i.author_member_id = ?4)) ";
    else
      sql += "WHERE search_fts MATCH ?1 ";
    sql += "ORDER BY search_fts.rowid DESC LIMIT ?2";
    Stmt s = db.Prepare(sql);
    s.BindText(1, match).BindInt(2, pool);
    if (options.viewer) s.BindText(3, options.viewer->organisation_id).BindText(4, options.viewer->member_id);
    while (s.Step()) scored.emplace_back(s.Int(0), s.Double(1));
  }
  // Then the matches on the names and tags of the other kinds in scope, from
  // their small index (search_labels: no notes), the `pool` most recent ones
  // again: a label match missing from the first list is scored on its name
  // and tags alone, a lower bound of its score and most of it (the body
  // weighs least).
  SearchScope labelled = options.scope;
  labelled.bits &= ~(1u << static_cast<unsigned>(SearchKind::Note));
  const bool full = static_cast<int>(scored.size()) == pool;
  if (full && (labelled.bits & 0x1F) != 0) {
    Stmt s = db.Prepare(
        "SELECT rowid, relais_rank(search_labels) FROM search_labels WHERE search_labels MATCH ? "
        "ORDER BY rowid DESC LIMIT ?");
    s.BindText(1, MatchExpression(terms, labelled, "title tags")).BindInt(2, pool);
    while (s.Step()) scored.emplace_back(s.Int(0), s.Double(1));
    // A recent match found by both keeps its full score, the first one's.
    std::stable_sort(scored.begin(), scored.end(), by_doc);
    scored.erase(std::unique(scored.begin(), scored.end(),
                             [](const auto& a, const auto& b) { return a.first == b.first; }),
                 scored.end());
  }

  // Best first, then the oldest doc; only the `limit` shown need sorting.
  auto better = [](const std::pair<int64_t, double>& a, const std::pair<int64_t, double>& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  const size_t keep = std::min(scored.size(), static_cast<size_t>(limit));
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep), scored.end(), better);
  std::vector<std::pair<int64_t, double>> ranked(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep));
  if (!options.details && full && ranked.size() < static_cast<size_t>(limit)) {
    // The other matches, most recent first, after the ranked ones.
    std::sort(scored.begin(), scored.end(), by_doc);
    auto is_scored = [&](int64_t doc) {
      return std::binary_search(scored.begin(), scored.end(), std::make_pair(doc, 0.0), by_doc);
    };
    Stmt s = db.Prepare("SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?");
    s.BindText(1, match).BindInt(2, limit);
    while (s.Step() && ranked.size() < static_cast<size_t>(limit))
      if (!is_scored(s.Int(0))) ranked.emplace_back(s.Int(0), -std::numeric_limits<double>::infinity());
  }

  for (const auto& r : ranked) {
    Stmt s = db.Prepare("SELECT kind, ref_id FROM search_docs WHERE doc = ?");
    s.BindInt(1, r.first);
    if (!s.Step()) continue;
    std::optional<SearchKind> kind = KindFromName(s.Text(0));
    if (!kind) continue;  // a kind from a newer version of the index
    SearchHit h;
    h.kind = *kind;
    h.id = s.Text(1);
    h.rank = r.second;
    s = Stmt();
    if (!options.details || FillHit(db, h, terms)) hits.push_back(std::move(h));
  }
  return hits;
}

std::vector<SearchHit> Search(Db& db, std::string_view query, SearchScope scope, int limit) {
  SearchOptions o;
  o.scope = scope;
  o.limit = limit;
  return Search(db, query, o);
}

namespace {

// "{view}" in sql replaced by the kind's view, search_src_<kind>.
std::string ForKind(std::string sql, SearchKind k) {
  const std::string key = "{view}";
  for (size_t at; (at = sql.find(key)) != std::string::npos;)
    sql.replace(at, key.size(), std::string("search_src_") + KindName(k));
  return sql;
}

}  // namespace

int UpdateSearchIndex(Db& db) {
  if (!db.QueryInt("SELECT EXISTS (SELECT 1 FROM search_queue)").value_or(0)) return 0;
  if (sqlite3_db_readonly(db.handle(), "main") == 1) return 0;
  Tx tx(db);
  const int queued = static_cast<int>(db.QueryInt("SELECT count(*) FROM search_queue").value_or(0));
  // Set-wise: a few statements for any number of rows, so FTS5 writes a few
  // segments, not one per row.
  const std::string queued_docs =
      "(SELECT d.doc FROM search_queue AS q JOIN search_docs AS d ON d.kind = q.kind AND d.ref_id = q.ref_id)";
  db.Exec("DELETE FROM search_fts WHERE rowid IN " + queued_docs);
  db.Exec("DELETE FROM search_labels WHERE rowid IN " + queued_docs);
  db.Exec("DELETE FROM search_docs WHERE doc IN " + queued_docs);
  for (SearchKind k : kKinds) {
    db.Exec(ForKind("INSERT INTO search_docs (kind, ref_id) SELECT DISTINCT ?1, s.ref_id FROM search_queue AS q "
                    "JOIN {view} AS s ON s.ref_id = q.ref_id WHERE q.kind = ?1",
                    k),
            KindName(k));
    const std::string queued_rows =
        "FROM search_docs AS d JOIN {view} AS s ON s.ref_id = d.ref_id "
        "WHERE d.kind = ?1 AND d.ref_id IN (SELECT ref_id FROM search_queue WHERE kind = ?1)";
    db.Exec(ForKind("INSERT INTO search_fts (rowid, kind, title, tags, body) "
                    "SELECT d.doc, d.kind, s.title, s.tags, s.body " +
                        queued_rows,
                    k),
            KindName(k));
    if (k != SearchKind::Note)
      db.Exec(ForKind("INSERT INTO search_labels (rowid, kind, title, tags) SELECT d.doc, d.kind, s.title, s.tags " +
                          queued_rows,
                      k),
              KindName(k));
  }
  db.Exec("DELETE FROM search_queue");
  tx.Commit();
  return queued;
}

void RebuildSearchIndex(Db& db) {
  Tx tx(db);
  db.Exec("DELETE FROM search_queue");
  db.Exec("DELETE FROM search_docs");
  db.Exec("INSERT INTO search_fts (search_fts) VALUES ('delete-all')");
  db.Exec("INSERT INTO search_labels (search_labels) VALUES ('delete-all')");
  for (SearchKind k : kKinds) {
    db.Exec(ForKind("INSERT INTO search_docs (kind, ref_id) SELECT ?, ref_id FROM {view}", k), KindName(k));
    const std::string rows = "FROM {view} AS s JOIN search_docs AS d ON d.kind = ? AND d.ref_id = s.ref_id";
    db.Exec(ForKind("INSERT INTO search_fts (rowid, kind, title, tags, body) "
                    "SELECT d.doc, d.kind, s.title, s.tags, s.body " +
                        rows,
                    k),
            KindName(k));
    if (k != SearchKind::Note)
      db.Exec(
          ForKind("INSERT INTO search_labels (rowid, kind, title, tags) SELECT d.doc, d.kind, s.title, s.tags " + rows,
                  k),
          KindName(k));
  }
  tx.Commit();
}

void OptimizeSearchIndex(Db& db) {
  db.Exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
  db.Exec("INSERT INTO search_labels (search_labels) VALUES ('optimize')");
}

}  // namespace relais::search
