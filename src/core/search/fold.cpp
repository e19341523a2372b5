// fold.cpp — see fold.h.
#include "core/search/fold.h"

#include <cstdint>

#include "core/text.h"

namespace relais::search {

namespace {

// U+00C0..U+00FF without accents ("" for × and ÷, which separate words).
const char* const kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // À..Ï
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // Ð..ß
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // à..ï
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};  // ð..ÿ

// U+0100..U+017F (Latin Extended-A: Central European letters, Œ œ, ſ), as
// runs of code points folding to the same letters.
struct Run {
  uint16_t count;
  const char* folded;
};
const Run kLatinExtA[] = {{6, "a"}, {8, "c"},  {4, "d"},  {10, "e"}, {8, "g"}, {4, "h"},  {10, "i"}, {2, "ij"},
                          {2, "j"}, {3, "k"},  {10, "l"}, {9, "n"},  {6, "o"}, {2, "oe"}, {6, "r"},  {8, "s"},
                          {6, "t"}, {12, "u"}, {2, "w"},  {3, "y"},  {6, "z"}, {1, "s"}};

const char* FoldLatinExtA(uint32_t cp) {
  uint32_t i = 0x100;
  for (const Run& r : kLatinExtA) {
    if (cp < i + r.count) return r.folded;
    i += r.count;
  }
  return nullptr;
}

// Punctuation, symbols and spaces outside ASCII and Latin-1: what separates
// words in the scripts we do not fold. Approximate, like the rest of the
// non-Latin handling: FTS5 decides what matches, this only decides what a
// snippet highlights.
bool IsSeparatorBeyondLatin1(uint32_t cp) {
  return (cp >= 0x2B0 && cp <= 0x2FF) ||    // spacing modifiers (ˆ ˜ ˝)
         (cp >= 0x2000 && cp <= 0x2BFF) ||  // spaces, ’ « » – —, currency, arrows, math, symbols
         (cp >= 0x2E00 && cp <= 0x2E7F) ||  // supplemental punctuation
         (cp >= 0x3000 && cp <= 0x303F) ||  // CJK punctuation
         (cp >= 0xFE10 && cp <= 0xFE6F) ||  // vertical and small forms
         (cp >= 0xFF00 && cp <= 0xFF0F) ||  // fullwidth punctuation
         (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) ||
         (cp >= 0xFFF0 && cp <= 0xFFFF) ||    // specials, U+FFFD
         (cp >= 0x1F000 && cp <= 0x1FAFF) ||  // emoji and pictographs
         (cp >= 0xE0000 && cp <= 0xE007F);    // tags
}

bool IsAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Appends the folded form of cp to a word; false when cp separates words.
bool FoldInto(uint32_t cp, std::string& word) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') {
      word += static_cast<char>(cp - 'A' + 'a');
      return true;
    }
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      word += static_cast<char>(cp);
      return true;
    }
    return false;
  }
  if (cp < 0xC0) {  // Latin-1 punctuation and symbols, but for three letters
    if (cp == 0xAA)
      word += 'a';  // ª
    else if (cp == 0xBA)
      word += 'o';  // º
    else if (cp == 0xB5)
      AppendUtf8(word, 0x3BC);  // µ is the Greek letter mu
    else
      return false;
    return true;
  }
  if (cp < 0x100) {
    const char* f = kLatin1[cp - 0xC0];
    if (!*f) return false;
    word += f;
    return true;
  }
  if (cp < 0x180) {
    word += FoldLatinExtA(cp);
    return true;
  }
  if (cp >= 0x300 && cp <= 0x36F) return true;  // combining accents (decomposed text): dropped
  if (IsSeparatorBeyondLatin1(cp)) return false;
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
    cp += 0x20;  // Greek capitals
  else if (cp >= 0x410 && cp <= 0x42F)
    cp += 0x20;  // Cyrillic А..Я
  else if (cp >= 0x400 && cp <= 0x40F)
    cp += 0x50;  // Cyrillic Ѐ..Џ
  AppendUtf8(word, cp);
  return true;
}

}  // namespace

bool NextWord(std::string_view text, size_t* pos, Word* w) {
  w->folded.clear();
  bool in_word = false;
  size_t i = *pos;
  while (i < text.size()) {
    const size_t at = i;
    bool letters;  // text[at, i) belongs to a word
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      // ASCII, most of any French text: a run of letters and digits is
      // folded in one go (in wasm at -Oz, a string append per character
      // was a sixth of search time).
      while (i < text.size() && IsAsciiAlnum(text[i])) i++;
      letters = i > at;
      if (letters) {
        const size_t old = w->folded.size();
        w->folded.resize(old + (i - at));
        char* out = &w->folded[old];  // one call for the string's buffer, not one per character
        for (size_t k = at; k < i; k++)
          *out++ = text[k] >= 'A' && text[k] <= 'Z' ? static_cast<char>(text[k] - 'A' + 'a') : text[k];
      } else {
        i++;
      }
    } else {
      size_t len = 1;
      letters = FoldInto(DecodeUtf8(text, i, &len), w->folded);
      i += len;
    }
    if (letters) {
      if (!in_word) w->begin = at;
      in_word = true;
      w->end = i;
    } else if (in_word) {  // a separator ends the word, unless it was only combining accents
      if (!w->folded.empty()) break;
      in_word = false;
    }
  }
  *pos = i;
  return in_word && !w->folded.empty();
}

std::vector<Word> SplitWords(std::string_view text) {
  std::vector<Word> words;
  ForEachWord(text, [&](const Word& w) { words.push_back(w); });
  return words;
}

std::string FoldWords(std::string_view text) {
  std::string out;
  for (const Word& w : SplitWords(text)) {
    if (!out.empty()) out += ' ';
    out += w.folded;
  }
  return out;
}

}  // namespace relais::search
