// screen_network.cpp — placeholder until the screen lands.
#include "ui/app.h"
#include "ui/widgets.h"

namespace relais {

void DrawNetwork(AppState&) { ui::Muted("…"); }

}  // namespace relais
