// repo.cpp — the non-template parts of repo.h.
#include "core/model/repo.h"

#include "core/text.h"

namespace relais::repo_detail {

void CheckUtf8(const Fields& fields, const char* table) {
  for (const Field& f : fields)
    if (auto* s = std::get_if<std::string>(&f.value); s && !IsValidUtf8(*s))
      throw ValidationError(f.name, std::string("invalid UTF-8 text for ") + table);
}

}  // namespace relais::repo_detail
