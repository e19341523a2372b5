// static_files.cpp — loading and serving the built web client.
#include "static_files.h"

#include "api.h"

#include <httplib.h>
#include <libdeflate.h>
#include <zstd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;

struct FileType {
    const char* ext;
    const char* content_type;
    bool compressible;   // text-like: gzip shrinks it (wasm too, about 2x)
};

static const FileType kFileTypes[] = {
    {"html", "text/html; charset=utf-8", true},
    {"js", "text/javascript", true},
    {"mjs", "text/javascript", true},
    {"wasm", "application/wasm", true},   // required for WebAssembly.instantiateStreaming
    {"json", "application/json", true},
    {"webmanifest", "application/manifest+json", true},
    {"css", "text/css", true},
    {"svg", "image/svg+xml", true},
    {"png", "image/png", false},
    {"ico", "image/x-icon", false},
    {"ttf", "font/ttf", true},
    {"woff2", "font/woff2", false},       // already compressed
    {"data", "application/octet-stream", true},   // Emscripten preloaded files
    {"txt", "text/plain; charset=utf-8", true},
    {"ics", "text/calendar; charset=utf-8", true},
};

static const FileType* file_type_for(const std::string& file_name)
{
    size_t dot = file_name.rfind('.');
    if (dot == std::string::npos)
        return nullptr;
    std::string ext = file_name.substr(dot + 1);
    for (char& c : ext)
        c = (char)std::tolower((unsigned char)c);
    for (const FileType& t : kFileTypes)
        if (ext == t.ext)
            return &t;
    return nullptr;
}

const char* mime_type_for(const std::string& file_name)
{
    const FileType* t = file_type_for(file_name);
    return t ? t->content_type : "application/octet-stream";
}

// The build names assets "name.<hash>.ext"; a new build gives new names, so
// those can be cached forever. Only middle segments count: "cafebabe.json"
// alone could be any data file, and a wrong "immutable" is hard to undo.
bool is_content_hashed(const std::string& file_name)
{
    std::vector<std::string> parts;
    std::stringstream ss(file_name);
    for (std::string p; std::getline(ss, p, '.');)
        parts.push_back(p);
    for (size_t i = 1; i + 1 < parts.size(); i++) {
        const std::string& p = parts[i];
        bool hex = p.size() >= 8;
        for (char c : p)
            hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        if (hex)
            return true;
    }
    return false;
}

// "gzip", "gzip;q=0.5", "*": yes. "gzip;q=0", "identity": no.
bool accepts_encoding(const std::string& accept_encoding, const std::string& coding)
{
    double coding_q = -1, star_q = -1;
    std::stringstream ss(accept_encoding);
    for (std::string item; std::getline(ss, item, ',');) {
        size_t semi = item.find(';');
        std::string name;
        for (char c : item.substr(0, semi))
            if (c != ' ' && c != '\t')
                name += (char)std::tolower((unsigned char)c);
        double q = 1;
        if (semi != std::string::npos) {
            size_t qpos = item.find("q=", semi);
            if (qpos != std::string::npos)
                q = std::strtod(item.c_str() + qpos + 2, nullptr);
        }
        if (name == coding || (coding == "gzip" && name == "x-gzip"))
            coding_q = q;
        else if (name == "*")
            star_q = q;
    }
    return coding_q > 0 || (coding_q < 0 && star_q > 0);
}

// libdeflate, not zlib: a pull answer is compressed on every request, and at
// level 1 libdeflate is twice as fast as zlib for a slightly smaller result
// (docs/benchmarks.md). It writes real gzip framing (RFC 1952), which is what
// "Content-Encoding: gzip" means. Levels 1 to 12.
bool gzip_compress(const std::string& in, std::string* out, int level)
{
    // One compressor per thread and level, kept: allocating one costs more
    // than compressing a small answer.
    struct Compressors {
        libdeflate_compressor* by_level[13] = {};
        ~Compressors()
        {
            for (libdeflate_compressor* c : by_level)
                libdeflate_free_compressor(c);
        }
    };
    thread_local Compressors kept;
    if (level < 1 || level > 12)
        return false;
    libdeflate_compressor*& c = kept.by_level[level];
    if (!c && !(c = libdeflate_alloc_compressor(level)))
        return false;
    out->resize(libdeflate_gzip_compress_bound(c, in.size()));
    size_t n = libdeflate_gzip_compress(c, in.data(), in.size(), &(*out)[0], out->size());
    out->resize(n);
    return n > 0;
}

bool zstd_compress(const std::string& in, std::string* out, int level)
{
    // One context per thread, kept, for the same reason as above.
    struct Context {
        ZSTD_CCtx* c = ZSTD_createCCtx();
        ~Context() { ZSTD_freeCCtx(c); }
    };
    thread_local Context kept;
    if (!kept.c || level < 1 || level > 19)
        return false;
    out->resize(ZSTD_compressBound(in.size()));
    size_t n = ZSTD_compressCCtx(kept.c, &(*out)[0], out->size(), in.data(), in.size(), level);
    if (ZSTD_isError(n))
        return false;
    out->resize(n);
    return true;
}

// FNV-1a: an ETag only has to change when the bytes change.
static std::string quoted_hash(const std::string& data, const char* suffix)
{
    unsigned long long h = 1469598103934665603ULL;
    for (unsigned char c : data) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "\"%016llx%s\"", h, suffix);
    return buf;
}

static StaticFile prepare_file(std::string body, const std::string& file_name)
{
    StaticFile f;
    const FileType* t = file_type_for(file_name);
    if (t) {
        f.content_type = t->content_type;
        f.compressible = t->compressible;
    }
    f.immutable = is_content_hashed(file_name);
    f.etag = quoted_hash(body, "");
    if (f.compressible) {
        std::string gz;
        if (gzip_compress(body, &gz, 9) && gz.size() < body.size()) {
            f.gzip_body = std::move(gz);
            f.gzip_etag = quoted_hash(body, "-gz");
        }
    }
    f.body = std::move(body);
    return f;
}

bool load_static_site(const std::string& dir, StaticSite* site, std::string* error)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        *error = "web client folder '" + dir + "' does not exist (build the client, then pass --dist DIR)";
        return false;
    }
    if (!fs::is_regular_file(fs::path(dir) / "index.html", ec)) {
        *error = "web client folder '" + dir + "' has no index.html (is it the client's build output?)";
        return false;
    }
    std::map<std::string, std::string> brotli;   // URL of the file -> its ".br" bytes
    fs::recursive_directory_iterator it(dir, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        // Dot files (.git, .env, editor droppings) are never part of the app.
        if (!name.empty() && name[0] == '.') {
            if (it->is_directory(ec))
                it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file(ec))
            continue;
        std::ifstream in(it->path(), std::ios::binary);
        std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof()) {
            *error = "cannot read " + it->path().string();
            return false;
        }
        std::string url = "/" + fs::relative(it->path(), dir, ec).generic_string();
        if (url.size() > 3 && url.compare(url.size() - 3, 3, ".br") == 0)
            brotli[url.substr(0, url.size() - 3)] = std::move(body);
        else
            site->files[url] = prepare_file(std::move(body), name);
    }
    if (ec) {
        *error = "cannot list web client folder '" + dir + "': " + ec.message();
        return false;
    }
    for (auto& [url, br] : brotli) {
        auto f = site->files.find(url);
        if (f == site->files.end() || !f->second.compressible || br.size() >= f->second.body.size())
            continue;
        f->second.br_etag = quoted_hash(f->second.body, "-br");
        f->second.br_body = std::move(br);
    }
    return true;
}

static void send_text(httplib::Response& res, int status, const char* text)
{
    res.status = status;
    res.set_content(text, "text/plain; charset=utf-8");
}

// decode_url already turned %2e%2e into "..": check the decoded path. The files
// live in a map, so this is defence in depth and a clear 400 for scanners.
static bool is_safe_path(const std::string& path)
{
    if (path.empty() || path[0] != '/' || path.find('\\') != std::string::npos ||
        path.find('\0') != std::string::npos)
        return false;
    std::stringstream ss(path);
    for (std::string seg; std::getline(ss, seg, '/');)
        if (seg == "..")
            return false;
    return true;
}

// The app navigates with history.pushState (/settings, /companies/123): a reload
// there must get index.html. A last segment with a dot is a missing file, and
// an /api/ path never gets HTML (the sync client would try to parse it).
static bool is_client_route(const std::string& path)
{
    std::string last = path.substr(path.rfind('/') + 1);
    return last.find('.') == std::string::npos && !is_api_path(path);
}

static bool etag_matches(const std::string& if_none_match, const StaticFile& f)
{
    std::stringstream ss(if_none_match);
    for (std::string tag; std::getline(ss, tag, ',');) {
        size_t b = tag.find_first_not_of(" \t"), e = tag.find_last_not_of(" \t");
        if (b == std::string::npos)
            continue;
        tag = tag.substr(b, e - b + 1);
        if (tag == "*")
            return true;
        if (tag.rfind("W/", 0) == 0)   // If-None-Match compares weakly
            tag = tag.substr(2);
        if (tag == f.etag || (!f.gzip_etag.empty() && tag == f.gzip_etag) ||
            (!f.br_etag.empty() && tag == f.br_etag))
            return true;
    }
    return false;
}

static void send_file(const StaticFile& f, const httplib::Request& req, httplib::Response& res)
{
    res.set_header("Cache-Control", f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    if (f.compressible)
        res.set_header("Vary", "Accept-Encoding");
    // Brotli first (about a sixth smaller than gzip on the wasm), then gzip.
    const std::string accept = req.get_header_value("Accept-Encoding");
    const std::string* data = &f.body;
    const char* coding = nullptr;
    const std::string* etag = &f.etag;
    if (!f.br_body.empty() && accepts_encoding(accept, "br")) {
        data = &f.br_body, coding = "br", etag = &f.br_etag;
    } else if (!f.gzip_body.empty() && accepts_encoding(accept, "gzip")) {
        data = &f.gzip_body, coding = "gzip", etag = &f.gzip_etag;
    }
    res.set_header("ETag", *etag);
    if (req.has_header("If-None-Match") && etag_matches(req.get_header_value("If-None-Match"), f)) {
        res.status = 304;
        return;
    }
    if (coding)
        res.set_header("Content-Encoding", coding);
    if (data->empty()) {
        res.set_content("", f.content_type);
        return;
    }
    // A provider with a known length, not set_content: Debian's httplib is built
    // with zlib and brotli and would compress a text body again on its own.
    res.set_content_provider(data->size(), f.content_type,
                             [data](size_t offset, size_t length, httplib::DataSink& sink) {
                                 return sink.write(data->data() + offset, length);
                             });
}

void register_static_routes(httplib::Server& svr, const StaticSite& site)
{
    svr.Get(".*", [&site](const httplib::Request& req, httplib::Response& res) {
        if (!is_safe_path(req.path))
            return send_text(res, 400, "Bad request: invalid path\n");
        auto it = site.files.find(req.path == "/" ? "/index.html" : req.path);
        if (it == site.files.end() && is_client_route(req.path))
            it = site.files.find("/index.html");
        if (it == site.files.end())
            return send_text(res, 404, "Not found\n");
        send_file(it->second, req, res);
    });

    // The client is read-only: say which methods exist rather than a bare 404.
    auto not_allowed = [](const httplib::Request& req, httplib::Response& res) {
        if (!is_safe_path(req.path))
            return send_text(res, 400, "Bad request: invalid path\n");
        res.set_header("Allow", "GET, HEAD");
        send_text(res, 405, "Method not allowed\n");
    };
    svr.Post(".*", not_allowed);
    svr.Put(".*", not_allowed);
    svr.Patch(".*", not_allowed);
    svr.Delete(".*", not_allowed);
    svr.Options(".*", not_allowed);
}
