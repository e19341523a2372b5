// json_io.h — internal to diagnosis/: reading and writing our JSON with cereal.
//
// cereal's JSONInputArchive is made for documents cereal wrote itself: it throws
// on a missing name and, through rapidjson's assertions, on a value of the wrong
// type, with messages for programmers ("rapidjson internal assertion failure").
// Templates are edited by hand, so these helpers walk each object member by
// member instead: absent optional fields keep their defaults, unknown or repeated
// fields are reported (usually a typo), and every failure becomes one French
// message saying where it is: "question « q3 », champ « scale.min » : entier attendu".
//
// Always include rapidjson through cereal (this header): cereal makes its
// assertions throw; a translation unit that included rapidjson first would not.
#pragma once
#include <cereal/archives/json.hpp>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace relais::diagnosis::detail {

// French typography: no-break spaces inside « » and before a colon.
std::string Quote(const std::string& s);  // « s »
extern const char* const kColon;          // " : " with a no-break space
std::string Num(double v);                // 2 | 2,5

struct LoadError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Reader {
  cereal::JSONInputArchive& ar;
  std::vector<std::string> where;   // entities, outermost first: "question « q3 »"
  std::vector<std::string> fields;  // member path below the innermost entity
};

// Throws LoadError "<where>, champ « a.b » : <what>".
[[noreturn]] void Fail(const Reader& r, const std::string& what);
[[noreturn]] void FailUnknownField(Reader& r);
[[noreturn]] void FailMissing(Reader& r, const char* field);

bool Has(const std::vector<std::string>& names, const std::string& name);
inline void Require(Reader& r, const std::vector<std::string>& seen, const char* field) {
  if (!Has(seen, field)) FailMissing(r, field);
}

// Read the value at the current position and move past it.
void Read(Reader& r, std::string& out);
void Read(Reader& r, int& out);
void Read(Reader& r, int64_t& out);
void Read(Reader& r, double& out);  // finite numbers only
void Read(Reader& r, std::optional<double>& out);
void Read(Reader& r, bool& out);
void Read(Reader& r, std::vector<std::string>& out);
void Read(Reader& r, std::map<std::string, double>& out);

// An entity (section, question, option...) for the length of a C++ scope: it
// prefixes messages, and field paths restart below it. Rename() once its id is read.
struct Scope {
  Reader& r;
  std::vector<std::string> saved_fields;
  Scope(Reader& reader, std::string entity);
  ~Scope();
  void Rename(std::string entity);
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;
};

void EnterObject(Reader& r);               // fails unless the value is an object
void EnterArray(Reader& r, size_t* size);  // fails unless the value is an array
void Leave(Reader& r);

// Calls fn(name) for each member of the current object, in document order; fn
// must Read the member's value or fail (see FailUnknownField). Returns the names
// seen, for Require().
template <class Fn>
std::vector<std::string> ReadMembers(Reader& r, Fn&& fn) {
  std::vector<std::string> seen;
  while (const char* name = r.ar.getNodeName()) {
    std::string key = name;
    if (Has(seen, key)) Fail(r, "champ " + Quote(key) + " en double");
    seen.push_back(key);
    r.fields.push_back(key);
    fn(key);
    r.fields.pop_back();
  }
  return seen;
}

template <class Fn>
std::vector<std::string> ReadObject(Reader& r, Fn&& fn) {
  EnterObject(r);
  std::vector<std::string> seen = ReadMembers(r, fn);
  Leave(r);
  return seen;
}

// Calls fn(index) for each element; fn must read exactly that element.
template <class Fn>
void ReadArray(Reader& r, Fn&& fn) {
  size_t n = 0;
  EnterArray(r, &n);
  for (size_t i = 0; i < n; i++) fn(i);
  Leave(r);
}

// "" when `text` is well-formed JSON whose root is an object, else a message
// with line and column. Also rejects invalid UTF-8 and nesting deeper than
// kMaxDepth (templates need 8 levels).
constexpr int kMaxDepth = 32;
std::string CheckSyntax(const std::string& text);

// Parses `text` and calls read(reader) positioned on the root object's members.
// Returns "" or the error message.
template <class Fn>
std::string ReadDocument(std::string text, Fn&& read) {
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);  // BOM from Windows editors
  std::string err = CheckSyntax(text);
  if (!err.empty()) return err;
  try {
    std::istringstream in(text);
    cereal::JSONInputArchive ar(in);
    Reader r{ar, {}, {}};
    read(r);
  } catch (const LoadError& e) {
    return e.what();
  } catch (const std::exception& e) {  // not expected: every read above is guarded
    return std::string("JSON illisible") + kColon + e.what();
  }
  return "";
}

// --- Writing -------------------------------------------------------------------

using Out = cereal::JSONOutputArchive;
cereal::JSONOutputArchive::Options WriteOptions();  // two-space indent

void Put(Out& ar, const char* name, const std::string& v);
void Put(Out& ar, const char* name, const char* v) = delete;  // would pick the bool overload
void Put(Out& ar, const char* name, bool v);
void Put(Out& ar, const char* name, int v);
void Put(Out& ar, const char* name, int64_t v);
void Put(Out& ar, const char* name, double v);  // whole numbers without ".0"
void Put(Out& ar, const char* name, const std::vector<std::string>& v);
void Put(Out& ar, const char* name, const std::map<std::string, double>& v);
void BeginObject(Out& ar, const char* name);  // name nullptr: an array element
void BeginArray(Out& ar, const char* name);
inline void End(Out& ar) { ar.finishNode(); }

}  // namespace relais::diagnosis::detail
