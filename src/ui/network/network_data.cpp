// network_data.cpp — see network_data.h.
#include "ui/network/network_data.h"

#include <iterator>
#include <utility>

namespace relais {

std::string SlotLabel(SignatureSlot slot) {
  switch (slot) {
    case SignatureSlot::ConventionMember:
      return T(Msg::NetSlotConventionMember);
    case SignatureSlot::ConventionHierarchy:
      return T(Msg::NetSlotConventionHier);
    case SignatureSlot::CodeMember:
      return T(Msg::NetSlotCodeMember);
    case SignatureSlot::CodeHierarchy:
      return T(Msg::NetSlotCodeHier);
  }
  return "";
}

std::string MissingText(const std::vector<SignatureSlot>& missing) {
  if (missing.size() == std::size(kSignatureSlots)) return T(Msg::NetNoSignature);
  std::string list;
  for (SignatureSlot s : missing) list += (list.empty() ? "" : ", ") + SlotLabel(s);
  return LabelValue(Msg::NetMissing, list);
}

std::string SignatureStatusText(const SignatureStatus& s) {
  return s.complete() ? std::string(T(Msg::NetAllSigned)) : MissingText(MissingSlots(s));
}

std::string RoleLabel(const std::string& role) {
  if (role == "manager") return T(Msg::NetRoleManager);
  if (role == "network_staff") return T(Msg::NetRoleNetworkStaff);
  if (role == "legal_expert") return T(Msg::NetRoleLegalExpert);
  return T(Msg::NetRoleAdvisor);
}

std::string KindLabel(const std::string& kind) {
  static const std::pair<const char*, Msg> kKinds[] = {{"agence_regionale", Msg::NetKindAgenceRegionale},
                                                       {"agence", Msg::NetKindAgence},
                                                       {"cci", Msg::NetKindCci},
                                                       {"cma", Msg::NetKindCma},
                                                       {"finance", Msg::NetKindFinance},
                                                       {"ip", Msg::NetKindIp},
                                                       {"export", Msg::NetKindExport},
                                                       {"agriculture", Msg::NetKindAgriculture},
                                                       {"collectivite", Msg::NetKindCollectivite},
                                                       {"pole", Msg::NetKindPole},
                                                       {"recherche", Msg::NetKindRecherche},
                                                       {"centre_technique", Msg::NetKindCentreTechnique},
                                                       {"ess", Msg::NetKindEss},
                                                       {"autre", Msg::NetKindAutre}};
  for (const auto& k : kKinds)
    if (kind == k.first) return T(k.second);
  return kind;
}

std::string FieldError(const std::string& field, const std::string& detail) {
  static const std::pair<const char*, Msg> kFields[] = {{"last_name", Msg::NetErrLastName},
                                                        {"first_name", Msg::NetErrFirstName},
                                                        {"organisation_id", Msg::NetErrOrganisation},
                                                        {"office_id", Msg::NetErrOffice},
                                                        {"email", Msg::NetErrEmail},
                                                        {"languages", Msg::NetErrLanguages},
                                                        {"communes", Msg::NetErrCommunes},
                                                        {"name", Msg::NetErrName},
                                                        {"siren", Msg::NetErrSiren},
                                                        {"postcode", Msg::NetErrPostcode},
                                                        {"departments", Msg::NetErrDepartments},
                                                        {"signer_name", Msg::NetErrSignerName},
                                                        {"signed_on", Msg::NetErrDate}};
  for (const auto& f : kFields)
    if (field == f.first) return T(f.second);
  return std::string(T(Msg::NetErrOther)) + " " + detail;
}

}  // namespace relais
