// account_data.cpp — see account_data.h.
#include "ui/office/account_data.h"

#include "core/search/fold.h"

namespace relais {

namespace {

// Every word of the query appears in `folded` (a word may be a prefix of
// one there, or any part of it: names are short, so substring is enough).
bool ContainsWords(const std::string& folded, const std::string& query) {
  const std::string q = search::FoldWords(query);
  size_t at = 0;
  while (at < q.size()) {
    size_t end = q.find(' ', at);
    if (end == std::string::npos) end = q.size();
    if (end > at && folded.find(q.substr(at, end - at)) == std::string::npos) return false;
    at = end + 1;
  }
  return true;
}

}  // namespace

std::vector<MemberChoice> ActiveMemberChoices(Store& st) {
  std::vector<MemberChoice> out;
  Stmt s = st.db.Prepare(
      "SELECT id, trim(first_name || ' ' || last_name) AS name FROM members WHERE deleted_hlc IS NULL AND active = 1 "
      "ORDER BY last_name, first_name");
  while (s.Step()) {
    MemberChoice m{s.Text(0), s.Text(1), ""};
    m.folded = search::FoldWords(m.name);
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<const MemberChoice*> MatchMembers(const std::vector<MemberChoice>& all, const std::string& query,
                                              size_t limit) {
  std::vector<const MemberChoice*> out;
  if (search::FoldWords(query).empty()) return out;
  for (const MemberChoice& m : all) {
    if (out.size() >= limit) break;
    if (ContainsWords(m.folded, query)) out.push_back(&m);
  }
  return out;
}

bool AccountMatches(const sync::AccountInfo& a, const std::string& query) {
  return ContainsWords(search::FoldWords(a.login + " " + a.display_name + " " + a.member_name), query);
}

Msg RoleMsg(const std::string& role) {
  if (role == "trainee") return Msg::AccRoleTrainee;
  if (role == "office_staff") return Msg::AccRoleOfficeStaff;
  if (role == "admin") return Msg::AccRoleAdmin;
  return Msg::AccRoleAdvisor;
}

}  // namespace relais
