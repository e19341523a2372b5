// json.cpp — see json.h.
#include "core/model/json.h"

#include <cstdio>

#include "core/text.h"

namespace relais {

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

std::string JsonString(std::string_view s) {
  std::string out;
  AppendJsonString(out, s);
  return out;
}

std::string JsonStringArray(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); i++) {
    if (i) out += ',';
    AppendJsonString(out, items[i]);
  }
  out += ']';
  return out;
}

namespace {

struct Parser {
  std::string_view s;
  size_t i = 0;

  void SkipSpace() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
  }
  bool Eat(char c) {
    SkipSpace();
    if (i < s.size() && s[i] == c) {
      i++;
      return true;
    }
    return false;
  }
  bool Hex4(unsigned* v) {
    if (i + 4 > s.size()) return false;
    *v = 0;
    for (int k = 0; k < 4; k++) {
      char c = s[i++];
      unsigned d;
      if (c >= '0' && c <= '9')
        d = static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        d = static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        d = static_cast<unsigned>(c - 'A' + 10);
      else
        return false;
      *v = *v * 16 + d;
    }
    return true;
  }
  bool String(std::string* out) {
    if (!Eat('"')) return false;
    while (i < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[i++]);
      if (c == '"') return true;
      if (c < 0x20) return false;  // raw control characters are not JSON
      if (c != '\\') {
        *out += static_cast<char>(c);
        continue;
      }
      if (i >= s.size()) return false;
      char e = s[i++];
      switch (e) {
        case '"':
          *out += '"';
          break;
        case '\\':
          *out += '\\';
          break;
        case '/':
          *out += '/';
          break;
        case 'b':
          *out += '\b';
          break;
        case 'f':
          *out += '\f';
          break;
        case 'n':
          *out += '\n';
          break;
        case 'r':
          *out += '\r';
          break;
        case 't':
          *out += '\t';
          break;
        case 'u': {
          unsigned cp;
          if (!Hex4(&cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00) {  // high surrogate: a low one must follow
            unsigned lo;
            if (i + 2 > s.size() || s[i] != '\\' || s[i + 1] != 'u') return false;
            i += 2;
            if (!Hex4(&lo) || lo < 0xDC00 || lo >= 0xE000) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp < 0xE000) {
            return false;  // lone low surrogate
          }
          AppendUtf8(*out, cp);
          break;
        }
        default:
          return false;
      }
    }
    return false;  // unterminated
  }
};

}  // namespace

bool ParseJsonStringArray(std::string_view json, std::vector<std::string>* out) {
  Parser p{json};
  std::vector<std::string> items;
  if (!p.Eat('[')) return false;
  if (!p.Eat(']')) {
    do {
      std::string item;
      if (!p.String(&item)) return false;
      items.push_back(std::move(item));
    } while (p.Eat(','));
    if (!p.Eat(']')) return false;
  }
  p.SkipSpace();
  if (p.i != json.size()) return false;
  *out = std::move(items);
  return true;
}

}  // namespace relais
