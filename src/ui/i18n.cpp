#include "ui/i18n.h"

#include <cstring>

namespace relais {

static const char* const kFr[] = {
#define X(id, fr, en) fr,
#include "ui/messages.inc"
#undef X
};
static const char* const kEn[] = {
#define X(id, fr, en) en,
#include "ui/messages.inc"
#undef X
};
static Lang g_lang = Lang::Fr;

const char* T(Msg id) {
  int i = (int)id;
  if (i < 0 || i >= (int)Msg::Count) return "";
  return g_lang == Lang::En ? kEn[i] : kFr[i];
}
void SetLang(Lang lang) { g_lang = lang; }
Lang CurrentLang() { return g_lang; }
const char* LangCode(Lang lang) { return lang == Lang::En ? "en" : "fr"; }
Lang LangFromCode(const char* code) { return code && std::strcmp(code, "en") == 0 ? Lang::En : Lang::Fr; }

}  // namespace relais

namespace relais {
std::string LabelValue(Msg label, const std::string& value) {
  // French puts a no-break space before the colon.
  return std::string(T(label)) + (g_lang == Lang::Fr ? "\xC2\xA0: " : ": ") + value;
}
}  // namespace relais

#include <cstdio>
namespace relais {
Msg PluralMsg(long n, Msg one, Msg many) {
  bool singular = g_lang == Lang::Fr ? (n == 0 || n == 1 || n == -1) : (n == 1 || n == -1);
  return singular ? one : many;
}
std::string CountText(long n, Msg one, Msg many) {
  char buf[160];
  std::snprintf(buf, sizeof buf, T(PluralMsg(n, one, many)), (int)n);
  return buf;
}
}  // namespace relais
