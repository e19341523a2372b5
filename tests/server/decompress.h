// decompress.h — decode a body as a server sent it (tests and benches read
// bodies with httplib's decompression off, to see what went on the wire).
#pragma once
#include <zlib.h>
#include <zstd.h>

#include <string>

// The inflated bytes; on a broken stream a marker no real body equals.
inline std::string Gunzip(const std::string& in) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return "<inflateInit2 failed>";  // gzip framing only, not zlib
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  std::string out;
  int rc = Z_OK;
  while (rc == Z_OK) {
    char buf[1 << 16];
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
  }
  inflateEnd(&zs);
  return rc == Z_STREAM_END ? out : "<not a complete gzip stream>";
}

// One zstd frame that states its size, as the server writes them; a marker
// otherwise.
inline std::string Unzstd(const std::string& in) {
  const unsigned long long size = ZSTD_getFrameContentSize(in.data(), in.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ULL << 31))
    return "<not a zstd frame with its size>";
  std::string out(static_cast<size_t>(size), '\0');
  const size_t n = ZSTD_decompress(&out[0], out.size(), in.data(), in.size());
  return ZSTD_isError(n) || n != out.size() ? "<not a complete zstd frame>" : out;
}

// The body as the server meant it, whatever its Content-Encoding.
inline std::string Decompressed(const std::string& body, const std::string& content_encoding) {
  if (content_encoding == "gzip") return Gunzip(body);
  if (content_encoding == "zstd") return Unzstd(body);
  return body;
}
