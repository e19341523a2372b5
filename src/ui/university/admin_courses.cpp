// admin_courses.cpp — placeholder until the screen lands.
#include "ui/app.h"
#include "ui/widgets.h"

namespace relais {

void DrawUniversityAdmin(AppState&) { ui::Muted("…"); }

}  // namespace relais
