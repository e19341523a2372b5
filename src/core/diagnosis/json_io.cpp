#include "core/diagnosis/json_io.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cmath>

#include "core/locale.h"

namespace relais::diagnosis::detail {

const char* const kColon = "\u00A0: ";

std::string Quote(const std::string& s) { return "«\u00A0" + s + "\u00A0»"; }

std::string Num(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string((long long)v);
  std::string s = FormatNumber(v, 3, Lang::Fr);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == ',') s.pop_back();
  return s;
}

static std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// "<where>, champ « a.b.extra »" (parts left out when empty).
static std::string Location(const Reader& r, const std::string& extra_field) {
  std::string path = Join(r.fields, ".");
  if (!extra_field.empty()) path += (path.empty() ? "" : ".") + extra_field;
  std::string loc = Join(r.where, ", ");
  if (!path.empty()) loc += (loc.empty() ? "champ " : ", champ ") + Quote(path);
  return loc;
}

void Fail(const Reader& r, const std::string& what) {
  std::string loc = Location(r, "");
  throw LoadError(loc.empty() ? what : loc + kColon + what);
}

void FailUnknownField(Reader& r) {
  std::string name = r.fields.back();
  r.fields.pop_back();
  std::string path = Join(r.fields, ".");
  path += (path.empty() ? "" : ".") + name;
  std::string loc = Join(r.where, ", ");
  throw LoadError((loc.empty() ? "" : loc + kColon) + "champ inconnu " + Quote(path));
}

void FailMissing(Reader& r, const char* field) {
  std::string path = Join(r.fields, ".");
  path += (path.empty() ? "" : ".") + std::string(field);
  std::string loc = Join(r.where, ", ");
  throw LoadError((loc.empty() ? "" : loc + kColon) + "champ " + Quote(path) + " manquant");
}

bool Has(const std::vector<std::string>& names, const std::string& name) {
  for (const std::string& n : names)
    if (n == name) return true;
  return false;
}

// cereal reports a value of the wrong type by throwing (rapidjson's assertion,
// redefined by cereal): turn that into the expected type, named for the staff.
template <class T>
static void Load(Reader& r, T& out, const char* expected) {
  try {
    r.ar.loadValue(out);
  } catch (const cereal::Exception&) {
    Fail(r, std::string(expected) + " attendu");
  }
}

void Read(Reader& r, std::string& out) { Load(r, out, "texte"); }
void Read(Reader& r, int& out) { Load(r, out, "entier"); }
void Read(Reader& r, int64_t& out) { Load(r, out, "entier"); }
void Read(Reader& r, bool& out) { Load(r, out, "booléen (true ou false)"); }

void Read(Reader& r, double& out) {
  Load(r, out, "nombre");
  if (!std::isfinite(out)) Fail(r, "nombre fini attendu");
}

void Read(Reader& r, std::optional<double>& out) {
  double v = 0;
  Read(r, v);
  out = v;
}

void Read(Reader& r, std::vector<std::string>& out) {
  out.clear();
  ReadArray(r, [&](size_t) {
    std::string s;
    Read(r, s);
    out.push_back(std::move(s));
  });
}

void Read(Reader& r, std::map<std::string, double>& out) {
  out.clear();
  ReadObject(r, [&](const std::string& key) { Read(r, out[key]); });
}

Scope::Scope(Reader& reader, std::string entity) : r(reader), saved_fields(reader.fields) {
  r.where.push_back(std::move(entity));
  r.fields.clear();
}

Scope::~Scope() {
  r.where.pop_back();
  r.fields = std::move(saved_fields);
}

void Scope::Rename(std::string entity) { r.where.back() = std::move(entity); }

// startNode() throws on a scalar but accepts arrays and objects alike; only an
// array answers loadSize(), which tells the two apart.
static bool EnteredArray(Reader& r, size_t* size) {
  try {
    cereal::size_type n = 0;
    r.ar.loadSize(n);
    if (size) *size = (size_t)n;
    return true;
  } catch (const cereal::Exception&) {
    return false;
  }
}

void EnterObject(Reader& r) {
  try {
    r.ar.startNode();
  } catch (const cereal::Exception&) {
    Fail(r, "objet { … } attendu");
  }
  if (EnteredArray(r, nullptr)) Fail(r, "objet { … } attendu");
}

void EnterArray(Reader& r, size_t* size) {
  try {
    r.ar.startNode();
  } catch (const cereal::Exception&) {
    Fail(r, "liste [ … ] attendue");
  }
  if (!EnteredArray(r, size)) Fail(r, "liste [ … ] attendue");
}

void Leave(Reader& r) { r.ar.finishNode(); }

static std::string SyntaxProblem(rapidjson::ParseErrorCode code) {
  using namespace rapidjson;
  switch (code) {
    case kParseErrorDocumentEmpty:
      return "document vide";
    case kParseErrorDocumentRootNotSingular:
      return "contenu en trop après la fin du document";
    case kParseErrorValueInvalid:
      return "valeur invalide";
    case kParseErrorObjectMissName:
      return "nom de champ entre guillemets attendu";
    case kParseErrorObjectMissColon:
      return Quote(":") + " attendu après le nom du champ";
    case kParseErrorObjectMissCommaOrCurlyBracket:
      return Quote(",") + " ou " + Quote("}") + " attendu";
    case kParseErrorArrayMissCommaOrSquareBracket:
      return Quote(",") + " ou " + Quote("]") + " attendu";
    case kParseErrorStringUnicodeEscapeInvalidHex:
    case kParseErrorStringUnicodeSurrogateInvalid:
    case kParseErrorStringEscapeInvalid:
      return "séquence d’échappement invalide";
    case kParseErrorStringMissQuotationMark:
      return "guillemet fermant manquant";
    case kParseErrorStringInvalidEncoding:
      return "encodage UTF-8 invalide";
    case kParseErrorNumberTooBig:
      return "nombre trop grand";
    case kParseErrorNumberMissFraction:
    case kParseErrorNumberMissExponent:
      return "nombre mal formé";
    default:
      return "erreur de syntaxe";
  }
}

// Deepest nesting of [ and { outside strings. cereal parses recursively: a
// hostile file of a million "[" would overflow the stack (small under wasm).
static int NestingDepth(const std::string& text) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); i++) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        i++;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      depth--;
    }
  }
  return deepest;
}

std::string CheckSyntax(const std::string& text) {
  using namespace rapidjson;
  // Same flags as cereal's own parse, plus UTF-8 validation; iterative so that
  // this check itself cannot overflow the stack.
  Document doc;
  doc.Parse<kParseFullPrecisionFlag | kParseNanAndInfFlag | kParseValidateEncodingFlag | kParseIterativeFlag>(
      text.c_str(), text.size());
  if (doc.HasParseError()) {
    // Line and column (in characters, not bytes) of the offending spot.
    size_t offset = doc.GetErrorOffset(), line = 1, column = 1;
    for (size_t i = 0; i < offset && i < text.size(); i++) {
      unsigned char c = (unsigned char)text[i];
      if (c == '\n') {
        line++;
        column = 1;
      } else if ((c & 0xC0) != 0x80) {
        column++;
      }
    }
    return "JSON invalide ligne " + std::to_string(line) + ", colonne " + std::to_string(column) + kColon +
           SyntaxProblem(doc.GetParseError());
  }
  if (!doc.IsObject()) return std::string("JSON invalide") + kColon + "objet { … } attendu à la racine";
  if (NestingDepth(text) > kMaxDepth)
    return std::string("JSON invalide") + kColon + "plus de " + std::to_string(kMaxDepth) + " niveaux d’imbrication";
  return "";
}

// --- Writing -------------------------------------------------------------------

cereal::JSONOutputArchive::Options WriteOptions() {
  using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;
  return cereal::JSONOutputArchive::Options(Writer::kDefaultMaxDecimalPlaces,
                                            cereal::JSONOutputArchive::Options::IndentChar::space, 2);
}

void Put(Out& ar, const char* name, const std::string& v) { ar(cereal::make_nvp(name, v)); }
void Put(Out& ar, const char* name, bool v) { ar(cereal::make_nvp(name, v)); }
void Put(Out& ar, const char* name, int v) { ar(cereal::make_nvp(name, v)); }
void Put(Out& ar, const char* name, int64_t v) { ar(cereal::make_nvp(name, v)); }

void Put(Out& ar, const char* name, double v) {
  // "2" rather than "2.0": the staff read and edit these files.
  if (v == std::floor(v) && std::fabs(v) < 1e15)
    Put(ar, name, (int64_t)v);
  else
    ar(cereal::make_nvp(name, v));
}

void Put(Out& ar, const char* name, const std::vector<std::string>& v) {
  BeginArray(ar, name);
  for (const std::string& s : v) ar(s);
  End(ar);
}

void Put(Out& ar, const char* name, const std::map<std::string, double>& v) {
  BeginObject(ar, name);
  for (const auto& [key, value] : v) Put(ar, key.c_str(), value);
  End(ar);
}

void BeginObject(Out& ar, const char* name) {
  if (name) ar.setNextName(name);
  ar.startNode();
}

void BeginArray(Out& ar, const char* name) {
  BeginObject(ar, name);
  ar.makeArray();
}

}  // namespace relais::diagnosis::detail
