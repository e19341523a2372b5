// admin_session.cpp — placeholder until the screen lands.
#include "ui/app.h"
#include "ui/widgets.h"

namespace relais {

void DrawSessionAdmin(AppState&) { ui::Muted("…"); }

}  // namespace relais
