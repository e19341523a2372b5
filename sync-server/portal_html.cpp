// portal_html.cpp — see portal_html.h.
#include "portal_html.h"

const char* const kConsentText =
    "J'accepte que le réseau dev'up et l'antenne de mon territoire utilisent ces informations pour me "
    "recontacter au sujet de ma demande. Elles ne sont ni publiées ni cédées ; je peux demander leur "
    "suppression à tout moment.";

std::string HtmlEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

const std::string& PortalCss() {
  // Phone first: one column, 16 px text (no zoom on focus in iOS), targets of
  // at least 44 px, visible focus.
  static const std::string kCss =
      "*{box-sizing:border-box}"
      "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;"
      "color:#1c2430;background:#f5f6f8}"
      "header{background:#14365d;color:#fff;padding:12px 16px}"
      "header a{color:#fff;text-decoration:none;font-weight:700;font-size:1.1rem}"
      "header p{margin:2px 0 0;font-size:.9rem;opacity:.9}"
      "main{max-width:46rem;margin:0 auto;padding:16px}"
      "h1{font-size:1.45rem;line-height:1.25;margin:.4em 0}"
      "h2{font-size:1.2rem;margin:1.4em 0 .5em}"
      "fieldset{border:1px solid #c9d0da;border-radius:8px;margin:0 0 16px;padding:8px 12px 12px;background:#fff}"
      "legend{font-weight:700;padding:0 4px}"
      ".choice{display:flex;align-items:center;gap:10px;min-height:44px}"
      ".choice input{width:22px;height:22px;flex:none}"
      "label.field{display:block;font-weight:600;margin:12px 0 4px}"
      ".hint{display:block;font-weight:400;font-size:.9rem;color:#4a5565}"
      "input[type=text],input[type=email],input[type=tel],select,textarea{width:100%;font:inherit;padding:10px;"
      "min-height:44px;border:1px solid #8893a3;border-radius:6px;background:#fff;color:inherit}"
      "textarea{min-height:9em;resize:vertical}"
      "button{font:inherit;font-weight:700;min-height:48px;padding:10px 20px;border:0;border-radius:6px;"
      "background:#14365d;color:#fff;cursor:pointer;width:100%;margin-top:12px}"
      "@media(min-width:40rem){button{width:auto}}"
      ":focus-visible{outline:3px solid #f0a500;outline-offset:2px}"
      ".card{background:#fff;border:1px solid #d5dbe3;border-radius:8px;padding:12px 14px;margin:0 0 12px}"
      ".card h3{margin:0 0 4px;font-size:1.05rem}.card p{margin:4px 0}"
      ".office{border-left:6px solid #14365d}"
      ".meta{color:#4a5565;font-size:.92rem}"
      ".errors{border:2px solid #b3261e;background:#fdecea;border-radius:8px;padding:8px 14px;margin:0 0 16px}"
      ".errors h2{margin:.3em 0;color:#b3261e;font-size:1.05rem}"
      ".error{color:#b3261e;font-weight:600;display:block;margin:4px 0}"
      "[aria-invalid=true]{border-color:#b3261e;border-width:2px}"
      ".hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}"
      ".ok{border-left:6px solid #1b7f3b}"
      "a{color:#0b5cad}a.button{display:inline-block;margin-top:8px}"
      "footer{max-width:46rem;margin:24px auto;padding:0 16px;font-size:.85rem;color:#4a5565}";
  return kCss;
}

std::string PortalPage(const std::string& title, const std::string& main_html) {
  return "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>" + HtmlEscape(title) + " — Portail d'orientation des entreprises</title>\n"
         "<link rel=\"stylesheet\" href=\"/portail/style.css\">\n</head>\n<body>\n"
         "<header><a href=\"/portail\">dev'up · Portail d'orientation</a>"
         "<p>Le réseau d'appui aux entreprises de Centre-Val de Loire</p></header>\n"
         "<main id=\"contenu\">\n" + main_html + "</main>\n"
         "<footer><p>Service public et gratuit du réseau dev'up Centre-Val de Loire. Les informations que vous "
         "envoyez servent uniquement à vous recontacter.</p></footer>\n</body>\n</html>\n";
}

namespace {

bool Has(const std::vector<std::string>& v, const std::string& s) {
  for (const std::string& x : v)
    if (x == s) return true;
  return false;
}

const FieldError* ErrorFor(const std::vector<FieldError>& errors, const std::string& field) {
  for (const FieldError& e : errors)
    if (e.field == field) return &e;
  return nullptr;
}

// The summary at the top of a form: each error links to its field.
std::string ErrorSummary(const std::vector<FieldError>& errors) {
  if (errors.empty()) return "";
  std::string h = "<div class=\"errors\" role=\"alert\" tabindex=\"-1\" id=\"erreurs\"><h2>";
  h += errors.size() == 1 ? "Une information est à corriger" : std::to_string(errors.size()) + " informations sont à corriger";
  h += "</h2><ul>";
  for (const FieldError& e : errors)
    h += "<li><a href=\"#" + HtmlEscape(e.field) + "\">" + HtmlEscape(e.message) + "</a></li>";
  return h + "</ul></div>\n";
}

// aria attributes and the message under a field in error.
std::string Invalid(const std::vector<FieldError>& errors, const std::string& field) {
  return ErrorFor(errors, field) ? " aria-invalid=\"true\" aria-describedby=\"" + field + "-erreur\"" : "";
}
std::string ErrorLine(const std::vector<FieldError>& errors, const std::string& field) {
  const FieldError* e = ErrorFor(errors, field);
  return e ? "<span class=\"error\" id=\"" + field + "-erreur\">" + HtmlEscape(e->message) + "</span>" : "";
}

std::string NeedsFieldset(const std::vector<std::string>& needs, const std::vector<FieldError>& errors) {
  std::string h = "<fieldset id=\"besoin\"><legend>Vos besoins</legend>" + ErrorLine(errors, "besoin") +
                  "<span class=\"hint\">Cochez un ou plusieurs sujets.</span>";
  for (const PortalNeed& n : PortalNeeds()) {
    std::string id = std::string("besoin-") + n.key;
    h += "<div class=\"choice\"><input type=\"checkbox\" name=\"besoin\" id=\"" + id + "\" value=\"" + n.key + "\"" +
         (Has(needs, n.key) ? " checked" : "") + "><label for=\"" + id + "\">" + HtmlEscape(n.label) +
         "</label></div>";
  }
  return h + "</fieldset>\n";
}

std::string CommuneSelect(const std::string& commune, const std::vector<FieldError>& errors) {
  std::string h = "<label class=\"field\" for=\"commune\">Votre commune<span class=\"hint\">Où est installée "
                  "l'entreprise (ou le projet).</span></label>" + ErrorLine(errors, "commune") +
                  "<select name=\"commune\" id=\"commune\" required" + Invalid(errors, "commune") +
                  "><option value=\"\">Choisir une commune…</option>";
  std::string dept;
  for (const PortalCommune& c : PortalCommunes()) {
    if (c.department != dept) {
      if (!dept.empty()) h += "</optgroup>";
      dept = c.department;
      h += "<optgroup label=\"" + HtmlEscape(std::string(DepartmentName(dept)) + " (" + dept + ")") + "\">";
    }
    h += "<option value=\"" + c.insee + "\"" + (c.insee == commune ? " selected" : "") + ">" + HtmlEscape(c.name) +
         " (" + c.postcode + ")</option>";
  }
  if (!dept.empty()) h += "</optgroup>";
  return h + "</select>\n";
}

std::string TextField(const char* name, const char* type, const char* label, const char* hint,
                      const std::string& value, bool required, const char* autocomplete, size_t max,
                      const std::vector<FieldError>& errors) {
  std::string h = std::string("<label class=\"field\" for=\"") + name + "\">" + label;
  if (*hint) h += std::string("<span class=\"hint\">") + hint + "</span>";
  h += "</label>" + ErrorLine(errors, name) + "<input type=\"" + type + "\" name=\"" + name + "\" id=\"" + name +
       "\" value=\"" + HtmlEscape(value) + "\" autocomplete=\"" + autocomplete + "\" maxlength=\"" +
       std::to_string(max) + "\"" + (required ? " required" : "") + Invalid(errors, name) + ">\n";
  return h;
}

std::string Link(const std::string& href, const std::string& text) {
  return "<a href=\"" + HtmlEscape(href) + "\">" + HtmlEscape(text) + "</a>";
}

std::string SafeUrl(const std::string& url) {
  // Only web links: a javascript: URL in the directory must not become a link.
  if (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0) return url;
  return "";
}

std::string OfficeCard(const PublicOffice& o) {
  std::string h = "<div class=\"card office\"><h3>" + HtmlEscape(o.name) + "</h3>";
  if (!o.address.empty() || !o.commune_name.empty())
    h += "<p>" + HtmlEscape(o.address) + (o.address.empty() ? "" : ", ") + HtmlEscape(o.postcode) + " " +
         HtmlEscape(o.commune_name) + "</p>";
  if (!o.phone.empty()) {
    std::string tel;
    for (char c : o.phone)
      if ((c >= '0' && c <= '9') || c == '+') tel += c;
    h += "<p>Téléphone : " + Link("tel:" + tel, o.phone) + "</p>";
  }
  if (!o.email.empty()) h += "<p>E-mail : " + Link("mailto:" + o.email, o.email) + "</p>";
  return h + "</div>\n";
}

}  // namespace

std::string HomeBody(const std::vector<std::string>& needs, const std::string& commune,
                     const std::vector<FieldError>& errors) {
  return "<h1>Qui peut aider votre entreprise ?</h1>\n"
         "<p>Dites-nous ce dont vous avez besoin et où vous êtes : nous vous montrons les services du réseau et "
         "l'antenne de votre territoire. Sans inscription.</p>\n" +
         ErrorSummary(errors) + "<form method=\"get\" action=\"/portail/resultats\" novalidate>\n" +
         NeedsFieldset(needs, errors) + CommuneSelect(commune, errors) +
         "<button type=\"submit\">Voir qui peut m'aider</button>\n</form>\n";
}

std::string ContactFormHtml(const ContactInput& f, const std::vector<FieldError>& errors, bool standalone) {
  const char* level = standalone ? "h1" : "h2";
  std::string h = std::string("<") + level + " id=\"contact\">Être recontacté par l'antenne</" + level + ">\n" +
                  ErrorSummary(errors) +
                  "<form method=\"post\" action=\"/portail/contact\" enctype=\"multipart/form-data\" novalidate>\n";
  h += TextField("nom", "text", "Votre nom", "", f.contact_name, true, "name", kMaxName, errors);
  h += TextField("entreprise", "text", "Votre entreprise", "Facultatif, si elle existe déjà.", f.company_name, false,
                 "organization", kMaxCompany, errors);
  h += TextField("email", "email", "Votre adresse e-mail", "", f.email, true, "email", kMaxEmail, errors);
  h += TextField("telephone", "tel", "Votre téléphone", "Facultatif. Exemple : 02 38 70 00 10.", f.phone, false,
                 "tel", 20, errors);
  h += CommuneSelect(f.commune, errors);
  h += NeedsFieldset(f.needs, errors);
  h += "<label class=\"field\" for=\"message\">Votre besoin en quelques phrases<span class=\"hint\">Entre " +
       std::to_string(kMinMessage) + " et " + std::to_string(kMaxMessage) + " caractères.</span></label>" +
       ErrorLine(errors, "message") + "<textarea name=\"message\" id=\"message\" required maxlength=\"" +
       std::to_string(kMaxMessage) + "\"" + Invalid(errors, "message") + ">" + HtmlEscape(f.message) +
       "</textarea>\n";
  // Honeypot: invisible to people (and to screen readers), filled by bots.
  h += "<div class=\"hp\" aria-hidden=\"true\"><label for=\"site_web\">Ne pas remplir ce champ</label>"
       "<input type=\"text\" name=\"site_web\" id=\"site_web\" tabindex=\"-1\" autocomplete=\"off\"></div>\n";
  h += ErrorLine(errors, "consentement") + "<div class=\"choice\"><input type=\"checkbox\" name=\"consentement\" id=\"consentement\" value=\"oui\"" +
       std::string(f.consent ? " checked" : "") + " required" + Invalid(errors, "consentement") +
       "><label for=\"consentement\">" + HtmlEscape(kConsentText) + "</label></div>\n";
  return h + "<button type=\"submit\">Envoyer ma demande</button>\n</form>\n";
}

std::string ResultsBody(const PublicDirectory& dir, const PortalCommune& commune, const PublicOffice* office,
                        const std::vector<std::string>& needs, const ContactInput& form,
                        const std::vector<FieldError>& errors) {
  std::string h = "<h1>Le réseau près de " + HtmlEscape(commune.name) + "</h1>\n<p class=\"meta\">";
  if (needs.empty()) h += "Tous les sujets";
  for (size_t i = 0; i < needs.size(); i++) {
    const PortalNeed* n = FindNeed(needs[i]);
    if (n) h += std::string(i ? " · " : "") + HtmlEscape(n->label);
  }
  h += " — " + Link("/portail", "modifier la recherche") + "</p>\n";
  h += "<h2>Votre antenne</h2>\n";
  if (!office) {
    h += "<p>Aucune antenne du réseau ne couvre encore ce département.</p>\n";
    return h;
  }
  h += OfficeCard(*office);
  std::vector<const PublicService*> services = MatchServices(dir, *office, needs);
  h += "<h2>Les services qui répondent à votre besoin</h2>\n";
  if (services.empty())
    h += "<p>Aucun service ne correspond exactement : l'antenne vous oriente vers le bon interlocuteur.</p>\n";
  std::vector<std::string> org_ids;
  for (const PublicService* s : services) {
    const PublicOrganisation* org = dir.Organisation(s->organisation_id);
    h += "<div class=\"card\"><h3>" + HtmlEscape(s->name) + "</h3>";
    if (org) h += "<p class=\"meta\">" + HtmlEscape(org->name) + (s->office_ids.empty() ? " · toute la région" : "") + "</p>";
    if (!s->description.empty()) h += "<p>" + HtmlEscape(s->description) + "</p>";
    if (!SafeUrl(s->url).empty()) h += "<p>" + Link(SafeUrl(s->url), "En savoir plus") + "</p>";
    h += "</div>\n";
    bool seen = false;
    for (const std::string& id : org_ids) seen = seen || id == s->organisation_id;
    if (!seen && org) org_ids.push_back(s->organisation_id);
  }
  if (!org_ids.empty()) {
    h += "<h2>Les organisations qui les proposent</h2>\n<ul>";
    for (const std::string& id : org_ids) {
      const PublicOrganisation* o = dir.Organisation(id);
      h += "<li>" + (SafeUrl(o->website).empty() ? HtmlEscape(o->name) : Link(SafeUrl(o->website), o->name));
      if (!o->phone.empty()) h += " · " + HtmlEscape(o->phone);
      if (!o->email.empty()) h += " · " + Link("mailto:" + o->email, o->email);
      h += "</li>";
    }
    h += "</ul>\n";
  }
  return h + ContactFormHtml(form, errors, false);
}

std::string ThanksBody(const PublicOffice* office) {
  std::string h = "<div class=\"card ok\" role=\"status\"><h1>Votre demande est envoyée</h1><p>";
  h += office ? "<strong>" + HtmlEscape(office->name) + "</strong> a bien reçu votre demande"
              : std::string("L'antenne de votre territoire a bien reçu votre demande");
  h += " et vous recontacte sous quelques jours ouvrés.";
  h += "</p></div>\n";
  if (office) h += OfficeCard(*office);
  return h + "<p>" + Link("/portail", "Revenir au portail") + "</p>\n";
}

std::string MessageBody(const std::string& heading, const std::string& text) {
  return "<div class=\"errors\" role=\"alert\"><h1>" + HtmlEscape(heading) + "</h1><p>" + HtmlEscape(text) +
         "</p></div>\n<p>" + Link("/portail", "Revenir au portail") + "</p>\n";
}
