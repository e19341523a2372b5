// screen_contact_requests.cpp — placeholder until the screen is written.
#include "ui/app.h"
#include "ui/widgets.h"

namespace relais {

void DrawContactRequests(AppState&) { ui::Muted("…"); }

}  // namespace relais
