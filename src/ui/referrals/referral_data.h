// referral_data.h — what the referral screens (and the company file) read
// about referrals: each with the names it shows and whether it is to be
// chased up. Plain functions over Store, tested directly.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/casework.h"

namespace relais {

struct ReferralLine {
  Referral referral;
  std::string company_name, from_name, to_name;
  bool reminder = false;  // still unanswered 7 days after it was sent
};
// Referrals the member received / sent, newest first.
std::vector<ReferralLine> ReceivedReferrals(Store& st, const std::string& member_id, int64_t now_ms);
std::vector<ReferralLine> SentReferrals(Store& st, const std::string& member_id, int64_t now_ms);

// "Envoyée", "Acceptée", "Refusée", "Terminée" in the UI language.
const char* ReferralStatusText(const std::string& status);

// The referral screen opens on the "sent" side after sending one.
void ShowSentReferrals();

}  // namespace relais
