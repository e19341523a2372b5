// fold.h — French-friendly folding of text into words, shared by the search
// query builder, the snippets and duplicate detection.
//
// A word is a run of letters and digits; everything else separates words
// ("l’œuvre d’art" -> l, oeuvre, d, art), the way SQLite FTS5's unicode61
// tokenizer cuts text. A folded word is lower case, without accents, with its
// ligatures spelled out (Œ œ -> oe, Æ æ -> ae, ß -> ss), so "ÉLEVÉ",
// "élevé" and "eleve" fold the same. Latin-1 and Latin Extended-A letters are
// folded to ASCII; Greek and Cyrillic capitals are lower-cased; other letters
// are kept as they are.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace relais::search {

struct Word {
  size_t begin = 0;  // byte offsets of the word in the original text
  size_t end = 0;
  std::string folded;  // "oeuvre" for "Œuvre"
};

// Calls fn with each word of text, in order. Invalid UTF-8 bytes separate
// words. The Word passed is reused from call to call (its folded buffer
// too): the snippet of every search hit splits its text, and in wasm, where
// std::string keeps only 10 bytes inline, a string per word made malloc the
// first cost of search.
void ForEachWord(std::string_view text, const std::function<void(const Word&)>& fn);

// The words of text, in order (ForEachWord, kept).
std::vector<Word> SplitWords(std::string_view text);

// The folded words of text joined by single spaces: "L’Œuvre d’ART" -> "l oeuvre d art".
std::string FoldWords(std::string_view text);

}  // namespace relais::search
