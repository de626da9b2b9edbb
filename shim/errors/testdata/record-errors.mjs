// Records the real @directus/errors@2.5.2 through probe-errors.js. Run next to a node_modules holding it:
//   node record-errors.mjs > errors.json
import { readFileSync } from 'node:fs';
import * as E from '@directus/errors';
const probe = (0, eval)(readFileSync(new URL('./probe-errors.js', import.meta.url), 'utf8'));
console.log(JSON.stringify(JSON.parse(probe(E)), null, 1));
