// screen_accounts.cpp — placeholder until the screen lands.
#include "ui/app.h"
#include "ui/widgets.h"

namespace relais {

void DrawAccounts(AppState&) { ui::Muted("…"); }

}  // namespace relais
