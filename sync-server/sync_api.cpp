// sync_api.cpp — see sync_api.h.
#include "sync_api.h"

#include <httplib.h>

#include <algorithm>
#include <cstdio>
#include <thread>

#include "auth.h"
#include "gate.h"
#include "static_files.h"
#include "sync_service.h"

using namespace relais::sync;

namespace {

// Login, refresh and logout bodies are tiny; a push has its own bound.
constexpr size_t kMaxSmallBody = 64 * 1024;

void SendError(httplib::Response& res, int status, const ApiError& e) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  if (status == 401) res.set_header("WWW-Authenticate", "Bearer");
  if (status == 429 && e.retry_after_s > 0) res.set_header("Retry-After", std::to_string(e.retry_after_s));
  res.set_content(EncodeError(e), kJsonContentType);
}

void SendError(httplib::Response& res, int status, const char* code, const std::string& message) {
  ApiError e;
  e.error = code;
  e.message = message;
  SendError(res, status, e);
}

// Binary bodies smaller than this go as they are: gzip would save a few bytes
// and cost a round of deflate.
constexpr size_t kCompressAbove = 1024;

// JSON answers are compressed by httplib itself (it knows text and JSON
// types, and would compress twice if we did it too); the binary archive is
// not a type it knows, so it is compressed here: zstd when the client accepts
// it (Chromium does), else gzip (every browser). Browsers decompress before
// the app sees the body. Level 1 of each: most of the gain at a fraction of
// the CPU, which a pull under load needs; zstd's level 1 takes a third of
// gzip's time to compress and to decompress, for a smaller body (4.4 MB
// against 6.1 MB for claire's scope: docs/benchmarks.md).
void SendBody(const httplib::Request& req, httplib::Response& res, std::string body, Format f) {
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  if (f == Format::Binary && body.size() > kCompressAbove) {
    const std::string accept = req.get_header_value("Accept-Encoding");
    const bool zstd = accepts_encoding(accept, "zstd");
    std::string packed;
    if ((zstd || accepts_encoding(accept, "gzip")) &&
        (zstd ? zstd_compress(body, &packed, 1) : gzip_compress(body, &packed, 1)) && packed.size() < body.size()) {
      res.set_header("Content-Encoding", zstd ? "zstd" : "gzip");
      res.set_header("Vary", "Accept-Encoding");
      body = std::move(packed);
    }
  }
  res.set_content(std::move(body), ContentType(f));
}

template <class T>
void Send(const httplib::Request& req, httplib::Response& res, const T& body, Format f) {
  SendBody(req, res, Encode(body, f), f);
}

// Authenticates (when ctx is given: before the body is even looked at),
// negotiates, bounds and decodes the body, then runs fn(request, format, auth).
// Every failure is answered here; fn only sees a well-formed, supported
// request from a signed-in user.
template <class Req, class F>
void Handle(ApiContext* ctx, const httplib::Request& req, httplib::Response& res, size_t max_body, F&& fn) {
  try {
    AuthResult auth;
    if (ctx) {
      auth = ctx->auth.Authenticate(req.get_header_value("Authorization"));
      if (auth.status) return SendError(res, auth.status, auth.error);
    }
    Format f;
    if (!FormatForContentType(req.get_header_value("Content-Type"), &f))
      return SendError(res, 415, "unsupported_media_type",
                       "Corps attendu en application/json ou application/x-relais-binary.");
    if (req.body.size() > max_body)
      return SendError(res, 413, max_body == kMaxBatchBytes ? "batch_too_large" : "body_too_large",
                       "Requête trop volumineuse (" + std::to_string(req.body.size()) + " octets, au plus " +
                           std::to_string(max_body) + ") : envoyez les changements en plusieurs lots.");
    Req r;
    DecodeError err;
    if (!Decode(req.body, f, &r, &err)) {
      if (err.kind == DecodeError::UnsupportedVersion) return SendError(res, 426, "update_required", err.message);
      if (err.kind == DecodeError::TooLarge)
        return SendError(res, 413, "batch_too_large",
                         "Lot trop grand (" + err.message + ") : au plus " + std::to_string(kMaxBatchChanges) +
                             " changements par envoi.");
      return SendError(res, 400, "malformed", "Requête invalide : " + err.message);
    }
    fn(r, f, auth);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "relais-server: %s %s: %s\n", req.method.c_str(), req.path.c_str(), e.what());
    SendError(res, 500, "internal", "Erreur interne du serveur : rien n'a été enregistré, réessayez plus tard.");
  }
}

// Pulls computing at once. The server keeps many workers, because a
// browser's kept-alive connection holds one while idle (server.cpp), but
// more pulls encoding pages at once than the machine has cores only makes
// each slower: a gate of twice the cores keeps the CPU busy, not crowded.
// Pushes stay outside it: they mostly wait for the shared commit (fsync),
// and holding the gate through that wait starved the pulls.
Gate& PullGate() {
  static Gate gate(static_cast<int>(2 * std::max(1u, std::thread::hardware_concurrency())));
  return gate;
}

}  // namespace

void register_sync_routes(httplib::Server& svr, ApiContext& ctx) {
  svr.Post("/api/login", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Handle<LoginRequest>(nullptr, req, res, kMaxSmallBody, [&](const LoginRequest& r, Format f, const AuthResult&) {
      AuthResult a = ctx.auth.Login(r, req.remote_addr);
      if (a.status) return SendError(res, a.status, a.error);
      Send(req, res, a.tokens, f);
    });
  });

  svr.Post("/api/refresh", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Handle<RefreshRequest>(nullptr, req, res, kMaxSmallBody, [&](const RefreshRequest& r, Format f, const AuthResult&) {
      AuthResult a = ctx.auth.Refresh(r);
      if (a.status) return SendError(res, a.status, a.error);
      Send(req, res, a.tokens, f);
    });
  });

  svr.Post("/api/logout", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Handle<LogoutRequest>(&ctx, req, res, kMaxSmallBody, [&](const LogoutRequest&, Format, const AuthResult& a) {
      ctx.auth.Logout(a.session_id);
      res.status = 204;
      res.set_header("Cache-Control", "no-store");
    });
  });

  svr.Post("/api/push", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Handle<PushRequest>(&ctx, req, res, kMaxBatchBytes, [&](const PushRequest& r, Format f, const AuthResult& a) {
      PushResponse out;
      SyncError e = ctx.sync.Push(a.user, r, &out);
      if (e.status) return SendError(res, e.status, e.error);
      Send(req, res, out, f);
    });
  });

  svr.Post("/api/pull", [&ctx](const httplib::Request& req, httplib::Response& res) {
    GateHold hold(PullGate());
    Handle<PullRequest>(&ctx, req, res, kMaxSmallBody, [&](const PullRequest& r, Format f, const AuthResult& a) {
      std::string body;
      SyncError e = ctx.sync.Pull(a.user, r, f, &body);
      if (e.status) return SendError(res, e.status, e.error);
      SendBody(req, res, std::move(body), f);
    });
  });
}
