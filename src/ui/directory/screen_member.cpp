// Fiche membre: who the member is (organisation, office, job), what they know
// (skills, languages, summary), how to reach them, and whether they and their
// hierarchy signed the network's convention and code of conduct; then
// "Orienter vers ce membre", which opens the referral form for them.
#include <string>
#include <vector>

#include "core/model/directory.h"
#include "imgui.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/i18n.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

struct CardCache {
  Store* store = nullptr;
  std::string device, member_id;
  int64_t version = -1;
  std::optional<Member> member;
  std::string organisation, office;
  SignatureStatus signatures;
};
CardCache g_card;

void Load(AppState& app) {
  int64_t version = DataVersion(*app.store);
  if (g_card.store == app.store && g_card.device == app.store->device_id && g_card.member_id == app.route.id &&
      g_card.version == version)
    return;
  g_card = CardCache();
  g_card.store = app.store;
  g_card.device = app.store->device_id;
  g_card.member_id = app.route.id;
  g_card.version = version;
  g_card.member = Get<Member>(*app.store, app.route.id);
  if (!g_card.member || g_card.member->deleted()) {
    g_card.member.reset();
    return;
  }
  if (std::optional<Organisation> o = Get<Organisation>(*app.store, g_card.member->organisation_id))
    g_card.organisation = o->name;
  if (g_card.member->office_id)
    if (std::optional<Office> o = Get<Office>(*app.store, *g_card.member->office_id)) g_card.office = o->name;
  g_card.signatures = GetSignatureStatus(*app.store, app.route.id);
}

std::string Join(const std::vector<std::string>& v, bool upper = false) {
  std::string s;
  for (std::string x : v) {
    if (upper)
      for (char& c : x) c = (char)toupper((unsigned char)c);
    s += (s.empty() ? "" : ", ") + x;
  }
  return s;
}

// "Convention du réseau : signé par le membre, non signé par sa hiérarchie".
void SignatureLine(Msg document, bool member, bool hierarchy) {
  std::string text = std::string(T(member ? Msg::SigSigned : Msg::SigMissing)) + " " + T(Msg::SigMember) + ", " +
                     T(hierarchy ? Msg::SigSigned : Msg::SigMissing) + " " + T(Msg::SigHierarchy);
  ui::StatusText(LabelValue(document, text).c_str(), member && hierarchy ? theme::ColSuccess() : theme::ColDanger());
}

}  // namespace

void DrawMemberCard(AppState& app) {
  Load(app);
  if (!g_card.member) {
    ui::StatusText(T(Msg::DirMemberNotFound), theme::ColDanger());
    if (ui::Button(T(Msg::BackToList))) Navigate(app, Screen::Directory);
    return;
  }
  const Member& m = *g_card.member;
  ui::Title((m.first_name + " " + m.last_name).c_str());
  if (!m.job_title.empty()) ui::Muted(m.job_title.c_str());
  std::string where = g_card.organisation;
  if (!g_card.office.empty()) where += (where.empty() ? "" : " \xC2\xB7 ") + g_card.office;
  if (!where.empty()) ui::Paragraph(where.c_str());
  // Referring is why one opens a card: first, but not to oneself.
  bool self = m.id == app.session.member_id;
  if (!self && !app.session.member_id.empty() && ui::PrimaryButton(T(Msg::ReferToMember)))
    Navigate(app, Screen::ReferralNew, Route{"", m.id});

  ui::SectionTitle(T(Msg::DirExpertiseTitle));
  ui::Paragraph(m.expertise.empty() ? "\xE2\x80\x94" : Join(m.expertise).c_str());
  if (!m.summary.empty()) ui::Muted(m.summary.c_str());
  if (!m.languages.empty()) ui::Paragraph(LabelValue(Msg::DirLanguages, Join(m.languages, true)).c_str());

  ui::SectionTitle(T(Msg::DirContact));
  if (m.email.empty() && m.phone.empty()) ui::Muted(T(Msg::DirNoContact));
  if (!m.email.empty()) ui::Paragraph(LabelValue(Msg::Email, m.email).c_str());
  if (!m.phone.empty()) ui::Paragraph(LabelValue(Msg::Phone, m.phone).c_str());

  ui::SectionTitle(T(Msg::DirSignatures));
  SignatureLine(Msg::SigConvention, g_card.signatures.convention_member, g_card.signatures.convention_hierarchy);
  SignatureLine(Msg::SigCode, g_card.signatures.code_member, g_card.signatures.code_hierarchy);
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
