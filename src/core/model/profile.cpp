// profile.cpp — see profile.h.
#include "core/model/profile.h"

#include "core/model/row.h"
#include "core/text.h"

namespace relais {

std::optional<LocalProfile> GetLocalProfile(Store& st) {
  Stmt s = st.db.Prepare(
      "SELECT user_id, member_id, display_name, email, role, lang, signed_in_at FROM local_profile WHERE slot = 1");
  if (!s.Step()) return std::nullopt;
  LocalProfile p;
  p.user_id = s.Text(0);
  p.member_id = s.OptText(1);
  p.display_name = s.Text(2);
  p.email = s.Text(3);
  p.role = s.Text(4);
  p.lang = s.Text(5);
  p.signed_in_at = s.Int(6);
  return p;
}

void SaveLocalProfile(Store& st, const LocalProfile& p) {
  Require(!p.user_id.empty(), "user_id", "a profile needs the user's id");
  Require(IsValidUtf8(p.display_name) && IsValidUtf8(p.email), "display_name", "invalid UTF-8");
  st.db.Exec(
      "INSERT OR REPLACE INTO local_profile (slot, user_id, member_id, display_name, email, role, lang, signed_in_at) "
      "VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
      p.user_id, p.member_id, p.display_name, p.email, p.role, p.lang, p.signed_in_at);
  st.author_id = p.user_id;
}

void ClearLocalProfile(Store& st) {
  st.db.Exec("DELETE FROM local_profile");
  st.author_id.clear();
}

}  // namespace relais
