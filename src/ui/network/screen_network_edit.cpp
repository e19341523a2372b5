// screen_network_edit.cpp — placeholder until the screen lands.
#include "ui/app.h"
#include "ui/widgets.h"

namespace relais {

void DrawNetworkEdit(AppState&) { ui::Muted("…"); }

}  // namespace relais
