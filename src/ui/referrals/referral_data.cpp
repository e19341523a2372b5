// referral_data.cpp — see referral_data.h.
#include "ui/referrals/referral_data.h"

#include <unordered_map>

#include "core/model/company.h"
#include "ui/companies/advisor_data.h"
#include "ui/i18n.h"

namespace relais {

static std::vector<ReferralLine> Lines(Store& st, std::vector<Referral> rows, int64_t now_ms) {
  std::unordered_map<std::string, std::string> names, companies;
  auto name = [&](const std::string& id) -> const std::string& {
    auto it = names.find(id);
    if (it == names.end()) it = names.emplace(id, MemberName(st, id)).first;
    return it->second;
  };
  std::vector<ReferralLine> out;
  for (Referral& r : rows) {
    ReferralLine l;
    auto it = companies.find(r.company_id);
    if (it == companies.end()) {
      std::optional<Company> c = Get<Company>(st, r.company_id);
      it = companies.emplace(r.company_id, c ? c->name : std::string("?")).first;
    }
    l.company_name = it->second;
    l.from_name = name(r.from_member_id);
    l.to_name = name(r.to_member_id);
    l.reminder = ReferralNeedsReminder(r, now_ms);
    l.save = RowSaveState(st, Referral::kTable, r.id).state;
    l.referral = std::move(r);
    out.push_back(std::move(l));
  }
  return out;
}

std::vector<ReferralLine> ReceivedReferrals(Store& st, const std::string& member_id, int64_t now_ms) {
  if (member_id.empty()) return {};
  return Lines(st, ListReferralsTo(st, member_id), now_ms);
}

std::vector<ReferralLine> SentReferrals(Store& st, const std::string& member_id, int64_t now_ms) {
  if (member_id.empty()) return {};
  return Lines(st, ListReferralsFrom(st, member_id), now_ms);
}

const char* ReferralStatusText(const std::string& s) {
  if (s == "accepted") return T(Msg::RefStatusAccepted);
  if (s == "declined") return T(Msg::RefStatusDeclined);
  if (s == "done") return T(Msg::RefStatusDone);
  return T(Msg::RefStatusSent);
}

}  // namespace relais
