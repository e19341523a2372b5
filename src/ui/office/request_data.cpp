// request_data.cpp — see request_data.h.
#include "ui/office/request_data.h"

#include <map>

#include "ui/app.h"

namespace relais {

std::string RequestsOfficeFor(Store& st, const SessionInfo& session) {
  if (session.role == "admin") return "";
  if (!session.office_id.empty()) return session.office_id;
  if (session.member_id.empty()) return "";
  return st.db.QueryText("SELECT office_id FROM members WHERE id = ?", session.member_id).value_or("");
}

std::vector<RequestLine> RequestLines(Store& st, const std::string& office_id) {
  std::map<std::string, std::string> members, offices;
  {
    Stmt s = st.db.Prepare(
        "SELECT DISTINCT m.id, trim(m.first_name || ' ' || m.last_name) FROM contact_requests AS r "
        "JOIN members AS m ON m.id = r.assignee_member_id WHERE r.deleted_hlc IS NULL");
    while (s.Step()) members[s.Text(0)] = s.Text(1);
  }
  {  // every office, a deactivated one too: the request still names it
    Stmt s = st.db.Prepare("SELECT id, name FROM offices");
    while (s.Step()) offices[s.Text(0)] = s.Text(1);
  }
  std::vector<RequestLine> out;
  for (ContactRequest& r : ListContactRequests(st, office_id)) {
    RequestLine l;
    l.title = r.company_name.empty() ? r.contact_name : r.company_name;
    if (r.assignee_member_id) l.assignee_name = members[*r.assignee_member_id];
    l.office_name = offices[r.office_id];
    l.request = std::move(r);
    out.push_back(std::move(l));
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> OfficeMembers(Store& st, const std::string& office_id) {
  std::vector<std::pair<std::string, std::string>> out;
  Stmt s = st.db.Prepare(
      "SELECT id, trim(first_name || ' ' || last_name) FROM members WHERE office_id = ? AND deleted_hlc IS NULL "
      "AND active = 1 "
      "ORDER BY last_name, first_name, id");
  s.BindText(1, office_id);
  while (s.Step()) out.emplace_back(s.Text(0), s.Text(1));
  return out;
}

std::vector<std::pair<std::string, std::string>> AllOffices(Store& st) {
  std::vector<std::pair<std::string, std::string>> out;
  Stmt s = st.db.Prepare("SELECT id, name FROM offices WHERE deleted_hlc IS NULL AND active = 1 ORDER BY name, id");
  while (s.Step()) out.emplace_back(s.Text(0), s.Text(1));
  return out;
}

Msg ContactStatusMsg(const std::string& status) {
  if (status == "assigned") return Msg::CrStatusAssigned;
  if (status == "contacted") return Msg::CrStatusContacted;
  if (status == "closed") return Msg::CrStatusClosed;
  return Msg::CrStatusNew;
}

std::string NeedLabel(const std::string& key) {
  static const std::pair<const char*, Msg> kNeeds[] = {{"creation", Msg::CrNeedCreation},
                                                       {"financement", Msg::CrNeedFinancement},
                                                       {"innovation", Msg::CrNeedInnovation},
                                                       {"export", Msg::CrNeedExport},
                                                       {"pi", Msg::CrNeedPi},
                                                       {"numerique", Msg::CrNeedNumerique},
                                                       {"rh", Msg::CrNeedRh},
                                                       {"implantation", Msg::CrNeedImplantation},
                                                       {"transition", Msg::CrNeedTransition}};
  for (const auto& n : kNeeds)
    if (key == n.first) return T(n.second);
  return key;
}

}  // namespace relais
