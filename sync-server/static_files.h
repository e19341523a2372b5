// static_files.h — the built web client, loaded into memory once at start and
// served with the headers an offline-first PWA needs (MIME, gzip or brotli,
// caching).
#pragma once
#include <map>
#include <string>

namespace httplib { class Server; }

// One file of the dist folder, prepared at start so a request only picks bytes.
struct StaticFile {
    std::string body;
    std::string gzip_body;      // empty when the type is not compressible or gzip is not smaller
    std::string br_body;        // the build's "<name>.br" beside the file, when there is one
    const char* content_type = "application/octet-stream";
    bool compressible = false;  // then "Vary: Accept-Encoding", even without gzip_body
    bool immutable = false;     // content-hashed name: browsers may keep it a year
    std::string etag;           // quoted; strong, so the gzip variant has its own
    std::string gzip_etag;
    std::string br_etag;
};

struct StaticSite {
    std::map<std::string, StaticFile> files;   // key: URL path, e.g. "/index.html"
};

// Reads every file under dir (dot files excluded). Fails with a message when
// the folder is missing or has no index.html: without it the app cannot start.
// "name.br" files are not served as such: they are name's brotli representation,
// made at build time (shell/make_dist.cmake) because brotli's best level takes
// seconds on the wasm file, too slow for each start.
bool load_static_site(const std::string& dir, StaticSite* site, std::string* error);

// GET/HEAD for the files, the client-side-route fallback to index.html, 405 for
// other methods. The patterns catch everything, and httplib tries routes in
// registration order: register API routes before calling this.
void register_static_routes(httplib::Server& svr, const StaticSite& site);

const char* mime_type_for(const std::string& file_name);
bool is_content_hashed(const std::string& file_name);   // "relais.3fa9c01b.wasm"
// Whether an Accept-Encoding header accepts `coding` ("gzip" also matches
// "x-gzip"; "*" counts; q=0 refuses).
bool accepts_encoding(const std::string& accept_encoding, const std::string& coding);
// Real gzip framing (RFC 1952) at zlib level 1..9; false on a zlib failure.
bool gzip_compress(const std::string& in, std::string* out, int level);
// A zstd frame (RFC 8878) with its content size, at zstd level 1..19; false
// on a failure.
bool zstd_compress(const std::string& in, std::string* out, int level);
