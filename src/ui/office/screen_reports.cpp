// screen_reports.cpp — placeholder until the screen is written.
#include "ui/app.h"
#include "ui/widgets.h"

namespace relais {

void DrawReports(AppState&) { ui::Muted("…"); }

}  // namespace relais
