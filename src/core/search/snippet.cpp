// snippet.cpp — see snippet.h.
#include "core/search/snippet.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "core/search/fold.h"

namespace relais::search {

namespace {

// Where a word of the text is, and the first term it matches (-1: none).
// Only this is kept of each word, not its folded form.
struct Span {
  size_t begin, end;
  int match;
};

static_assert(kMaxTerms <= 32, "the terms a window matched are kept as bits of a uint32_t");

// A term as MatchWords compares it: every word of every hit's fields is
// compared with every term, and in wasm at -Oz each std::string accessor
// is a call.
struct Needle {
  std::string_view folded;
  bool prefix;
};

// The words of text into spans (cleared first, its memory reused). At most
// kMaxTerms terms count, as ParseQuery keeps.
void MatchWords(std::string_view text, const std::vector<Term>& terms, std::vector<Span>* spans) {
  Needle needles[kMaxTerms];
  const size_t n = std::min(terms.size(), kMaxTerms);
  for (size_t t = 0; t < n; t++) needles[t] = {terms[t].folded, terms[t].prefix};
  spans->clear();
  ForEachWord(text, [&](const Word& w) {
    const std::string_view word = w.folded;
    int match = -1;
    for (size_t t = 0; t < n; t++) {
      const std::string_view f = needles[t].folded;
      if ((needles[t].prefix ? word.size() >= f.size() : word.size() == f.size()) &&
          std::memcmp(word.data(), f.data(), f.size()) == 0) {
        match = static_cast<int>(t);
        break;
      }
    }
    spans->push_back({w.begin, w.end, match});
  });
}

// Appends text to out on one line: tabs and line breaks become spaces,
// runs of spaces one space, other control characters (the marks among them)
// are dropped.
void AppendClean(std::string& out, std::string_view text) {
  // Written through a pointer into room made once: a call per character
  // (push_back, back) was a tenth of the snippets' time in wasm.
  size_t n = out.size();
  out.resize(n + text.size());
  char* buf = &out[0];
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c < 0x20 || c == 0x7F) continue;
    if (c == ' ' && (n == 0 || buf[n - 1] == ' ')) continue;
    buf[n++] = static_cast<char>(c);
  }
  out.resize(n);
}

// text[from, to) with the words of words[first, last) that match marked.
std::string Render(std::string_view text, const std::vector<Span>& words, size_t first, size_t last, size_t from,
                   size_t to) {
  std::string out;
  size_t pos = from;
  for (size_t i = first; i < last; i++) {
    if (words[i].match < 0) continue;
    AppendClean(out, text.substr(pos, words[i].begin - pos));
    out += kMarkBegin;
    AppendClean(out, text.substr(words[i].begin, words[i].end - words[i].begin));
    out += kMarkEnd;
    pos = words[i].end;
  }
  AppendClean(out, text.substr(pos, to - pos));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::string StripMarks(std::string_view marked) {
  std::string out;
  for (char c : marked)
    if (c != kMarkBegin && c != kMarkEnd) out += c;
  return out;
}

std::string MarkAll(std::string_view text, const std::vector<Term>& terms) {
  std::vector<Span> words;
  MatchWords(text, terms, &words);
  std::string out = Render(text, words, 0, words.size(), 0, text.size());
  size_t lead = out.find_first_not_of(' ');
  return lead == std::string::npos ? "" : out.substr(lead);
}

namespace {

// MakeSnippet, with the text's words already matched.
std::string SnippetOf(std::string_view text, const std::vector<Span>& words, const std::vector<Term>& terms,
                      size_t max_words) {
  if (max_words == 0) return "";
  if (words.empty()) return MarkAll(text, terms);
  const size_t n = words.size();
  auto match = [&](size_t i) { return words[i].match; };

  // Of the windows [s, s + width) that start on a matching word, the one
  // with the most distinct terms, then the most matching words; the earliest
  // on ties. Then a few words of context before it, unless that pushes a
  // match out at the end.
  const size_t width = std::min(max_words, n);
  size_t first = 0;
  int best_distinct = 0, best_count = 0;
  for (size_t start = 0; start < n; start++) {
    if (match(start) < 0) continue;
    size_t s = std::min(start, n - width);
    uint32_t seen = 0;  // bit t: term t matched (kMaxTerms <= 32)
    int distinct = 0, count = 0;
    for (size_t i = s; i < s + width; i++) {
      if (match(i) < 0) continue;
      count++;
      if (!(seen & (1u << match(i)))) {
        seen |= 1u << match(i);
        distinct++;
      }
    }
    if (distinct > best_distinct || (distinct == best_distinct && count > best_count)) {
      best_distinct = distinct;
      best_count = count;
      first = s;
    }
  }
  if (best_count > 0) {
    size_t shift = std::min<size_t>({4, width / 4, first});
    while (shift > 0) {
      bool loses_match = false;
      for (size_t i = first + width - shift; i < first + width; i++) loses_match = loses_match || match(i) >= 0;
      if (!loses_match) break;
      shift--;
    }
    first -= shift;
  }
  size_t last = first + width;

  // Whole text before the first word / after the last one when nothing is
  // cut there (opening quote, final full stop).
  size_t from = first == 0 ? 0 : words[first].begin;
  size_t to = last == n ? text.size() : words[last - 1].end;
  std::string out;
  if (first > 0) out += kEllipsis;
  std::string body = Render(text, words, first, last, from, to);
  size_t lead = body.find_first_not_of(' ');
  if (lead != std::string::npos) out += body.substr(lead);
  if (last < n) out += kEllipsis;
  return out;
}

}  // namespace

std::string MakeSnippet(std::string_view text, const std::vector<Term>& terms, size_t max_words) {
  std::vector<Span> words;
  MatchWords(text, terms, &words);
  return SnippetOf(text, words, terms, max_words);
}

// Each field is split and matched once: the words that choose the field also
// cut its snippet.
std::string BestSnippet(const std::vector<std::string>& fields, const std::vector<Term>& terms, size_t max_words) {
  const std::string* best = nullptr;
  std::vector<Span> best_words, words;
  int best_n = 0;
  for (const std::string& f : fields) {
    if (f.empty()) continue;
    MatchWords(f, terms, &words);
    uint32_t seen = 0;  // bit t: term t matched (kMaxTerms <= 32)
    int n = 0;
    for (const Span& w : words)
      if (w.match >= 0 && !(seen & (1u << w.match))) {
        seen |= 1u << w.match;
        n++;
      }
    if (!best || n > best_n) {
      best_n = n;
      best = &f;
      best_words.swap(words);
    }
  }
  return best ? SnippetOf(*best, best_words, terms, max_words) : "";
}

}  // namespace relais::search
