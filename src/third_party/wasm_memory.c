/* wasm_memory.c — memcpy, memmove and memset for the Emscripten builds, each
 * one bulk-memory instruction (memory.copy, memory.fill).
 *
 * Our code and SQLite are compiled with -mbulk-memory, so the copies they
 * write become those instructions. The C library Emscripten 3.1.6 links is
 * prebuilt without them: its realloc (dlmalloc) copies through a byte and
 * word loop, and above 512 bytes through JavaScript. FTS5 grows buffers by
 * realloc as it reads doclists backwards; in the client's -Oz build that
 * copying was a third of search time. These definitions come before the C
 * library on the link line, so its own are never pulled in.
 *
 * Compiled without LTO: a library function that the code generator itself
 * calls must not be bitcode that LTO may drop before the calls exist. */
#include <stddef.h>

void* memcpy(void* restrict dest, const void* restrict src, size_t n) {
  __builtin_memcpy(dest, src, n);
  return dest;
}

void* memmove(void* dest, const void* src, size_t n) {
  __builtin_memmove(dest, src, n);
  return dest;
}

void* memset(void* dest, int c, size_t n) {
  __builtin_memset(dest, c, n);
  return dest;
}
