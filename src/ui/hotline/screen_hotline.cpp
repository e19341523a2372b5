// screen_hotline.cpp — placeholder until the screen is written.
#include "ui/app.h"
#include "ui/widgets.h"

namespace relais {

void DrawHotline(AppState&) { ui::Muted("…"); }

}  // namespace relais
