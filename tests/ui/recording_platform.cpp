// The platform functions of ui/platform.h for native tests: they record what
// the UI asked (the browser implementation is exercised by tests/e2e).
#include "headless.h"
#include "ui/platform.h"

PlatformLog& Platform() {
  static PlatformLog log;
  return log;
}

namespace relais::platform {
void PushHistory(const char* path) { Platform().history.push_back(std::string("push ") + path); }
void ReplaceHistory(const char* path) { Platform().history.push_back(std::string("replace ") + path); }
void SavePref(const char* key, const std::string& value) { Platform().prefs.emplace_back(key, value); }
void CopyText(const std::string& text) { Platform().copied.push_back(text); }
void CheckForUpdate() { Platform().update_checks++; }
void ApplyUpdate() { Platform().update_applies++; }
void RequestFrame() {}
void HttpRequest(int id, const std::string& method, const std::string& url, const std::string& content_type,
                 const std::string& body, const std::string& bearer) {
  Platform().http.push_back({id, method, url, content_type, body, bearer});
}
void DerivePasswordKey(int id, const std::string& password, const std::string& salt_hex, int iterations) {
  Platform().derives.push_back({id, password, salt_hex, iterations});
}
void WakeAfter(int64_t delay_ms) { Platform().wake_after = delay_ms; }
void DownloadFile(const std::string& filename, const std::string& mime_type, const std::string& content) {
  Platform().downloads.push_back({filename, mime_type, content});
}
}  // namespace relais::platform

// Commits: tests move durable_commit to play the storage layer's IndexedDB
// transaction completing later.
namespace relais::platform {
uint64_t LastCommit() { return ++Platform().last_commit; }
bool IsCommitDurable(uint64_t commit) { return commit <= Platform().durable_commit; }
}  // namespace relais::platform
