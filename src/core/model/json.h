// json.h — the little JSON the storage layer writes itself: quoted strings,
// arrays of strings (tags, languages, INSEE codes stored in one column) and
// the outbox's {"column": value} objects. Questionnaire answers and scores
// are JSON documents handled elsewhere; here they are opaque text.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace relais {

// "text" with JSON escapes; UTF-8 is kept as is.
void AppendJsonString(std::string& out, std::string_view s);
std::string JsonString(std::string_view s);

// ["a","b"]
std::string JsonStringArray(const std::vector<std::string>& items);
// Strict: a JSON array whose elements are all strings (\uXXXX escapes and
// surrogate pairs decoded to UTF-8). false on anything else.
bool ParseJsonStringArray(std::string_view json, std::vector<std::string>* out);

}  // namespace relais
