// profile.h — the user signed in on this device. Local only, never synced:
// one row, replaced at sign-in, cleared at sign-out. Its user_id is the
// author_id stamped on every write.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/model/store.h"

namespace relais {

struct LocalProfile {
  std::string user_id;                   // the account id on the sync server
  std::optional<std::string> member_id;  // their member record, if they are a member
  std::string display_name;
  std::string email;
  std::string role;          // account role, as the server granted it
  std::string lang = "fr";   // "fr" | "en"
  int64_t signed_in_at = 0;  // ms since the epoch
};

std::optional<LocalProfile> GetLocalProfile(Store& st);
// Replaces the profile and makes user_id the author of the following writes.
void SaveLocalProfile(Store& st, const LocalProfile& p);
void ClearLocalProfile(Store& st);

}  // namespace relais
