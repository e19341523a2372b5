// query.cpp — see query.h.
#include "core/search/query.h"

#include "core/search/fold.h"

namespace relais::search {

namespace {

// Digits with the separators people type inside numbers (spaces, no-break
// spaces, dots, dashes), and at least three digits.
std::string AsOneNumber(std::string_view s) {
  std::string digits;
  for (size_t i = 0; i < s.size(); i++) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= '0' && c <= '9') {
      digits += static_cast<char>(c);
    } else if (c == ' ' || c == '.' || c == '-' || c == '\t') {
      continue;
    } else if (s.substr(i, 2) == "\xC2\xA0") {  // no-break space
      i += 1;
    } else if (s.substr(i, 3) == "\xE2\x80\xAF") {  // narrow no-break space
      i += 2;
    } else {
      return "";
    }
  }
  return digits.size() >= 3 ? digits : "";
}

size_t CountChars(std::string_view utf8) {
  size_t n = 0;
  for (char c : utf8)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) n++;
  return n;
}

}  // namespace

std::vector<Term> ParseQuery(std::string_view input) {
  std::vector<Term> terms;
  std::vector<Word> words = SplitWords(input);
  if (words.empty()) return terms;
  // Still typing the last word: nothing after it.
  bool typing = words.back().end == input.size();

  std::string number = words.size() > 1 ? AsOneNumber(input) : "";
  if (!number.empty()) {
    terms.push_back(Term{number, typing});
    return terms;
  }
  // A one-letter word still being typed would match most of the index as a
  // prefix and almost nothing as a word: it waits for its second letter.
  if (typing && CountChars(words.back().folded) < 2) {
    words.pop_back();
    typing = false;
  }
  for (const Word& w : words) {
    if (terms.size() == kMaxTerms) break;
    terms.push_back(Term{w.folded, false});
  }
  if (typing && words.size() <= kMaxTerms) terms.back().prefix = true;
  return terms;
}

std::string FtsExpression(const std::vector<Term>& terms, std::string_view columns) {
  if (terms.empty()) return "";
  std::string e = "{";
  e += columns;
  e += "} : (";
  for (size_t i = 0; i < terms.size(); i++) {
    if (i) e += ' ';
    e += '"';
    // Folded words hold letters and digits only; doubling quotes keeps any
    // future change of fold.h from opening a hole here.
    for (char c : terms[i].folded) {
      if (c == '"') e += '"';
      e += c;
    }
    e += '"';
    if (terms[i].prefix) e += '*';
  }
  e += ')';
  return e;
}

}  // namespace relais::search
