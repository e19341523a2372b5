// portal_html.h — the orientation portal's pages: plain server-rendered HTML
// (French, no JavaScript, one small stylesheet), every dynamic text escaped.
#pragma once
#include <string>
#include <vector>

#include "portal_data.h"
#include "portal_form.h"

// Text for an HTML text node or a double-quoted attribute value: & < > "
// escaped. Every attribute here is double-quoted, so French apostrophes stay
// readable in the source.
std::string HtmlEscape(const std::string& s);

// The stylesheet served at /portail/style.css.
const std::string& PortalCss();

// The whole document around a page's <main> content.
std::string PortalPage(const std::string& title, const std::string& main_html);

// Home: the needs and commune chooser. errors: from a bad search.
std::string HomeBody(const std::vector<std::string>& needs, const std::string& commune,
                     const std::vector<FieldError>& errors);

// Results for a commune and needs, with the contact form below.
std::string ResultsBody(const PublicDirectory& dir, const PortalCommune& commune, const PublicOffice* office,
                        const std::vector<std::string>& needs, const ContactInput& form,
                        const std::vector<FieldError>& errors);

// The contact form: under the results (standalone false: an h2), or as a page
// of its own (the contact page and its error re-display: an h1).
std::string ContactFormHtml(const ContactInput& form, const std::vector<FieldError>& errors, bool standalone);

std::string ThanksBody(const PublicOffice* office);

// A short page for refusals that are not about one field (429, 413, 400).
std::string MessageBody(const std::string& heading, const std::string& text);

// The consent wording, as shown next to the checkbox and stored with each
// request (the proof of what the person agreed to).
extern const char* const kConsentText;
