// protocol.cpp — see protocol.h.
//
// Each message type is described once, by a Describe(io, value) function that
// names its members in order. Four "io" classes walk that description: the
// JSON and binary writers, the binary reader (positional: members in the
// described order) and the JSON reader (members in any order, by name; a
// Collector turns the description into a name -> reader table first).
//
// cereal's JSONInputArchive is lenient by design (unknown members ignored, no
// way to ask a node's type), and the protocol must not be: so a SAX pass with
// rapidjson runs first (UTF-8, nesting depth, NUL bytes, the protocol
// version), and the JSON reader enforces members and types itself.
#include "core/sync/protocol.h"
#include "core/sync/accounts_api.h"

// cereal's json.hpp configures rapidjson (its assertions throw instead of
// aborting): it must come before any rapidjson header, in every file, or the
// rapidjson functions differ between files (an ODR violation that crashes).
// clang-format off
#include <cereal/archives/json.hpp>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
// clang-format on
#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/string.hpp>
#include <cassert>
#include <cmath>
#include <cstring>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <streambuf>

#include "core/text.h"

namespace relais::sync {

namespace {

// --- the message descriptions ------------------------------------------------

// Member flags.
constexpr int kRequired = 0;
constexpr int kOptional = 1;          // JSON may omit it (the binary form always has it)
constexpr size_t kMaxArray = 100000;  // DoS bound for arrays not bounded below
constexpr size_t kMaxFields = 256;    // columns in one change or row

template <class IO>
void Describe(IO& io, Change& c) {
  io.Member("table", c.table);
  io.Member("row_id", c.row_id);
  io.Member("op", c.op);
  io.Member("fields", c.fields, kOptional);
  io.Member("hlc", c.hlc);
  io.Member("device_seq", c.device_seq);
}

template <class IO>
void Describe(IO& io, PushRequest& r) {
  io.Member("protocol", r.protocol);  // first: the binary reader checks it before the rest
  io.Member("device_id", r.device_id);
  io.Member("cursor", r.cursor, kOptional);
  io.Member("changes", r.changes, kRequired, kMaxBatchChanges);
}

template <class IO>
void Describe(IO& io, ChangeResult& r) {
  io.Member("device_seq", r.device_seq);
  io.Member("result", r.result);
  io.Member("decided", r.decided, kOptional);
}

template <class IO>
void Describe(IO& io, PushResponse& r) {
  io.Member("protocol", r.protocol);
  io.Member("acked_seq", r.acked_seq);
  io.Member("results", r.results, kRequired, kMaxBatchChanges);
  io.Member("server_time_ms", r.server_time_ms);
}

template <class IO>
void Describe(IO& io, PullRequest& r) {
  io.Member("protocol", r.protocol);
  io.Member("cursor", r.cursor, kOptional);
  io.Member("limit", r.limit, kOptional);
}

template <class IO>
void Describe(IO& io, VersionedField& f) {
  io.Member("name", f.name);
  io.Member("value", f.value);
  io.Member("hlc", f.hlc);
}

template <class IO>
void Describe(IO& io, RowState& r) {
  io.Member("table", r.table);
  io.Member("row_id", r.row_id);
  io.Member("serial", r.serial);
  io.Member("created_hlc", r.created_hlc);
  io.Member("updated_hlc", r.updated_hlc);
  io.Member("deleted_hlc", r.deleted_hlc);
  io.Member("author_id", r.author_id);
  io.Member("fields", r.fields, kRequired, kMaxFields);
}

template <class IO>
void Describe(IO& io, RowRef& r) {
  io.Member("table", r.table);
  io.Member("row_id", r.row_id);
}

template <class IO>
void Describe(IO& io, Conflict& c) {
  io.Member("id", c.id);
  io.Member("table", c.table);
  io.Member("row_id", c.row_id);
  io.Member("field", c.field);
  io.Member("winner_value", c.winner_value);
  io.Member("winner_hlc", c.winner_hlc);
  io.Member("winner_user", c.winner_user);
  io.Member("loser_value", c.loser_value);
  io.Member("loser_hlc", c.loser_hlc);
  io.Member("loser_user", c.loser_user);
  io.Member("created_ms", c.created_ms);
  io.Member("resolved", c.resolved);
  io.Member("winner_name", c.winner_name, kOptional);
  io.Member("loser_name", c.loser_name, kOptional);
}

template <class IO>
void Describe(IO& io, PullResponse& r) {
  io.Member("protocol", r.protocol);
  io.Member("changes", r.changes, kRequired, size_t(kMaxPullLimit));
  io.Member("removals", r.removals);
  io.Member("conflicts", r.conflicts);
  io.Member("cursor", r.cursor);
  io.Member("more", r.more);
  io.Member("server_time_ms", r.server_time_ms);
}

template <class IO>
void Describe(IO& io, LoginRequest& r) {
  io.Member("protocol", r.protocol);
  io.Member("login", r.login);
  io.Member("password", r.password);
}

template <class IO>
void Describe(IO& io, RefreshRequest& r) {
  io.Member("protocol", r.protocol);
  io.Member("refresh_token", r.refresh_token);
}

template <class IO>
void Describe(IO& io, LogoutRequest& r) {
  io.Member("protocol", r.protocol);
}

template <class IO>
void Describe(IO& io, UserInfo& u) {
  io.Member("id", u.id);
  io.Member("login", u.login);
  io.Member("role", u.role);
  io.Member("member_id", u.member_id);
  io.Member("display_name", u.display_name);
}

template <class IO>
void Describe(IO& io, TokenResponse& r) {
  io.Member("protocol", r.protocol);
  io.Member("access_token", r.access_token);
  io.Member("access_expires_ms", r.access_expires_ms);
  io.Member("refresh_token", r.refresh_token);
  io.Member("refresh_expires_ms", r.refresh_expires_ms);
  io.Member("user", r.user);
}

template <class IO>
void Describe(IO& io, ApiError& e) {
  io.Member("error", e.error);
  io.Member("message", e.message);
  io.Member("device_seq", e.device_seq, kOptional);
  io.Member("retry_after_s", e.retry_after_s, kOptional);
  io.Member("server_time_ms", e.server_time_ms, kOptional);
}

// Account administration (accounts_api.h).
template <class IO>
void Describe(IO& io, AccountInfo& a) {
  io.Member("id", a.id);
  io.Member("login", a.login);
  io.Member("display_name", a.display_name);
  io.Member("role", a.role);
  io.Member("member_id", a.member_id);
  io.Member("member_name", a.member_name);
  io.Member("disabled", a.disabled);
  io.Member("created_ms", a.created_ms);
  io.Member("last_login_ms", a.last_login_ms);
}

template <class IO>
void Describe(IO& io, AccountListRequest& r) {
  io.Member("protocol", r.protocol);
}

template <class IO>
void Describe(IO& io, AccountListResponse& r) {
  io.Member("protocol", r.protocol);
  io.Member("accounts", r.accounts);
}

template <class IO>
void Describe(IO& io, AccountCreateRequest& r) {
  io.Member("protocol", r.protocol);
  io.Member("login", r.login);
  io.Member("display_name", r.display_name);
  io.Member("role", r.role);
  io.Member("member_id", r.member_id, kOptional);
  io.Member("password", r.password, kOptional);
}

template <class IO>
void Describe(IO& io, AccountUpdateRequest& r) {
  io.Member("protocol", r.protocol);
  io.Member("id", r.id);
  io.Member("display_name", r.display_name);
  io.Member("role", r.role);
  io.Member("member_id", r.member_id);
}

template <class IO>
void Describe(IO& io, AccountDisableRequest& r) {
  io.Member("protocol", r.protocol);
  io.Member("id", r.id);
  io.Member("disabled", r.disabled);
}

template <class IO>
void Describe(IO& io, AccountPasswordRequest& r) {
  io.Member("protocol", r.protocol);
  io.Member("id", r.id);
  io.Member("password", r.password, kOptional);
}

template <class IO>
void Describe(IO& io, AccountResponse& r) {
  io.Member("protocol", r.protocol);
  io.Member("account", r.account);
  io.Member("password", r.password, kOptional);
}

// --- shared helpers ----------------------------------------------------------

// A decoding failure with a French message; `kind` as in DecodeError.
struct Fail : std::runtime_error {
  Fail(DecodeError::Kind k, const std::string& m, int64_t p = 0) : std::runtime_error(m), kind(k), protocol(p) {}
  DecodeError::Kind kind;
  int64_t protocol;  // UnsupportedVersion: the version announced
};
[[noreturn]] void Malformed(const std::string& m) { throw Fail(DecodeError::Malformed, m); }

bool ParseOp(const std::string& s, ChangeOp* out) {
  if (s == "upsert")
    *out = ChangeOp::Upsert;
  else if (s == "delete")
    *out = ChangeOp::Delete;
  else
    return false;
  return true;
}

bool ParseResult(const std::string& s, ResultKind* out) {
  if (s == "applied")
    *out = ResultKind::Applied;
  else if (s == "duplicate")
    *out = ResultKind::Duplicate;
  else if (s == "decided")
    *out = ResultKind::Decided;
  else
    return false;
  return true;
}

// Text from either format: valid UTF-8 with no NUL (it ends up in SQLite and
// in C strings; a NUL would silently cut it there).
void CheckText(const std::string& s) {
  if (s.find('\0') != std::string::npos) Malformed("texte contenant un caractère nul");
  if (!IsValidUtf8(s)) Malformed("texte qui n'est pas de l'UTF-8 valide");
}

// A read-only streambuf over the body: no copy, and it knows what is left.
struct ViewBuf : std::streambuf {
  ViewBuf(const char* data, size_t n) {
    char* p = const_cast<char*>(data);  // never written: get area only
    setg(p, p, p + n);
  }
  size_t left() const { return static_cast<size_t>(egptr() - gptr()); }
};

// A write-only streambuf appending to a string: the answer is built where it
// is returned from (an ostringstream would copy a page of megabytes once more).
struct StringSink : std::streambuf {
  explicit StringSink(std::string* out) : out_(out) {}
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) out_->push_back(static_cast<char>(c));
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    out_->append(s, static_cast<size_t>(n));
    return n;
  }
  std::string* out_;
};

// What write(os) writes, as a string. `write` scopes its archive: cereal
// archives finish their output when destroyed.
template <class F>
std::string Written(F&& write, size_t reserve = 0) {
  std::string out;
  out.reserve(reserve);
  StringSink sink(&out);
  std::ostream os(&sink);
  write(os);
  return out;
}

// --- JSON writer -------------------------------------------------------------

class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& os) : ar_(os, cereal::JSONOutputArchive::Options::NoIndent()) {}

  template <class T>
  void Member(const char* name, const T& v, int = 0, size_t = 0) {
    ar_.setNextName(name);
    Write(v);
  }
  template <class T>
  void Root(T& v) {
    Describe(*this, v);
  }

 private:
  void Write(const std::string& s) { ar_(s); }
  void Write(int64_t v) { ar_(v); }
  void Write(int v) { ar_(v); }
  void Write(bool v) { ar_(v); }
  void Write(ChangeOp op) { ar_(std::string(OpName(op))); }
  void Write(ResultKind k) { ar_(std::string(ResultName(k))); }
  void Write(const Value& v) {
    if (auto* s = std::get_if<std::string>(&v))
      ar_(*s);
    else if (auto* i = std::get_if<int64_t>(&v))
      ar_(*i);
    else if (auto* d = std::get_if<double>(&v); d && std::isfinite(*d))
      ar_(*d);
    else
      ar_(nullptr);  // null, and NaN/inf, which JSON cannot say (SQLite stores NaN as NULL)
  }
  void Write(const Fields& fields) {  // {"column": value, ...}
    ar_.startNode();
    for (const Field& f : fields) {
      ar_.setNextName(f.name.c_str());
      Write(f.value);
    }
    ar_.finishNode();
  }
  template <class T>
  void Write(const std::vector<T>& items) {
    ar_.startNode();
    ar_.makeArray();
    for (const T& item : items) Write(item);
    ar_.finishNode();
  }
  template <class T>
  void Write(const T& obj) {  // a described struct
    ar_.startNode();
    Describe(*this, const_cast<T&>(obj));  // writers only read
    ar_.finishNode();
  }

  cereal::JSONOutputArchive ar_;
};

// --- binary writer -----------------------------------------------------------

enum ValueTag : uint8_t { kNull = 0, kInt = 1, kDouble = 2, kText = 3 };

class BinaryWriter {
 public:
  // `rows`: the changes of a PullResponse, encoded beforehand (EncodePull).
  explicit BinaryWriter(std::ostream& os, const std::vector<std::string_view>* rows = nullptr)
      : ar_(os), rows_(rows) {}

  template <class T>
  void Member(const char*, const T& v, int = 0, size_t = 0) {
    Write(v);
  }
  template <class T>
  void Root(T& v) {
    Describe(*this, v);
  }
  void Row(const RowState& r) { Write(r); }

 private:
  void Write(const std::string& s) { ar_(s); }  // size (uint64) + bytes
  void Write(int64_t v) { ar_(v); }
  void Write(int v) { ar_(static_cast<int32_t>(v)); }
  void Write(bool v) { ar_(static_cast<uint8_t>(v ? 1 : 0)); }
  void Write(ChangeOp op) { ar_(static_cast<uint8_t>(op == ChangeOp::Upsert ? 0 : 1)); }
  void Write(ResultKind k) { ar_(static_cast<uint8_t>(k)); }
  void Write(const Value& v) {
    if (auto* s = std::get_if<std::string>(&v)) {
      ar_(static_cast<uint8_t>(kText), *s);
    } else if (auto* i = std::get_if<int64_t>(&v)) {
      ar_(static_cast<uint8_t>(kInt), *i);
    } else if (auto* d = std::get_if<double>(&v); d && std::isfinite(*d)) {
      ar_(static_cast<uint8_t>(kDouble), *d);
    } else {
      ar_(static_cast<uint8_t>(kNull));
    }
  }
  void Write(const Fields& fields) {
    ar_(cereal::make_size_tag(static_cast<cereal::size_type>(fields.size())));
    for (const Field& f : fields) {
      ar_(f.name);
      Write(f.value);
    }
  }
  template <class T>
  void Write(const std::vector<T>& items) {
    ar_(cereal::make_size_tag(static_cast<cereal::size_type>(items.size())));
    for (const T& item : items) Write(item);
  }
  void Write(const std::vector<RowState>& items) {
    if (!rows_) return Write<RowState>(items);
    ar_(cereal::make_size_tag(static_cast<cereal::size_type>(rows_->size())));
    for (std::string_view r : *rows_) ar_(cereal::binary_data(r.data(), r.size()));
  }
  template <class T>
  void Write(const T& obj) {
    Describe(*this, const_cast<T&>(obj));
  }

  cereal::PortableBinaryOutputArchive ar_;
  const std::vector<std::string_view>* rows_;
};

// --- binary reader -----------------------------------------------------------

class BinaryReader {
 public:
  BinaryReader(std::istream& is, ViewBuf& buf) : ar_(is), buf_(buf) {}

  template <class T>
  void Member(const char* name, T& v, int = kRequired, size_t max = kMaxArray) {
    try {
      Read(v, max);
    } catch (const Fail& f) {
      throw Fail(f.kind, std::string(name) + " : " + f.what(), f.protocol);
    } catch (const std::exception&) {  // cereal: short read
      Malformed(std::string(name) + " : données binaires tronquées");
    }
    if (std::strcmp(name, "protocol") == 0) CheckProtocolValue();
    last_int_ = 0;
  }
  template <class T>
  void Root(T& v) {
    Describe(*this, v);
    if (buf_.left() != 0) Malformed("octets en trop après le message");
  }

 private:
  void CheckProtocolValue();

  // A length that cannot be larger than what is left of the body: no
  // allocation driven by a forged size.
  size_t ReadSize(size_t max, size_t min_item_bytes) {
    cereal::size_type n = 0;
    ar_(cereal::make_size_tag(n));
    if (n > max) throw Fail(DecodeError::TooLarge, std::to_string(n) + " éléments, au plus " + std::to_string(max));
    if (n > buf_.left() / min_item_bytes) Malformed("données binaires tronquées");
    return static_cast<size_t>(n);
  }
  void Read(std::string& s, size_t = 0) {
    size_t n = ReadSize(SIZE_MAX, 1);
    s.resize(n);
    if (n) ar_(cereal::binary_data(&s[0], n));
    CheckText(s);
  }
  void Read(int64_t& v, size_t = 0) { ar_(v); }
  void Read(int& v, size_t = 0) {
    int32_t x = 0;
    ar_(x);
    v = x;
    last_int_ = x;
  }
  void Read(bool& v, size_t = 0) {
    uint8_t b = 0;
    ar_(b);
    if (b > 1) Malformed("booléen attendu");
    v = b == 1;
  }
  void Read(ChangeOp& op, size_t = 0) {
    uint8_t b = 0;
    ar_(b);
    if (b > 1) Malformed("opération inconnue");
    op = b == 0 ? ChangeOp::Upsert : ChangeOp::Delete;
  }
  void Read(ResultKind& k, size_t = 0) {
    uint8_t b = 0;
    ar_(b);
    if (b > static_cast<uint8_t>(ResultKind::Decided)) Malformed("résultat inconnu");
    k = static_cast<ResultKind>(b);
  }
  void Read(Value& v, size_t = 0) {
    uint8_t tag = 0;
    ar_(tag);
    switch (tag) {
      case kNull:
        v = std::monostate{};
        break;
      case kInt: {
        int64_t i = 0;
        ar_(i);
        v = i;
        break;
      }
      case kDouble: {
        double d = 0;
        ar_(d);
        if (!std::isfinite(d)) Malformed("nombre non fini");
        v = d;
        break;
      }
      case kText: {
        std::string s;
        Read(s);
        v = std::move(s);
        break;
      }
      default:
        Malformed("type de valeur inconnu");
    }
  }
  void Read(Fields& fields, size_t = 0) {
    size_t n = ReadSize(kMaxFields, 10);  // a name (8-byte size at least) and a tag
    fields.clear();
    fields.reserve(n);
    for (size_t i = 0; i < n; i++) {
      Field f;
      Read(f.name);
      for (const Field& g : fields)
        if (g.name == f.name) Malformed("colonne « " + f.name + " » en double");
      Read(f.value);
      fields.push_back(std::move(f));
    }
  }
  template <class T>
  void Read(std::vector<T>& items, size_t max) {
    size_t n = ReadSize(max, 1);
    items.clear();
    items.reserve(std::min<size_t>(n, 1024));
    for (size_t i = 0; i < n; i++) {
      items.emplace_back();
      Read(items.back());
    }
  }
  template <class T>
  void Read(T& obj, size_t = 0) {
    Describe(*this, obj);
  }

  cereal::PortableBinaryInputArchive ar_;
  ViewBuf& buf_;
  int last_int_ = 0;
};

// --- JSON pre-check (rapidjson SAX) ------------------------------------------

constexpr int kMaxJsonDepth = 5;  // root, changes array, row, fields array, field object

struct PrecheckHandler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, PrecheckHandler> {
  int depth = 0;
  bool root_seen = false;
  bool next_is_protocol = false;
  bool has_protocol = false;
  bool protocol_is_int = false;
  int64_t protocol = 0;
  std::string error;

  bool Scalar(bool is_int, int64_t v) {
    if (!root_seen) return Reject("un objet JSON est attendu");
    if (next_is_protocol) {
      has_protocol = true;
      protocol_is_int = is_int;
      protocol = v;
    }
    next_is_protocol = false;
    return true;
  }
  bool Default() { return Scalar(false, 0); }
  bool Int(int v) { return Scalar(true, v); }
  bool Uint(unsigned v) { return Scalar(true, v); }
  bool Int64(int64_t v) { return Scalar(true, v); }
  bool Uint64(uint64_t v) { return Scalar(v <= static_cast<uint64_t>(INT64_MAX), static_cast<int64_t>(v)); }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    if (std::memchr(s, 0, n)) return Reject("texte contenant un caractère nul");
    return Scalar(false, 0);
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (std::memchr(s, 0, n)) return Reject("nom de membre contenant un caractère nul");
    next_is_protocol = depth == 1 && n == 8 && std::memcmp(s, "protocol", 8) == 0;
    return true;
  }
  bool Open(bool object) {
    if (!root_seen) {
      if (!object) return Reject("un objet JSON est attendu");
      root_seen = true;
    } else {
      Scalar(false, 0);
    }
    if (++depth > kMaxJsonDepth) return Reject("imbrication trop profonde");
    return true;
  }
  bool StartObject() { return Open(true); }
  bool StartArray() { return Open(false); }
  bool EndObject(rapidjson::SizeType) {
    depth--;
    return true;
  }
  bool EndArray(rapidjson::SizeType) {
    depth--;
    return true;
  }
  bool Reject(const char* why) {
    error = why;
    return false;
  }
};

// Iterative (no recursion however deep the input), strict UTF-8, no NaN.
void PrecheckJson(std::string_view body, PrecheckHandler* h) {
  rapidjson::Reader reader;
  rapidjson::MemoryStream ms(body.data(), body.size());
  constexpr unsigned kFlags =
      rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag | rapidjson::kParseFullPrecisionFlag;
  rapidjson::ParseResult ok = reader.Parse<kFlags>(ms, *h);
  if (!ok) {
    if (!h->error.empty()) Malformed("JSON refusé : " + h->error);
    Malformed(std::string("JSON invalide à l'octet ") + std::to_string(ok.Offset()) + " : " +
              rapidjson::GetParseError_En(ok.Code()));
  }
}

void CheckProtocol(int64_t p) {
  if (p < kOldestProtocolVersion || p > kProtocolVersion)
    throw Fail(DecodeError::UnsupportedVersion,
               "version de protocole " + std::to_string(p) + " non prise en charge (le serveur accepte " +
                   std::to_string(kOldestProtocolVersion) + " à " + std::to_string(kProtocolVersion) +
                   ") : mettez l'application à jour",
               p);
}

void BinaryReader::CheckProtocolValue() { CheckProtocol(last_int_); }

// --- JSON reader -------------------------------------------------------------

class JsonReader;

// Turns a Describe() walk into a table of member readers.
struct MemberSlot {
  const char* name;
  int flags;
  std::function<void()> read;
  bool seen = false;
};

struct Collector {
  JsonReader& reader;
  std::vector<MemberSlot>& slots;
  template <class T>
  void Member(const char* name, T& v, int flags = kRequired, size_t max = kMaxArray);
};

class JsonReader {
 public:
  JsonReader(std::istream& is, bool lenient) : ar_(is), lenient_(lenient) {}

  template <class T>
  void Root(T& v) {
    ReadMembers(v);
  }

  void Read(std::string& s, size_t = 0) {
    Scalar("texte attendu", [&] { ar_(s); });
  }
  void Read(int64_t& v, size_t = 0) {
    Scalar("entier attendu", [&] { ar_(v); });
  }
  void Read(int& v, size_t = 0) {
    Scalar("entier attendu", [&] { ar_(v); });
  }
  void Read(bool& v, size_t = 0) {
    Scalar("booléen attendu", [&] { ar_(v); });
  }
  void Read(ChangeOp& op, size_t = 0) {
    std::string s;
    Read(s);
    if (!ParseOp(s, &op)) Malformed("opération « " + s + " » inconnue (upsert ou delete)");
  }
  void Read(ResultKind& k, size_t = 0) {
    std::string s;
    Read(s);
    if (!ParseResult(s, &k)) Malformed("résultat « " + s + " » inconnu");
  }
  // cereal cannot tell a node's type: try each the protocol allows, text
  // (the most common) first. A failed load throws before moving on.
  void Read(Value& v, size_t = 0) {
    try {
      std::string s;
      ar_(s);
      v = std::move(s);
      return;
    } catch (const cereal::Exception&) {
    }
    try {
      int64_t i = 0;
      ar_(i);
      v = i;
      return;
    } catch (const cereal::Exception&) {
    }
    try {
      double d = 0;
      ar_(d);
      v = d;  // finite: the pre-check refused NaN and Infinity
      return;
    } catch (const cereal::Exception&) {
    }
    try {
      std::nullptr_t n;
      ar_(n);
      v = std::monostate{};
      return;
    } catch (const cereal::Exception&) {
    }
    Malformed("valeur attendue : texte, nombre ou null");
  }
  void Read(Fields& fields, size_t = 0) {
    EnterObject();
    fields.clear();
    while (const char* n = ar_.getNodeName()) {
      Field f;
      f.name = n;
      for (const Field& g : fields)
        if (g.name == f.name) Malformed("colonne « " + f.name + " » en double");
      if (fields.size() >= kMaxFields) throw Fail(DecodeError::TooLarge, "trop de colonnes");
      try {
        Read(f.value);
      } catch (const Fail& e) {
        throw Fail(e.kind, "« " + f.name + " » : " + e.what(), e.protocol);
      }
      fields.push_back(std::move(f));
    }
    ar_.finishNode();
  }
  template <class T>
  void Read(std::vector<T>& items, size_t max) {
    size_t n = EnterArray();
    if (n > max) throw Fail(DecodeError::TooLarge, std::to_string(n) + " éléments, au plus " + std::to_string(max));
    items.clear();
    items.reserve(n);
    for (size_t i = 0; i < n; i++) {
      items.emplace_back();
      try {
        Read(items.back());
      } catch (const Fail& e) {
        throw Fail(e.kind, "[" + std::to_string(i) + "] " + e.what(), e.protocol);
      }
    }
    ar_.finishNode();
  }
  template <class T>
  void Read(T& obj, size_t = 0) {
    EnterObject();
    ReadMembers(obj);
    ar_.finishNode();
  }

 private:
  template <class F>
  void Scalar(const char* expected, F&& load) {
    try {
      load();
    } catch (const cereal::Exception&) {
      Malformed(expected);
    }
  }

  template <class T>
  void ReadMembers(T& obj) {
    std::vector<MemberSlot> slots;
    Collector c{*this, slots};
    Describe(c, obj);
    while (const char* n = ar_.getNodeName()) {
      std::string name = n;
      MemberSlot* slot = nullptr;
      for (MemberSlot& s : slots)
        if (name == s.name) slot = &s;
      if (!slot) {
        if (!lenient_) Malformed("membre inconnu « " + name + " »");
        Skip();
        continue;
      }
      if (slot->seen) Malformed("membre « " + name + " » en double");
      slot->seen = true;
      try {
        slot->read();
      } catch (const Fail& e) {
        throw Fail(e.kind, name + " : " + e.what(), e.protocol);
      }
    }
    for (const MemberSlot& s : slots)
      if (!s.seen && !(s.flags & kOptional)) Malformed(std::string("membre « ") + s.name + " » manquant");
  }

  // Enters an object node; an array is refused (cereal would take it as an
  // object with no members).
  void EnterObject() {
    Scalar("objet attendu", [&] { ar_.startNode(); });
    if (ar_.getNodeName() == nullptr) {  // empty object, or an array
      bool is_array = true;
      try {
        cereal::size_type n = 0;
        ar_.loadSize(n);  // asserts on an object
      } catch (const cereal::Exception&) {
        is_array = false;
      }
      if (is_array) {
        ar_.finishNode();
        Malformed("objet attendu");
      }
    }
  }
  size_t EnterArray() {
    Scalar("tableau attendu", [&] { ar_.startNode(); });
    cereal::size_type n = 0;
    Scalar("tableau attendu", [&] { ar_.loadSize(n); });
    return static_cast<size_t>(n);
  }
  // Lenient mode: steps over one member whatever it holds.
  void Skip() {
    try {
      relais::Value v;
      Read(v);
    } catch (const Fail&) {
      ar_.startNode();
      ar_.finishNode();
    }
  }

  cereal::JSONInputArchive ar_;
  bool lenient_;
};

template <class T>
void Collector::Member(const char* name, T& v, int flags, size_t max) {
  JsonReader* r = &reader;
  slots.push_back(MemberSlot{name, flags, [r, &v, max] { r->Read(v, max); }});
}

// --- entry points ------------------------------------------------------------

template <class T>
std::string EncodeAny(const T& v, Format f) {
  return Written([&](std::ostream& os) {
    if (f == Format::Json) {
      JsonWriter w(os);
      w.Root(const_cast<T&>(v));
    } else {
      BinaryWriter w(os);
      w.Root(const_cast<T&>(v));
    }
  });
}

template <class T>
bool DecodeAny(std::string_view body, Format f, T* out, DecodeError* err, bool needs_protocol = true) {
  *out = T{};  // optional members absent from the body keep their defaults
  try {
    ViewBuf buf(body.data(), body.size());
    std::istream is(&buf);
    if (f == Format::Json) {
      PrecheckHandler h;
      PrecheckJson(body, &h);
      if (needs_protocol) {
        if (!h.has_protocol) Malformed("membre « protocol » manquant");
        if (!h.protocol_is_int) Malformed("protocol : entier attendu");
        CheckProtocol(h.protocol);
      }
      JsonReader r(is, !needs_protocol);
      r.Root(*out);
    } else {
      if (body.empty()) Malformed("corps vide");
      BinaryReader r(is, buf);
      r.Root(*out);
    }
    return true;
  } catch (const Fail& e) {
    err->kind = e.kind;
    err->protocol = static_cast<int>(e.protocol);
    err->message = e.what();
  } catch (const std::exception& e) {  // cereal, bad_alloc: never let one escape
    err->kind = DecodeError::Malformed;
    err->message = std::string("message illisible : ") + e.what();
  }
  return false;
}

}  // namespace

const char* ContentType(Format f) { return f == Format::Json ? kJsonContentType : kBinaryContentType; }

bool FormatForContentType(std::string_view ct, Format* out) {
  std::string_view type = ct.substr(0, ct.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  std::string lower(type);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == kJsonContentType)
    *out = Format::Json;
  else if (lower == kBinaryContentType)
    *out = Format::Binary;
  else
    return false;
  return true;
}

const char* OpName(ChangeOp op) { return op == ChangeOp::Upsert ? "upsert" : "delete"; }

const char* ResultName(ResultKind k) {
  switch (k) {
    case ResultKind::Applied:
      return "applied";
    case ResultKind::Duplicate:
      return "duplicate";
    case ResultKind::Decided:
      return "decided";
  }
  return "applied";
}

std::string Encode(const PushRequest& v, Format f) { return EncodeAny(v, f); }
std::string Encode(const PushResponse& v, Format f) { return EncodeAny(v, f); }
std::string Encode(const PullRequest& v, Format f) { return EncodeAny(v, f); }
std::string Encode(const PullResponse& v, Format f) { return EncodeAny(v, f); }
std::string Encode(const LoginRequest& v, Format f) { return EncodeAny(v, f); }
std::string Encode(const RefreshRequest& v, Format f) { return EncodeAny(v, f); }
std::string Encode(const LogoutRequest& v, Format f) { return EncodeAny(v, f); }
std::string Encode(const TokenResponse& v, Format f) { return EncodeAny(v, f); }
std::string EncodeError(const ApiError& v) { return EncodeAny(v, Format::Json); }

std::string EncodeRow(const RowState& r) {
  std::string out = Written([&](std::ostream& os) { BinaryWriter(os).Row(r); });
  // Every cereal portable archive opens with a byte saying its endianness;
  // inside a page, the row comes without it.
  out.erase(0, 1);
  return out;
}

std::string EncodePull(const PullResponse& v, const std::vector<std::string_view>& rows) {
  assert(v.changes.empty());
  size_t n = 64 + v.cursor.size();
  for (std::string_view r : rows) n += r.size();
  return Written([&](std::ostream& os) { BinaryWriter(os, &rows).Root(const_cast<PullResponse&>(v)); }, n);
}

bool Decode(std::string_view b, Format f, PushRequest* o, DecodeError* e) { return DecodeAny(b, f, o, e); }
bool Decode(std::string_view b, Format f, PushResponse* o, DecodeError* e) { return DecodeAny(b, f, o, e); }
bool Decode(std::string_view b, Format f, PullRequest* o, DecodeError* e) { return DecodeAny(b, f, o, e); }
bool Decode(std::string_view b, Format f, PullResponse* o, DecodeError* e) { return DecodeAny(b, f, o, e); }
bool Decode(std::string_view b, Format f, LoginRequest* o, DecodeError* e) { return DecodeAny(b, f, o, e); }
bool Decode(std::string_view b, Format f, RefreshRequest* o, DecodeError* e) { return DecodeAny(b, f, o, e); }
bool Decode(std::string_view b, Format f, LogoutRequest* o, DecodeError* e) { return DecodeAny(b, f, o, e); }
bool Decode(std::string_view b, Format f, TokenResponse* o, DecodeError* e) { return DecodeAny(b, f, o, e); }

std::string Encode(const AccountListRequest& v, Format f) { return EncodeAny(v, f); }
std::string Encode(const AccountListResponse& v, Format f) { return EncodeAny(v, f); }
std::string Encode(const AccountCreateRequest& v, Format f) { return EncodeAny(v, f); }
std::string Encode(const AccountUpdateRequest& v, Format f) { return EncodeAny(v, f); }
std::string Encode(const AccountDisableRequest& v, Format f) { return EncodeAny(v, f); }
std::string Encode(const AccountPasswordRequest& v, Format f) { return EncodeAny(v, f); }
std::string Encode(const AccountResponse& v, Format f) { return EncodeAny(v, f); }
bool Decode(std::string_view b, Format f, AccountListRequest* o, DecodeError* e) { return DecodeAny(b, f, o, e); }
bool Decode(std::string_view b, Format f, AccountListResponse* o, DecodeError* e) { return DecodeAny(b, f, o, e); }
bool Decode(std::string_view b, Format f, AccountCreateRequest* o, DecodeError* e) { return DecodeAny(b, f, o, e); }
bool Decode(std::string_view b, Format f, AccountUpdateRequest* o, DecodeError* e) { return DecodeAny(b, f, o, e); }
bool Decode(std::string_view b, Format f, AccountDisableRequest* o, DecodeError* e) { return DecodeAny(b, f, o, e); }
bool Decode(std::string_view b, Format f, AccountPasswordRequest* o, DecodeError* e) { return DecodeAny(b, f, o, e); }
bool Decode(std::string_view b, Format f, AccountResponse* o, DecodeError* e) { return DecodeAny(b, f, o, e); }

bool DecodeApiError(std::string_view json, ApiError* out) {
  DecodeError err;
  return DecodeAny(json, Format::Json, out, &err, false);
}

}  // namespace relais::sync
