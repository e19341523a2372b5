// account_data.h — what the accounts screen reads on the device: directory
// members to link an account to (picked by name), and the text a search and
// the role labels match against. The accounts themselves come from the
// server (core/sync/accounts_api.h), never from the device's database.
#pragma once
#include <string>
#include <vector>

#include "core/model/store.h"
#include "core/sync/accounts_api.h"
#include "ui/i18n.h"

namespace relais {

struct MemberChoice {
  std::string id;
  std::string name;    // "Prénom Nom"
  std::string folded;  // lowercase, no accents: what a search matches
};

// Active, live members of the device's directory, by name.
std::vector<MemberChoice> ActiveMemberChoices(Store& st);
// At most `limit` members whose name contains every word of the query
// (accents and case ignored); none for an empty query.
std::vector<const MemberChoice*> MatchMembers(const std::vector<MemberChoice>& all, const std::string& query,
                                              size_t limit);
// The account's login, display name and member name contain every word of
// the query (accents and case ignored).
bool AccountMatches(const sync::AccountInfo& a, const std::string& query);

Msg RoleMsg(const std::string& role);  // "advisor" -> Msg::AccRoleAdvisor

}  // namespace relais
