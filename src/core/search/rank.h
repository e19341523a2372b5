// rank.h — the relevance score of a search hit: relais_rank(search_fts).
//
// FTS5's bm25() is right for a finished query but slow as you type: on its
// first row it counts, for every phrase, the rows of the whole index that
// contain it (the IDF), so "de*" reads the entire list of "de..." words at
// every keystroke, tens of milliseconds at 200,000 notes. All terms must
// match anyway, so the IDF only tilts one query term against another; what
// decides the order is which column matched and how often. relais_rank keeps
// bm25's term-frequency part, per column, weighted (title 10, tags 4, body 1,
// kind 0), and drops the IDF:
//   score = sum over phrases and columns of
//           weight * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average length))
// with k1 = 1.2, b = 0.75. It reads only the row's own positions and sizes.
// Higher is better. The same function ranks search_labels, whose columns
// (kind, title, tags) are the first three of search_fts.
#pragma once
#include "core/db/db.h"

namespace relais::search {

// Registers relais_rank with FTS5 on this connection, once (an auxiliary
// function is per connection; the connection's client data remembers it).
// Throws DbError when FTS5 is missing.
void EnsureRankFunction(Db& db);

}  // namespace relais::search
