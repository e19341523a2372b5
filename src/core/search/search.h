// search.h — full-text search over the local database, as the user types.
//
// What is indexed (schema v3, see schema.cpp): companies (name; commune,
// postcode, NAF, SIREN/SIRET; address), case notes (topics and services;
// text), members (name; expertise, languages, organisation, office; job
// title and summary), University courses (title; theme and level;
// description) and the published hotline answers (question subject; question
// and answer text). Tombstones are not in the index. Matching ignores case and
// accents and spells out ligatures, both ways: "eleve" finds "élevé",
// "OEUVRE" finds "œuvre". Results are ranked with the name weighing most,
// then tags, then free text (rank.h; SearchOptions::max_ranked for very
// common words). Snippets are cut from the original text (snippet.h).
//
// The schema's triggers queue every row written; the index catches up on the
// queue before each search (UpdateSearchIndex), so a search sees every write.
//
// Visibility of case notes is the caller's business (the device only holds
// what its user may see; the server filters before sending). Hits on notes
// carry their author, organisation and visibility, and SearchOptions::viewer
// applies the rule in the query when wanted.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/db.h"
#include "core/search/snippet.h"

namespace relais::search {

enum class SearchKind { Company, Note, Member, Course, HotlineAnswer };

// "company", "note", "member", "course", "answer": the kind's name in search_docs.
const char* KindName(SearchKind kind);

// A set of kinds.
struct SearchScope {
  unsigned bits = 0x1F;
  static SearchScope All() { return SearchScope{}; }
  static SearchScope Only(SearchKind k) { return SearchScope{1u << static_cast<unsigned>(k)}; }
  SearchScope With(SearchKind k) const { return SearchScope{bits | (1u << static_cast<unsigned>(k))}; }
  bool Has(SearchKind k) const { return (bits >> static_cast<unsigned>(k)) & 1u; }
  bool IsAll() const { return (bits & 0x1F) == 0x1F; }
};

struct SearchHit {
  SearchKind kind = SearchKind::Company;
  std::string id;            // the row's id in its table (companies, interactions, members, courses, legal_answers)
  std::string title;         // plain: company, member or course name; a note's company; an answer's question subject
  std::string title_marked;  // the title with its matching words between kMarkBegin and kMarkEnd
  std::string snippet;       // marked too: the best matching part of the text, or a line of details
  double rank = 0;           // relevance, higher is better (rank.h)
  // Notes: the company; hotline answers: the question.
  std::string parent_id;
  // Notes only: who may read it, and when it happened.
  std::string author_member_id, organisation_id, visibility, occurred_on;
};

// Applies the visibility rule of case notes: "network" notes, "organisation"
// notes of the viewer's organisation, and the viewer's own "author" notes.
struct SearchViewer {
  std::string member_id;
  std::string organisation_id;
};

struct SearchOptions {
  SearchScope scope;
  int limit = 20;  // capped at kMaxLimit (kMaxIdsLimit without details)
  std::optional<SearchViewer> viewer;
  // Past this many matches, only the most recent ones (and the best name
  // matches) are ranked: a two-letter prefix can match most of the notes.
  int max_ranked = 500;
  // false: kind, id and rank only, no title or snippet read (a list that
  // draws its own rows needs no more, and a snippet per hit is most of the
  // cost of a two-letter prefix). Rows deleted since indexing may remain.
  bool details = true;
};
constexpr int kMaxLimit = 500;
constexpr int kMaxIdsLimit = 100000;  // details = false: every match, for a list that counts and filters them

// The best hits for what the user typed, best first, after UpdateSearchIndex.
// Never throws for any input text (an empty or punctuation-only query returns
// nothing); throws DbError only when the database itself fails.
std::vector<SearchHit> Search(Db& db, std::string_view query, const SearchOptions& options);
std::vector<SearchHit> Search(Db& db, std::string_view query, SearchScope scope = SearchScope::All(), int limit = 20);

// Applies the re-indexing queued by the schema's triggers (rows written
// since the last call), in one transaction (a savepoint inside the caller's).
// Search() calls it first; call it yourself after a bulk write (sync, import)
// to pay the cost then rather than at the next keystroke. Returns the number
// of queued entries applied (0: nothing to do, one cheap query). Does nothing
// on a read-only connection.
int UpdateSearchIndex(Db& db);
// Rebuilds the whole index from the source tables, in one transaction: for
// recovery, should it ever disagree with them.
void RebuildSearchIndex(Db& db);
// Merges the index into one segment: faster queries after a bulk load.
void OptimizeSearchIndex(Db& db);

}  // namespace relais::search
