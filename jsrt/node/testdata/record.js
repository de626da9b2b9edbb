// Records the real Node's answers to the conformance snippets into golden/<name>.json.
// Usage: node jsrt/node/testdata/record.js [snippet.js ...]   (go test never runs node)
'use strict';
const fs = require('fs');
const path = require('path');

const dir = path.join(__dirname, 'conformance');
const files = process.argv.slice(2).length
  ? process.argv.slice(2).map((f) => path.resolve(f))
  : fs.readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f));

// Some snippets wait on unref'ed timers (AbortSignal.timeout); keep the loop alive while recording.
const keepAlive = setInterval(() => {}, 1000);

(async () => {
  for (const file of files) {
    const name = path.basename(file, '.js');
    const run = require(file);
    const cases = {};
    for (const [label, fn] of Object.entries(run)) {
      try {
        cases[label] = String(await fn());
      } catch (err) {
        cases[label] = 'THROWN ' + (err && err.name) + ' ' + (err && err.code) + ': ' + (err && err.message);
      }
    }
    const golden = { node: process.version, cases };
    // Snippets record next to their folder: conformance/x.js → golden/x.json, packages/bundles/x.js → packages/golden/x.json.
    const goldenDir = path.join(path.dirname(file), '..', 'golden');
    fs.mkdirSync(goldenDir, { recursive: true });
    fs.writeFileSync(path.join(goldenDir, name + '.json'), JSON.stringify(golden, null, 1) + '\n');
    console.log(`${name}: ${Object.keys(cases).length} cases`);
  }
  clearInterval(keepAlive);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
