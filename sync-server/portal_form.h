// portal_form.h — the orientation portal's input: HTML form bodies and query
// strings decoded, and the contact request validated field by field. Pure
// functions, no HTTP and no store, so each rule is easy to read and test.
#pragma once
#include <map>
#include <string>
#include <vector>

// name -> values, in the order they came (checkboxes repeat a name).
using FormFields = std::multimap<std::string, std::string>;

// application/x-www-form-urlencoded ("a=1&b=%C3%A9+x"). false when a percent
// escape is broken or a name or value is not valid UTF-8: the whole input is
// then refused, nothing is guessed.
bool ParseFormUrlEncoded(const std::string& body, FormFields* out);

std::string FirstValue(const FormFields& f, const std::string& name);  // "" when absent
std::vector<std::string> AllValues(const FormFields& f, const std::string& name);

// Trims ASCII and no-break spaces, turns CR LF into LF; the result is what is
// checked and stored.
std::string CleanText(const std::string& s);
size_t CountChars(const std::string& utf8);  // code points

// Field limits, in characters; the message's are also shown on the form.
constexpr size_t kMaxName = 100;
constexpr size_t kMaxCompany = 150;
constexpr size_t kMaxEmail = 254;
constexpr size_t kMinMessage = 20;
constexpr size_t kMaxMessage = 3000;

bool IsPlausibleEmail(const std::string& email);
// French numbers: 10 digits starting with 0, or +33 and 9 digits; spaces,
// dots and dashes between digits are allowed. *normalised: "02 38 70 00 10".
bool NormaliseFrenchPhone(const std::string& phone, std::string* normalised);

// What the SME sent, cleaned; kept to re-show the form after an error.
struct ContactInput {
  std::string contact_name, company_name, email, phone, commune, message;
  std::vector<std::string> needs;  // need keys
  bool consent = false;
  bool honeypot_filled = false;
};

ContactInput ReadContactInput(const FormFields& f);

struct FieldError {
  std::string field;    // the form field's name (for the link to it)
  std::string message;  // French
};

// known_commune / known_need: does the portal know this INSEE code / need key.
std::vector<FieldError> ValidateContact(ContactInput* in, bool (*known_commune)(const std::string&),
                                        bool (*known_need)(const std::string&));
