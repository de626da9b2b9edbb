// Replays scenario.json against a running Directus 12.4.1 (directus-peer) and writes what it
// answers, plus the system collection/field/relation rows of a fresh install, to <client>.json.
// usage: PEER_URL=http://127.0.0.1:18058 [SCENARIO=scenario-duplication] node record.mjs <client>
import { readFileSync, writeFileSync } from 'node:fs';

const base = process.env.PEER_URL ?? 'http://127.0.0.1:18058';
const client = process.argv[2];
const headers = { Authorization: 'Bearer admin-static-token', 'Content-Type': 'application/json' };
const scenarioName = process.env.SCENARIO ?? 'scenario';
const scenario = JSON.parse(readFileSync(new URL(`./${scenarioName}.json`, import.meta.url)));

const tokens = { admin: 'admin-static-token', reader: 'reader-token' };
const captured = {};
const fill = (v) => JSON.parse(JSON.stringify(v ?? null).replace(/"\$(\w+)"/g, (_, k) => JSON.stringify(captured[k])));

async function call(method, path, body, as = 'admin') {
  const h = { ...headers, Authorization: `Bearer ${tokens[as]}` };
  const res = await fetch(base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(fill(body)) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const isUser = (name) => !String(name).startsWith('directus_');
const out = { client, system: {}, steps: [] };
// System rows as a fresh install serves them (embedded by dxhost: Directus keeps them in code);
// the main scenario only.
if (scenarioName === 'scenario') {
out.system.collections = (await call('GET', '/collections')).body.data.filter((c) => !isUser(c.collection));
out.system.fields = (await call('GET', '/fields')).body.data.filter((f) => !isUser(f.collection));
out.system.relations = (await call('GET', '/relations')).body.data.filter((r) => !isUser(r.collection));
}

for (const step of scenario) {
  const res = await call(step.method, step.path, step.body, step.as);
  if (step.capture) captured[step.capture] = res.body.data.id;
  if (step.userOnly && Array.isArray(res.body?.data)) res.body.data = res.body.data.filter((x) => isUser(x.collection));
  out.steps.push({ name: step.name, method: step.method, path: step.path, status: res.status, response: res.body });
}
const outName = scenarioName === 'scenario' ? client : `${scenarioName}-${client}`;
writeFileSync(new URL(`./${outName}.json`, import.meta.url), JSON.stringify(out, null, 1) + '\n');
console.log(`recorded ${out.steps.length} steps for ${client}`);
