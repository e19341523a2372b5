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
#include <string>
#include <string_view>
#include <vector>

namespace relais::search {

struct Word {
  size_t begin = 0;  // byte offsets of the word in the original text
  size_t end = 0;
  std::string folded;  // "oeuvre" for "Œuvre"
};

// The next word of text at or after *pos into w (its folded buffer reused),
// *pos moved past it; false when there is none. Invalid UTF-8 bytes
// separate words.
bool NextWord(std::string_view text, size_t* pos, Word* w);

// Calls fn with each word of text, in order. The Word passed is reused from
// call to call (its folded buffer too): the snippet of every search hit
// splits its text, and in wasm, where std::string keeps only 10 bytes inline,
// a string per word made malloc the first cost of search. A template, so fn
// is inlined: a std::function call per word cost 7 % of search in wasm.
template <class Fn>
void ForEachWord(std::string_view text, Fn&& fn) {
  Word w;
  for (size_t pos = 0; NextWord(text, &pos, &w);) fn(static_cast<const Word&>(w));
}

// The words of text, in order (ForEachWord, kept).
std::vector<Word> SplitWords(std::string_view text);

// The folded words of text joined by single spaces: "L’Œuvre d’ART" -> "l oeuvre d art".
std::string FoldWords(std::string_view text);

}  // namespace relais::search
