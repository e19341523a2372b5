// Serving the built web client: MIME types, gzip and brotli, caching, client routes,
// errors. Each test case starts the real relais-server on a free port over a
// fake dist folder.
#include "decompress.h"
#include "server_process.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <catch2/catch.hpp>
#include <httplib.h>

namespace fs = std::filesystem;

static void write_file(const std::string& path, const std::string& body)
{
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << body;
}

static std::string repeat(const std::string& s, int n)
{
    std::string out;
    while (n-- > 0)
        out += s;
    return out;
}


static std::string brotli(const std::string& in)
{
    size_t size = BrotliEncoderMaxCompressedSize(in.size());
    std::string out(size, '\0');
    REQUIRE(BrotliEncoderCompress(BROTLI_MAX_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, in.size(),
                                  (const uint8_t*)in.data(), &size, (uint8_t*)&out[0]));
    out.resize(size);
    return out;
}

static std::string unbrotli(const std::string& in)
{
    BrotliDecoderState* st = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
    std::string out;
    const uint8_t* next_in = (const uint8_t*)in.data();
    size_t avail_in = in.size();
    BrotliDecoderResult rc = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
    while (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
        uint8_t buf[4096];
        uint8_t* next_out = buf;
        size_t avail_out = sizeof buf;
        rc = BrotliDecoderDecompressStream(st, &avail_in, &next_in, &avail_out, &next_out, nullptr);
        out.append((const char*)buf, sizeof buf - avail_out);
    }
    BrotliDecoderDestroyInstance(st);
    return rc == BROTLI_DECODER_RESULT_SUCCESS ? out : "<not a complete brotli stream>";
}

// What a client build puts in dist/, shrunk: text parts repeat so gzip pays.
struct FakeClient {
    std::string index = "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Relais</title>"
                        "</head><body><canvas id=\"canvas\"></canvas>" +
                        repeat("<!-- padding so that gzip is worth it -->\n", 40) + "</body></html>\n";
    std::string wasm = std::string("\0asm\1\0\0\0", 8) + repeat(std::string("\x01\x60\x00\x00\x03\x02", 6), 500);
    std::string js = repeat("function relais(){return Module.ccall('main');}\n", 50);
    std::string sw = repeat("self.addEventListener('fetch', e => {});\n", 20);
    std::string manifest = "{\"name\":\"Relais\",\"start_url\":\"/\"," + repeat("\"x\":1,", 50) + "\"display\":\"standalone\"}";
    std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "\x13\x37\xc0\xde";

    void write_to(const std::string& dir) const
    {
        write_file(dir + "/index.html", index);
        write_file(dir + "/relais.3fa9c01b.wasm", wasm);
        write_file(dir + "/app.5e1f00d2.wasm", wasm);   // with the build's brotli file beside it
        write_file(dir + "/app.5e1f00d2.wasm.br", brotli(wasm));
        write_file(dir + "/orphan.txt.br", brotli("no such file"));
        write_file(dir + "/relais.3fa9c01b.js", js);
        write_file(dir + "/module.3fa9c01b.mjs", js);
        write_file(dir + "/sw.js", sw);
        write_file(dir + "/manifest.webmanifest", manifest);
        write_file(dir + "/style.css", repeat("body{margin:0;padding:0}\n", 20));
        write_file(dir + "/config.json", repeat("{\"a\":1}", 30));
        write_file(dir + "/icons/icon.svg", repeat("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>", 10));
        write_file(dir + "/icons/icon-192.png", png);
        write_file(dir + "/favicon.ico", std::string("\0\0\1\0", 4));
        write_file(dir + "/fonts/NotoSans-Regular.ttf", repeat(std::string("\0\1\0\0glyf", 8), 100));
        write_file(dir + "/fonts/NotoSans.woff2", "wOF2....");
        write_file(dir + "/relais.data", repeat("preloaded ", 100));
        write_file(dir + "/notes.txt", repeat("note ", 100));
        write_file(dir + "/agenda.ics", repeat("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", 10));
        write_file(dir + "/archive.xyz", "???");
        write_file(dir + "/tiny.txt", "a");   // gzip would be larger
        write_file(dir + "/empty.txt", "");
        write_file(dir + "/.env", "SECRET=1");
    }
};

struct RunningServer {
    TempDir dist, data;
    FakeClient client;
    ServerProcess server;

    RunningServer()
    {
        client.write_to(dist.path);
        bool started = server.start({"--port", "0", "--dist", dist.path, "--data", data.path});
        INFO(server.describe());
        REQUIRE(started);
    }

    // Bodies as sent: no transparent decompression, and only the headers a test gives.
    httplib::Result get(const std::string& path, const httplib::Headers& headers = {})
    {
        httplib::Client cli("127.0.0.1", server.port());
        cli.set_decompress(false);
        return cli.Get(path.c_str(), headers);
    }
};

static const httplib::Headers kGzip = {{"Accept-Encoding", "gzip, deflate, br"}};
static const httplib::Headers kIdentity = {{"Accept-Encoding", "identity"}};

TEST_CASE_METHOD(RunningServer, "static: each file type gets its MIME type", "[server][static]")
{
    struct { const char* path; const char* type; } cases[] = {
        {"/index.html", "text/html; charset=utf-8"},
        {"/relais.3fa9c01b.wasm", "application/wasm"},
        {"/relais.3fa9c01b.js", "text/javascript"},
        {"/module.3fa9c01b.mjs", "text/javascript"},
        {"/sw.js", "text/javascript"},
        {"/manifest.webmanifest", "application/manifest+json"},
        {"/style.css", "text/css"},
        {"/config.json", "application/json"},
        {"/icons/icon.svg", "image/svg+xml"},
        {"/icons/icon-192.png", "image/png"},
        {"/favicon.ico", "image/x-icon"},
        {"/fonts/NotoSans-Regular.ttf", "font/ttf"},
        {"/fonts/NotoSans.woff2", "font/woff2"},
        {"/relais.data", "application/octet-stream"},
        {"/notes.txt", "text/plain; charset=utf-8"},
        {"/agenda.ics", "text/calendar; charset=utf-8"},
        {"/archive.xyz", "application/octet-stream"},
    };
    for (const auto& c : cases) {
        INFO(c.path);
        auto res = get(c.path, kIdentity);
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->get_header_value("Content-Type") == c.type);
        CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
        CHECK(res->get_header_value("Referrer-Policy") == "no-referrer");
    }
}

TEST_CASE_METHOD(RunningServer, "static: bodies are the files' bytes", "[server][static]")
{
    auto wasm = get("/relais.3fa9c01b.wasm", kIdentity);
    REQUIRE(wasm);
    CHECK(wasm->body == client.wasm);
    CHECK(wasm->get_header_value("Content-Length") == std::to_string(client.wasm.size()));

    auto root = get("/", kIdentity);
    REQUIRE(root);
    CHECK(root->status == 200);
    CHECK(root->body == client.index);

    auto png = get("/icons/icon-192.png", kGzip);
    REQUIRE(png);
    CHECK(png->body == client.png);
    CHECK_FALSE(png->has_header("Content-Encoding"));
    CHECK_FALSE(png->has_header("Vary"));   // not compressible: one representation

    auto empty = get("/empty.txt", kGzip);
    REQUIRE(empty);
    CHECK(empty->status == 200);
    CHECK(empty->body.empty());
}

TEST_CASE_METHOD(RunningServer, "static: gzip when accepted, and only then", "[server][static]")
{
    SECTION("gzip accepted: body inflates to the file")
    {
        for (auto* path : {"/relais.3fa9c01b.wasm", "/relais.3fa9c01b.js", "/index.html", "/style.css",
                           "/manifest.webmanifest", "/fonts/NotoSans-Regular.ttf"}) {
            INFO(path);
            auto res = get(path, kGzip);
            REQUIRE(res);
            CHECK(res->status == 200);
            CHECK(res->get_header_value("Content-Encoding") == "gzip");
            CHECK(res->get_header_value("Vary") == "Accept-Encoding");
            CHECK(res->get_header_value("Content-Length") == std::to_string(res->body.size()));
            auto plain = get(path, kIdentity);
            REQUIRE(plain);
            CHECK(res->body.size() < plain->body.size());
            CHECK(Gunzip(res->body) == plain->body);
        }
        auto wasm = get("/relais.3fa9c01b.wasm", {{"Accept-Encoding", "gzip"}});
        REQUIRE(wasm);
        CHECK(Gunzip(wasm->body) == client.wasm);
    }
    SECTION("no Accept-Encoding header at all: plain body, still Vary")
    {
        std::string raw = raw_http(server.port(), "GET /relais.3fa9c01b.wasm HTTP/1.1\r\nHost: x\r\n"
                                                  "Connection: close\r\n\r\n");
        INFO(raw.substr(0, 400));
        REQUIRE(raw.rfind("HTTP/1.1 200", 0) == 0);
        CHECK(raw.find("Content-Encoding") == std::string::npos);
        CHECK(raw.find("Vary: Accept-Encoding") != std::string::npos);
        CHECK(raw.substr(raw.find("\r\n\r\n") + 4) == client.wasm);
    }
    SECTION("identity, or gzip refused with q=0: plain body")
    {
        for (auto* ae : {"identity", "gzip;q=0, identity", "br"}) {
            INFO(ae);
            auto res = get("/index.html", {{"Accept-Encoding", ae}});
            REQUIRE(res);
            CHECK_FALSE(res->has_header("Content-Encoding"));
            CHECK(res->body == client.index);
        }
    }
    SECTION("a file that gzip would grow stays plain")
    {
        auto res = get("/tiny.txt", kGzip);
        REQUIRE(res);
        CHECK_FALSE(res->has_header("Content-Encoding"));
        CHECK(res->body == "a");
        CHECK(res->get_header_value("Vary") == "Accept-Encoding");
    }
}

TEST_CASE_METHOD(RunningServer, "static: the build's brotli file when br is accepted", "[server][static]")
{
    SECTION("br accepted: the .br bytes, which decode to the file")
    {
        for (auto* ae : {"gzip, deflate, br, zstd", "br", "br;q=0.5, gzip", "*"}) {
            INFO(ae);
            auto res = get("/app.5e1f00d2.wasm", {{"Accept-Encoding", ae}});
            REQUIRE(res);
            CHECK(res->status == 200);
            CHECK(res->get_header_value("Content-Encoding") == "br");
            CHECK(res->get_header_value("Vary") == "Accept-Encoding");
            CHECK(res->body == brotli(client.wasm));
            CHECK(unbrotli(res->body) == client.wasm);
        }
    }
    SECTION("br refused or absent: gzip, or the plain file")
    {
        auto gz = get("/app.5e1f00d2.wasm", {{"Accept-Encoding", "gzip, br;q=0"}});
        REQUIRE(gz);
        CHECK(gz->get_header_value("Content-Encoding") == "gzip");
        CHECK(Gunzip(gz->body) == client.wasm);
        auto plain = get("/app.5e1f00d2.wasm", kIdentity);
        REQUIRE(plain);
        CHECK_FALSE(plain->has_header("Content-Encoding"));
        CHECK(plain->body == client.wasm);
        // A file without a .br beside it is never sent as br.
        auto other = get("/relais.3fa9c01b.wasm", {{"Accept-Encoding", "br"}});
        REQUIRE(other);
        CHECK_FALSE(other->has_header("Content-Encoding"));
    }
    SECTION("each representation has its own ETag, and each revalidates")
    {
        auto br = get("/app.5e1f00d2.wasm", {{"Accept-Encoding", "br"}});
        auto gz = get("/app.5e1f00d2.wasm", {{"Accept-Encoding", "gzip"}});
        auto plain = get("/app.5e1f00d2.wasm", kIdentity);
        REQUIRE((br && gz && plain));
        const std::string tag = br->get_header_value("ETag");
        CHECK(tag != gz->get_header_value("ETag"));
        CHECK(tag != plain->get_header_value("ETag"));
        auto again = get("/app.5e1f00d2.wasm", {{"Accept-Encoding", "br"}, {"If-None-Match", tag}});
        REQUIRE(again);
        CHECK(again->status == 304);
        CHECK(again->body.empty());
    }
    SECTION(".br files are not served by their own name")
    {
        for (auto* path : {"/app.5e1f00d2.wasm.br", "/orphan.txt.br"}) {
            INFO(path);
            auto res = get(path, kIdentity);
            REQUIRE(res);
            CHECK(res->status == 404);
        }
    }
}

TEST_CASE_METHOD(RunningServer, "static: hashed names are immutable, the rest revalidates", "[server][static]")
{
    for (auto* path : {"/relais.3fa9c01b.wasm", "/relais.3fa9c01b.js", "/module.3fa9c01b.mjs"}) {
        INFO(path);
        auto res = get(path, kGzip);
        REQUIRE(res);
        CHECK(res->get_header_value("Cache-Control") == "public, max-age=31536000, immutable");
    }
    for (auto* path : {"/", "/index.html", "/sw.js", "/manifest.webmanifest", "/icons/icon-192.png",
                       "/style.css", "/settings"}) {
        INFO(path);
        auto res = get(path, kGzip);
        REQUIRE(res);
        CHECK(res->get_header_value("Cache-Control") == "no-cache");
    }
}

TEST_CASE_METHOD(RunningServer, "static: ETag and If-None-Match", "[server][static]")
{
    auto first = get("/index.html", kIdentity);
    REQUIRE(first);
    std::string etag = first->get_header_value("ETag");
    REQUIRE(etag.size() > 2);
    CHECK(etag.front() == '"');

    SECTION("same ETag: 304 with no body and the caching headers")
    {
        auto res = get("/index.html", {{"Accept-Encoding", "identity"}, {"If-None-Match", etag}});
        REQUIRE(res);
        CHECK(res->status == 304);
        CHECK(res->body.empty());
        CHECK(res->get_header_value("ETag") == etag);
        CHECK(res->get_header_value("Cache-Control") == "no-cache");
        CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    }
    SECTION("weak form and lists match too")
    {
        auto res = get("/index.html", {{"If-None-Match", "\"other\", W/" + etag}});
        REQUIRE(res);
        CHECK(res->status == 304);
    }
    SECTION("another ETag: full response")
    {
        auto res = get("/index.html", {{"Accept-Encoding", "identity"}, {"If-None-Match", "\"0000\""}});
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->body == client.index);
    }
    SECTION("the gzip representation has its own ETag, and it revalidates")
    {
        auto gz = get("/index.html", kGzip);
        REQUIRE(gz);
        std::string gz_etag = gz->get_header_value("ETag");
        CHECK(gz_etag != etag);
        auto res = get("/index.html", {{"Accept-Encoding", "gzip"}, {"If-None-Match", gz_etag}});
        REQUIRE(res);
        CHECK(res->status == 304);
    }
    SECTION("the ETag follows the content")
    {
        auto sw = get("/sw.js", kIdentity);
        REQUIRE(sw);
        CHECK(sw->get_header_value("ETag") != etag);
        auto res = get("/sw.js", {{"If-None-Match", etag}});
        REQUIRE(res);
        CHECK(res->status == 200);
    }
}

TEST_CASE_METHOD(RunningServer, "static: client routes get index.html, missing files 404", "[server][static]")
{
    for (auto* path : {"/settings", "/companies/123", "/companies/123/", "/about"}) {
        INFO(path);
        auto res = get(path, kIdentity);
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->get_header_value("Content-Type") == "text/html; charset=utf-8");
        CHECK(res->body == client.index);
    }
    for (auto* path : {"/missing.js", "/icons/nope.png", "/.env", "/relais.00000000.wasm"}) {
        INFO(path);
        auto res = get(path, kIdentity);
        REQUIRE(res);
        CHECK(res->status == 404);
        CHECK(res->get_header_value("Content-Type") == "text/plain; charset=utf-8");
        CHECK_FALSE(res->body.empty());
        CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    }
    for (auto* path : {"/api/nope", "/api", "/api/v1/companies"}) {
        INFO(path);
        auto res = get(path, kIdentity);
        REQUIRE(res);
        CHECK(res->status == 404);
        CHECK(res->get_header_value("Content-Type") == "application/json");
        CHECK(res->body.find("\"error\":\"not_found\"") != std::string::npos);
        CHECK(res->body.find("\"message\":\"") != std::string::npos);
    }
}

TEST_CASE_METHOD(RunningServer, "static: path traversal is refused with 400", "[server][static]")
{
    for (auto* target : {"/../etc/passwd", "/icons/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                         "/icons/..%2f..%2fetc%2fpasswd", "/%2E%2E/index.html", "/..", "/icons/..\\..\\x"}) {
        INFO(target);
        std::string raw = raw_http(server.port(), std::string("GET ") + target +
                                                      " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        CHECK(raw.rfind("HTTP/1.1 400", 0) == 0);
        CHECK(raw.find("root:") == std::string::npos);
        CHECK(raw.find("X-Content-Type-Options: nosniff") != std::string::npos);
    }
}

TEST_CASE_METHOD(RunningServer, "static: only GET and HEAD", "[server][static]")
{
    httplib::Client cli("127.0.0.1", server.port());
    cli.set_decompress(false);

    auto post = cli.Post("/index.html", "x=1", "application/x-www-form-urlencoded");
    REQUIRE(post);
    CHECK(post->status == 405);
    CHECK(post->get_header_value("Allow") == "GET, HEAD");
    CHECK(post->get_header_value("Referrer-Policy") == "no-referrer");

    auto del = cli.Delete("/settings");
    REQUIRE(del);
    CHECK(del->status == 405);

    auto head = cli.Head("/relais.3fa9c01b.wasm");
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->body.empty());
    CHECK(head->get_header_value("Content-Type") == "application/wasm");

    // Under /api/ an unknown endpoint is a JSON 404 whatever the method.
    auto api_post = cli.Post("/api/nope", "{}", "application/json");
    REQUIRE(api_post);
    CHECK(api_post->status == 404);
    CHECK(api_post->get_header_value("Content-Type") == "application/json");
}

TEST_CASE_METHOD(RunningServer, "api: health", "[server][api]")
{
    auto res = get("/api/health", kIdentity);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    CHECK_THAT(res->body, Catch::Matches(R"(\{"status":"ok","version":"\d+\.\d+\.\d+"\})"));
    CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
}

TEST_CASE_METHOD(RunningServer, "api: request bodies over 8 MiB get 413", "[server][api]")
{
    httplib::Client cli("127.0.0.1", server.port());
    auto small = cli.Post("/api/nope", std::string(1024, 'x'), "application/octet-stream");
    REQUIRE(small);
    CHECK(small->status == 404);

    auto big = cli.Post("/api/nope", std::string(9u * 1024 * 1024, 'x'), "application/octet-stream");
    REQUIRE(big);
    CHECK(big->status == 413);
    CHECK(big->get_header_value("Content-Type") == "application/json");
    CHECK(big->get_header_value("X-Content-Type-Options") == "nosniff");
}
