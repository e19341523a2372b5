// screen_hotline_ask.cpp — placeholder until the screen is written.
#include "ui/app.h"
#include "ui/widgets.h"

namespace relais {

void DrawHotlineAsk(AppState&) { ui::Muted("…"); }

}  // namespace relais
