// referral_data.h — what the referral screens (and the company file) read
// about referrals: each with the names it shows and whether it is to be
// chased up. Plain functions over Store, tested directly.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/casework.h"
#include "ui/companies/advisor_data.h"

namespace relais {

struct ReferralLine {
  Referral referral;
  std::string company_name, from_name, to_name;
  bool reminder = false;  // still unanswered 7 days after it was sent
  SaveState save = SaveState::Synced;  // the last change is still on this device only, or was refused
};
// Referrals the member received / sent, newest first.
std::vector<ReferralLine> ReceivedReferrals(Store& st, const std::string& member_id, int64_t now_ms);
std::vector<ReferralLine> SentReferrals(Store& st, const std::string& member_id, int64_t now_ms);

// "Envoyée", "Acceptée", "Refusée", "Terminée" in the UI language.
const char* ReferralStatusText(const std::string& status);
// The status as the user must read it: a referral written offline is not
// "Envoyée" before it has reached the server, and an answer given offline
// says it still waits on this device (or that the server refused it).
// Drawn by the referral screen and the company timeline.
void DrawReferralStatus(const std::string& status, SaveState save);

// The referral screen opens on the "sent" side after sending one.
void ShowSentReferrals();

}  // namespace relais
