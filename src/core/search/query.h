// query.h — from what the user typed to an FTS5 query that cannot fail.
//
// The input is cut into words (fold.h) and every word becomes a quoted FTS5
// string, so no input can produce FTS5 syntax: quotes, stars, AND/OR/NOT,
// parentheses, minus signs are all either separators or plain words. All
// words must match (AND). The last word is a prefix while it is being typed
// (no separator after it yet): "boul" finds "boulangerie". While it has only
// one letter it is left out ("boulangerie m" searches "boulangerie"): as a
// prefix it would match most of the index, as a word almost nothing.
// A query made only of digits and number separators ("732 829 320") is one
// number, so a SIREN or SIRET typed with spaces is found.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace relais::search {

struct Term {
  std::string folded;   // as fold.h folds it
  bool prefix = false;  // matches every word starting with it
};

// At most kMaxTerms terms are kept (the first ones).
constexpr size_t kMaxTerms = 16;
std::vector<Term> ParseQuery(std::string_view input);

// The terms as an FTS5 expression over the given columns, e.g. with columns
// "title tags body": {title tags body} : ("boulangerie" "mart"*). Empty when
// there are no terms.
std::string FtsExpression(const std::vector<Term>& terms, std::string_view columns);

}  // namespace relais::search
