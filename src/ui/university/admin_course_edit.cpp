// admin_course_edit.cpp — placeholder until the screen lands.
#include "ui/app.h"
#include "ui/widgets.h"

namespace relais {

void DrawCourseEdit(AppState&) { ui::Muted("…"); }

}  // namespace relais
