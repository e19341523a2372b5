// request_data.h — what the portal requests screen reads from the device's
// store (core/model/contact_request.h does the writing), kept out of the
// drawing code so the UI tests call it directly.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/model/contact_request.h"
#include "ui/i18n.h"

namespace relais {

struct SessionInfo;  // ui/app.h

// The office whose requests the user follows: their member record's (the
// session's, or read from the directory when the session was filled before
// it synced); "" for an admin, who sees every office's.
std::string RequestsOfficeFor(Store& st, const SessionInfo& session);

struct RequestLine {
  ContactRequest request;
  std::string title;          // the company, else the person
  std::string assignee_name;  // "" when nobody
  std::string office_name;
};
// The requests of that office ("" every office), new first.
std::vector<RequestLine> RequestLines(Store& st, const std::string& office_id);

// Active members of an office, by name: (id, "First Last").
std::vector<std::pair<std::string, std::string>> OfficeMembers(Store& st, const std::string& office_id);
// Active offices, by name: (id, name).
std::vector<std::pair<std::string, std::string>> AllOffices(Store& st);

Msg ContactStatusMsg(const std::string& status);  // "new" -> CrStatusNew ...
// The portal's need in words (the portal's taxonomy, sync-server/portal_data.cpp); the key when unknown.
std::string NeedLabel(const std::string& key);

}  // namespace relais
