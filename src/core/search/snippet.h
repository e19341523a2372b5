// snippet.h — the piece of a text shown under a search result, with the
// matching words marked.
//
// Snippets are cut from the ORIGINAL text (accents, capitals, œ), not from
// what the index holds: the text is split into words with fold.h and each
// folded word is compared with the query terms, so a search for "eleve"
// marks "élevé" and "oeuvre" marks "Œuvre". Cuts fall between words, so a
// snippet is valid UTF-8 whenever the text is.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/search/query.h"

namespace relais::search {

// Around each matching word, for the UI to draw it bold. Control characters,
// these two included, never come from the text itself (they are dropped).
constexpr char kMarkBegin = '\x02';
constexpr char kMarkEnd = '\x03';
constexpr const char* kEllipsis = "\xE2\x80\xA6";  // …

// Removes the marks: the plain text of a snippet.
std::string StripMarks(std::string_view marked);

// The whole text with its matching words marked (for titles). Line breaks
// and tabs become spaces.
std::string MarkAll(std::string_view text, const std::vector<Term>& terms);

// At most max_words words of text around the best group of matches (the most
// distinct terms, then the most matches, then the earliest), with an
// ellipsis where text was cut. The start of the text when nothing matches.
std::string MakeSnippet(std::string_view text, const std::vector<Term>& terms, size_t max_words = 24);

// The snippet of a result shown by several fields: cut from the field where
// the most distinct terms match (the first on ties), or from the start of the
// first non-empty field when none matches (a company found by its name shows
// its details line). "" when every field is empty.
std::string BestSnippet(const std::vector<std::string>& fields, const std::vector<Term>& terms,
                        size_t max_words = 24);

}  // namespace relais::search
