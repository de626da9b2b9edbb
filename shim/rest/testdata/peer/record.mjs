// Replays a cases file against a running Directus and writes what it answered:
//   node record.mjs <cases.json> <out.json> <baseURL>
// Each case: { name, method, path, body?, token?: "admin" | "none" }. The recording keeps the
// status, the headers dxhost must reproduce, and the body (JSON parsed when it is JSON).
import { readFileSync, writeFileSync } from 'node:fs';

const [casesFile, outFile, base] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, 'utf8'));
const keep = ['content-type', 'cache-control', 'vary', 'content-length'];
// (content-disposition carries the local date and time of the answer: not kept)
const out = [];
for (const c of cases) {
  const headers = {};
  if ((c.token ?? 'admin') === 'admin') headers.authorization = 'Bearer admin-static-token';
  if (c.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + c.path, { method: c.method, headers, body: c.body === undefined ? undefined : JSON.stringify(c.body) });
  // decoded by hand: res.text() would drop a byte order mark (csv_utf8 exports start with one)
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  let body = text;
  try { body = JSON.parse(text); } catch {}
  const kept = {};
  for (const h of keep) if (res.headers.has(h)) kept[h] = res.headers.get(h);
  out.push({ ...c, status: res.status, headers: kept, response: body });
}
writeFileSync(outFile, JSON.stringify(out, null, 1) + '\n');
console.error(`recorded ${out.length} exchanges into ${outFile}`);
