// screen_hotline_question.cpp — placeholder until the screen is written.
#include "ui/app.h"
#include "ui/widgets.h"

namespace relais {

void DrawHotlineQuestion(AppState&) { ui::Muted("…"); }

}  // namespace relais
