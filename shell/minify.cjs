// minify.cjs — node minify.cjs IN OUT: the page scripts and Emscripten's glue
// as sent, by Debian's terser (node-terser). Local names are shortened and
// comments dropped; top-level names stay, since the page, the glue and the
// wasm's EM_JS code reach each other through them. Used by make_dist.cmake.
const fs = require('fs');
const { minify } = require('terser');

const [input, output] = process.argv.slice(2);
minify(fs.readFileSync(input, 'utf8'), { compress: true, mangle: true, ecma: 2020 })
  .then((r) => fs.writeFileSync(output, r.code))
  .catch((e) => {
    console.error(`minify: ${input}: ${e.message}`);
    process.exit(1);
  });
