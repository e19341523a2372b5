// university_ui.h — pieces the University screens share: the registration
// status chip, the session card (date, time, place, trainer, seats, the
// user's status and actions), and a small labelled choice list.
#pragma once
#include <string>
#include <vector>

#include "ui/app.h"
#include "ui/university/university_data.h"

namespace relais::ui {

// "En attente" / "Confirmée" / "Liste d'attente (rang 2)" / "Annulée", in
// its colour, mirrored as a status. Promoted adds the line that says so.
void RegistrationStatus(const Registration& r, bool promoted);

struct SessionCardOptions {
  bool show_course = false;   // the agenda and the schedule name the course
  bool actions = true;        // register / cancel / .ics
};
// One session. Returns true when it wrote something (the caller's cached
// lines are stale then). error: set to a message when a write failed.
bool SessionCard(AppState& app, const SessionLine& l, const SessionCardOptions& o, std::string* error);

}  // namespace relais::ui
