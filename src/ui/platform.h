// platform.h — what the UI asks of the device. Implemented for the browser in
// src/platform/ and by a recording stand-in in the UI tests; plain functions,
// bound at link time.
#pragma once
#include <cstdint>
#include <string>

namespace relais::platform {

void PushHistory(const char* path);     // a new screen: the back button returns here
void ReplaceHistory(const char* path);  // same screen, new address
void SavePref(const char* key, const std::string& value);  // small settings kept on the device
void CopyText(const std::string& text);  // system clipboard
void CheckForUpdate();                   // ask the service worker; answer comes as AppState fields
void ApplyUpdate();                      // activate the waiting version and reload
void RequestFrame();                     // something changed outside input: draw again
// Hands a file made on the device to the browser as a download (a session's .ics).
void DownloadFile(const std::string& filename, const std::string& mime_type, const std::string& content);

// Sign-in and sync (ui/sync/sync_client.h). Both answer asynchronously, later, by
// calling sync_client::OnHttpAnswer / OnKeyDerived with the same id.
// An HTTP request (fetch on the web); status 0 in the answer: no answer at all.
void HttpRequest(int id, const std::string& method, const std::string& url, const std::string& content_type,
                 const std::string& body, const std::string& bearer);
// PBKDF2-SHA256(password, salt) -> 32 bytes as hex (WebCrypto on the web).
void DerivePasswordKey(int id, const std::string& password, const std::string& salt_hex, int iterations);
// Call sync_client::Tick after delay_ms (replaces the previous timer; < 0 cancels).
void WakeAfter(int64_t delay_ms);

}  // namespace relais::platform

namespace relais::platform {
// The device database's commits (src/platform/storage/local_db.h): the number
// of the latest write, and whether that commit has reached the disk. The UI
// says "saved on this device" only then.
uint64_t LastCommit();
bool IsCommitDurable(uint64_t commit);
}  // namespace relais::platform
