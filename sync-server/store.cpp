// store.cpp — the backend-independent parts of store.h.
#include "store.h"

#include <algorithm>

const relais::Value* RowRecord::Get(const std::string& name) const {
  auto it = fields.find(name);
  return it == fields.end() ? nullptr : &it->second.value;
}

const std::string& RowRecord::Text(const std::string& name) const {
  static const std::string kNone;
  const relais::Value* v = Get(name);
  const std::string* s = v ? std::get_if<std::string>(v) : nullptr;
  return s ? *s : kNone;
}

std::optional<int64_t> RowRecord::Int(const std::string& name) const {
  const relais::Value* v = Get(name);
  const int64_t* i = v ? std::get_if<int64_t>(v) : nullptr;
  return i ? std::optional<int64_t>(*i) : std::nullopt;
}

int64_t RowRecord::UpdatedHlc() const {
  int64_t h = deleted_hlc;
  for (const auto& kv : fields) h = std::max(h, kv.second.hlc);
  return h;
}

std::string RowRecord::LastWriter() const {
  int64_t h = deleted_hlc;
  const std::string* who = &deleted_user;
  for (const auto& kv : fields)
    if (kv.second.hlc > h) {
      h = kv.second.hlc;
      who = &kv.second.user_id;
    }
  return who->empty() ? created_by : *who;
}
