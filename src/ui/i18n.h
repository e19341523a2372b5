// i18n.h — the message catalogue (messages.inc) and the current UI language.
#pragma once
#include "core/locale.h"

namespace relais {

enum class Msg {
#define X(id, fr, en) id,
#include "ui/messages.inc"
#undef X
  Count
};

const char* T(Msg id);          // the message in the current language
void SetLang(Lang lang);
Lang CurrentLang();
const char* LangCode(Lang lang);  // "fr" / "en"
Lang LangFromCode(const char* code);  // anything but "en" is French

}  // namespace relais

#include <string>
namespace relais {
// "Label : value" with French spacing before the colon, "Label: value" in English.
std::string LabelValue(Msg label, const std::string& value);
}  // namespace relais

namespace relais {
// Plural forms: French puts 0 and 1 in the singular ("0 conflit", "1 conflit",
// "2 conflits"), English only 1. `one` and `many` hold one %d.
Msg PluralMsg(long n, Msg one, Msg many);
std::string CountText(long n, Msg one, Msg many);  // "2 conflits"
}  // namespace relais
