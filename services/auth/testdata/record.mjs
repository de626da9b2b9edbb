// Records what the real Directus 12.4.1 answers about tokens, accountability and permissions, for
// the replay tests of services/auth. Run against a fresh peer (see ../../../../shared/tools/directus-peer):
//
//   PEER_DIR=/tmp/peer-auth PEER_PORT=18056 directus-peer start   # with the whoami endpoint below installed
//   node record.mjs http://127.0.0.1:18056 /tmp/peer-auth/data/directus.db /tmp/peer-auth/directus > recording.json
//
// The whoami endpoint extension (extensions/whoami) answers res.json(req.accountability).
// Rows are created through the REST API as admin; the tables auth reads are then dumped with the
// sqlite3 CLI so the Go tests can rebuild the same database on SQLite and PostgreSQL.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const [url, dbFile, directusDir] = process.argv.slice(2);
const argon2 = createRequire(directusDir + '/package.json')('argon2');
const ADMIN = 'admin-static-token';

async function call(method, path, { token, body, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const res = await fetch(url + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = text; }
  return { status: res.status, body: json, setCookie: res.headers.getSetCookie() };
}
async function admin(method, path, body) {
  const r = await call(method, path, { token: ADMIN, body });
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body?.data;
}

const field = (name, type = 'string') => ({ field: name, type, meta: {}, schema: {} });
const pk = { field: 'id', type: 'integer', meta: { hidden: true }, schema: { is_primary_key: true, has_auto_increment: true } };
for (const c of ['articles', 'notes']) {
  await call('DELETE', `/collections/${c}`, { token: ADMIN });
}
await admin('POST', '/collections', { collection: 'articles', meta: {}, schema: {}, fields: [pk, field('title'), field('status'), field('secret')] });
await admin('POST', '/collections', { collection: 'notes', meta: {}, schema: {}, fields: [pk, field('body')] });
await admin('POST', '/items/articles', [
  { title: 'a1', status: 'published', secret: 's1' },
  { title: 'a2', status: 'draft', secret: 's2' },
  { title: 'a3', status: 'published', secret: 's3' },
]);
await admin('POST', '/items/notes', [{ body: 'n1' }, { body: 'n2' }]);

const role = (name, parent = null) => admin('POST', '/roles', { name, parent });
const editors = await role('Editors');
const juniors = await role('Juniors', editors.id);
const readers = await role('Readers');
const policy = (name, extra = {}) => admin('POST', '/policies', { name, ...extra });
const pApp = await policy('App access', { app_access: true });
const pRead = await policy('Read articles');
const pWrite = await policy('Write articles');
const pNotes = await policy('Notes');
const pAdminIP = await policy('Admin from 10/8', { admin_access: true, ip_access: ['10.0.0.0/8'] });
const pAdminLocal = await policy('Admin from loopback', { admin_access: true, ip_access: ['127.0.0.1'] });
const perm = (policy, collection, action) => admin('POST', '/permissions', { policy, collection, action, fields: ['*'], permissions: {}, validation: {} });
await perm(pRead.id, 'articles', 'read');
await perm(pWrite.id, 'articles', 'create');
await perm(pWrite.id, 'articles', 'update');
await perm(pNotes.id, 'notes', 'read');
await perm(pNotes.id, 'notes', 'create');
await perm(pNotes.id, 'notes', 'delete');
const publicPolicy = 'abf8a154-5b1c-4a46-ac9c-7300570f4f17';
await perm(publicPolicy, 'notes', 'read');
// A custom (filtered) rule: refused without a licence — recorded.
const customRule = await call('POST', '/permissions', { token: ADMIN, body: { policy: pRead.id, collection: 'articles', action: 'delete', fields: ['title'], permissions: { status: { _eq: 'draft' } } } });

const access = (policy, target) => admin('POST', '/access', { policy, ...target });
await access(pApp.id, { role: editors.id });
await access(pRead.id, { role: editors.id });
await access(pWrite.id, { role: juniors.id });
await access(pRead.id, { role: readers.id });
await access(pAdminIP.id, { role: readers.id });

// Users are inserted with SQL: the Core licence's seat limit (3) refuses API-created app users.
const sqlExec = (q) => execFileSync('sqlite3', [dbFile, q], { encoding: 'utf8' });
const quote = (v) => (v === null || v === undefined ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`);
const user = async (email, { role = null, token, status = 'active' }) => {
  const hash = await argon2.hash('pw-' + email.split('@')[0]); // node-argon2 with Directus's defaults
  const id = crypto.randomUUID();
  sqlExec(`INSERT INTO directus_users (id, email, password, role, token, status, provider) VALUES (${[id, email, hash, role, token, status, 'default'].map(quote).join(', ')})`);
  return { id };
};
const users = {
  junior: await user('junior@example.com', { role: juniors.id, token: 'tok-junior' }),
  reader: await user('reader@example.com', { role: readers.id, token: 'tok-reader' }),
  norole: await user('norole@example.com', { token: 'tok-norole' }),
  local: await user('local@example.com', { role: readers.id, token: 'tok-local' }),
  suspended: await user('suspended@example.com', { role: editors.id, token: 'tok-suspended', status: 'suspended' }),
  invited: await user('invited@example.com', { role: editors.id, token: 'tok-invited', status: 'invited' }),
  draft: await user('draft@example.com', { role: editors.id, token: 'tok-draft', status: 'draft' }),
};
await access(pNotes.id, { user: users.norole.id });
await access(pAdminLocal.id, { user: users.local.id });

const tokens = { public: null, admin: ADMIN, junior: 'tok-junior', reader: 'tok-reader', norole: 'tok-norole', local: 'tok-local',
  suspended: 'tok-suspended', invited: 'tok-invited', draft: 'tok-draft', unknown: 'no-such-token' };

const recording = { recordedWith: 'Directus 12.4.1 (directus-peer, SQLite)', customRule, whoami: {}, matrix: [], login: [], tokens: {} };
const UA = { 'User-Agent': 'dxhost-recorder' };
for (const [name, token] of Object.entries(tokens)) {
  recording.whoami[name] = await call('GET', '/whoami', { token, headers: UA });
}
// Matrix: every caller × collection × action, through /items (state-changing calls in a fixed order).
const matrixCalls = [
  ['read', 'GET', c => `/items/${c}?sort=id`],
  ['readOne', 'GET', c => `/items/${c}/1`],
  ['create', 'POST', c => `/items/${c}`, c => (c === 'articles' ? { title: 'new', status: 'draft' } : { body: 'new' })],
  ['update', 'PATCH', c => `/items/${c}/2`, c => (c === 'articles' ? { title: 'changed' } : { body: 'changed' })],
  ['delete', 'DELETE', c => `/items/${c}/1`],
];
for (const [name, token] of Object.entries(tokens)) {
  for (const collection of ['articles', 'notes']) {
    for (const [action, method, path, body] of matrixCalls) {
      if (action === 'delete') continue; // deletes are recorded below on items of their own
      const r = await call(method, path(collection), { token, body: body?.(collection), headers: UA });
      recording.matrix.push({ caller: name, collection, action, ...r });
    }
  }
}
for (const [name, token] of Object.entries(tokens)) {
  for (const collection of ['articles', 'notes']) {
    const created = await admin('POST', `/items/${collection}`, collection === 'articles' ? { title: 'del-' + name } : { body: 'del-' + name });
    const r = await call('DELETE', `/items/${collection}/${created.id}`, { token, headers: UA });
    recording.matrix.push({ caller: name, collection, action: 'delete', item: created.id, ...r });
  }
}
// Login answers (bodies are kept: tokens are checked for shape, claims and signature in Go).
const login = async (label, body, headers = {}) => {
  const t0 = Date.now();
  const r = await call('POST', '/auth/login', { body, headers });
  recording.login.push({ label, request: body, ms: Date.now() - t0, ...r });
  return r;
};
await login('json', { email: 'junior@example.com', password: 'pw-junior' });
await login('cookie', { email: 'JUNIOR@example.com', password: 'pw-junior', mode: 'cookie' });
await login('session', { email: 'junior@example.com', password: 'pw-junior', mode: 'session' });
await login('wrong password', { email: 'junior@example.com', password: 'nope' });
await login('unknown email', { email: 'nobody@example.com', password: 'x' });
await login('suspended', { email: 'suspended@example.com', password: 'pw-suspended' });
await login('invited', { email: 'invited@example.com', password: 'pw-invited' });
await login('sql in email', { email: "' OR 1=1 --", password: 'x' });
await login('sql email-shaped', { email: "a'or'1'='1@example.com", password: "' OR '1'='1" });
await login('missing password', { email: 'junior@example.com' });
await login('empty body', {});
await login('bad mode', { email: 'junior@example.com', password: 'pw-junior', mode: 'jwt' });
await login('number email', { email: 5, password: 'x' });

const sql = (q) => JSON.parse(execFileSync('sqlite3', ['-json', dbFile, q], { encoding: 'utf8' }) || '[]');
recording.tables = {
  directus_roles: sql('SELECT id, name, parent FROM directus_roles'),
  directus_policies: sql('SELECT id, name, icon, ip_access, enforce_tfa, admin_access, app_access FROM directus_policies'),
  directus_access: sql('SELECT id, role, user, policy, sort FROM directus_access'),
  directus_permissions: sql('SELECT id, collection, action, permissions, validation, presets, fields, policy FROM directus_permissions'),
  directus_users: sql('SELECT id, email, password, role, status, token, provider FROM directus_users'),
  directus_sessions: sql('SELECT token, user, expires, ip, user_agent, share, origin, next_token, oauth_client FROM directus_sessions'),
  articles: sql('SELECT * FROM articles'),
  notes: sql('SELECT * FROM notes'),
};
recording.secret = 'peer-secret-0123456789abcdef0123456789abcdef';
console.log(JSON.stringify(recording, null, 1));
