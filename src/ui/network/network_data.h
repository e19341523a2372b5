// network_data.h — words of the network management screens (labels of
// roles, kinds and signature slots; the French message for a refused field),
// kept out of the drawing code so the UI tests call them directly. The data
// itself comes from core/model/network.h.
#pragma once
#include <string>
#include <vector>

#include "core/model/network.h"
#include "ui/i18n.h"

namespace relais {

std::string SlotLabel(SignatureSlot slot);  // "convention (hiérarchie)"
// "Convention et charte signées", or "Manque : charte (membre), ..."
std::string SignatureStatusText(const SignatureStatus& s);
std::string MissingText(const std::vector<SignatureSlot>& missing);
std::string RoleLabel(const std::string& role);
std::string KindLabel(const std::string& kind);  // the key itself when unknown
// The screen's message for a ValidationError on this entity's field.
std::string FieldError(const std::string& field, const std::string& detail);

}  // namespace relais
