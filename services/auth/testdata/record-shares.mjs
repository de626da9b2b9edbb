// Records what the real Directus 12.4.1 answers about shares (POST /shares/auth, share tokens and
// the permissions of a share login, GET /shares/info/:pk) and TFA set-up (/users/me/tfa/*), for
// the replay tests of shim/authroutes. Run against a fresh SQLite peer that loads the whoami
// endpoint (testdata/extensions):
//
//   PEER_DIR=/tmp/peer-shares PEER_PORT=18062 PEER_EXTENSIONS=$PWD/extensions directus-peer start
//   node record-shares.mjs http://127.0.0.1:18062 /tmp/peer-shares/data/directus.db /tmp/peer-shares/directus > recording-shares.json
//
// The output has: setup (admin REST calls creating the collections and relations, replayed as
// they are), tables (rows dumped with sqlite3 after the setup, inserted as they are: roles,
// policies, users, shares, items keep Directus's ids), and exchanges in order. An exchange names
// its credentials instead of carrying tokens: bearer/cookie "static:<token>" or a token saved by an
// earlier exchange (save), and "$refresh:<name>" / "$secret:<name>" / "$otp:<name>" in a body.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const [url, dbFile, directusDir] = process.argv.slice(2);
const req = createRequire(directusDir + '/package.json');
const argon2 = req('argon2');
const { authenticator } = createRequire(req.resolve('@directus/api/package.json'))('otplib');
const ADMIN = 'admin-static-token';

async function call(method, path, { bearer, cookie, body, headers = {} } = {}) {
  const h = { 'User-Agent': 'dxhost-recorder', ...headers };
  if (bearer) h.Authorization = `Bearer ${bearer}`;
  if (cookie) h.Cookie = cookie;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const res = await fetch(url + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = text; }
  return { status: res.status, body: json, setCookie: res.headers.getSetCookie() };
}
const setup = [];
async function admin(method, path, body, { keep = true } = {}) {
  const r = await call(method, path, { bearer: ADMIN, body });
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  if (keep) setup.push({ method, path, body });
  return r.body?.data;
}

// Schema: authors ← articles.author (m2o), articles ← comments.article (m2o, o2m alias articles.comments), notes apart.
const field = (name, type = 'string') => ({ field: name, type, meta: {}, schema: {} });
const pk = { field: 'id', type: 'integer', meta: { hidden: true }, schema: { is_primary_key: true, has_auto_increment: true } };
await admin('POST', '/collections', { collection: 'authors', meta: {}, schema: {}, fields: [pk, field('name')] });
await admin('POST', '/collections', { collection: 'articles', meta: {}, schema: {}, fields: [pk, field('title'), field('status'), field('secret'), field('author', 'integer')] });
await admin('POST', '/collections', { collection: 'comments', meta: {}, schema: {}, fields: [pk, field('body'), field('article', 'integer')] });
await admin('POST', '/collections', { collection: 'notes', meta: {}, schema: {}, fields: [pk, field('body')] });
await admin('POST', '/fields/articles', { field: 'comments', type: 'alias', meta: { special: ['o2m'], interface: 'list-o2m' } });
await admin('POST', '/relations', { collection: 'articles', field: 'author', related_collection: 'authors' });
await admin('POST', '/relations', { collection: 'comments', field: 'article', related_collection: 'articles', meta: { one_field: 'comments' } });
await admin('POST', '/items/authors', [{ name: 'ann' }, { name: 'bob' }], { keep: false });
await admin('POST', '/items/articles', [
  { title: 'a1', status: 'published', secret: 's1', author: 1 },
  { title: 'a2', status: 'draft', secret: 's2', author: 2 },
  { title: 'a3', status: 'published', secret: 's3', author: 1 },
], { keep: false });
await admin('POST', '/items/comments', [{ body: 'c1', article: 1 }, { body: 'c2', article: 1 }, { body: 'c3', article: 2 }], { keep: false });
await admin('POST', '/items/notes', [{ body: 'n1' }], { keep: false });

const role = (name) => admin('POST', '/roles', { name }, { keep: false });
const policy = (name, extra = {}) => admin('POST', '/policies', { name, ...extra }, { keep: false });
const perm = (policy, collection, action = 'read') =>
  admin('POST', '/permissions', { policy, collection, action, fields: ['*'], permissions: {}, validation: {} }, { keep: false });
const access = (policy, target) => admin('POST', '/access', { policy, ...target }, { keep: false });
const publicPolicy = 'abf8a154-5b1c-4a46-ac9c-7300570f4f17';
await perm(publicPolicy, 'articles');
await perm(publicPolicy, 'comments');
const readers = await role('Readers');
const pReaders = await policy('Readers');
for (const c of ['articles', 'authors', 'comments', 'notes']) await perm(pReaders.id, c);
await access(pReaders.id, { role: readers.id });
const juniors = await role('Juniors');
const pJuniors = await policy('Juniors');
await perm(pJuniors.id, 'articles');
await perm(pJuniors.id, 'authors');
await access(pJuniors.id, { role: juniors.id });
const admins = await role('Admins too');
const pAdmins = await policy('Admins too', { admin_access: true });
await access(pAdmins.id, { role: admins.id });
// TFA users store their secret through ItemsService as themselves: they need update on directus_users.
const selfRole = await role('Self service');
const pSelf = await policy('Self service');
await perm(pSelf.id, 'directus_users', 'read');
await perm(pSelf.id, 'directus_users', 'update');
await access(pSelf.id, { role: selfRole.id });
const enforcing = await role('Enforcing');
const pEnforce = await policy('Enforce TFA', { enforce_tfa: true, app_access: true });
await access(pEnforce.id, { role: enforcing.id });

// Users with SQL: the Core licence's seat limit refuses API-created app users.
const sqlExec = (q) => execFileSync('sqlite3', [dbFile, q], { encoding: 'utf8' });
const quote = (v) => (v === null || v === undefined ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`);
const user = async (email, role) => {
  const hash = await argon2.hash('pw-' + email.split('@')[0]);
  const id = crypto.randomUUID();
  sqlExec(`INSERT INTO directus_users (id, email, password, role, status, provider) VALUES (${[id, email, hash, role, 'active', 'default'].map(quote).join(', ')})`);
  return id;
};
const junior = await user('junior@example.com', juniors.id);
await user('tfa@example.com', selfRole.id);
await user('tfa2@example.com', readers.id);
await user('enforce@example.com', enforcing.id);

const share = (name, body) => admin('POST', '/shares', { name, ...body }, { keep: false });
const S = {
  plain: await share('plain', { collection: 'articles', item: '1' }),
  role: await share('role', { collection: 'articles', item: '1', role: readers.id }),
  admin: await share('admin', { collection: 'articles', item: '1', role: admins.id }),
  junior: await share('junior', { collection: 'articles', item: '1' }),
  juniorRole: await share('junior role', { collection: 'articles', item: '1', role: readers.id }),
  pw: await share('password', { collection: 'articles', item: '2', password: 'share-pw' }),
  expired: await share('expired', { collection: 'articles', item: '1', date_end: '2020-01-01T00:00:00.000Z' }),
  future: await share('future', { collection: 'articles', item: '1', date_start: '2099-01-01T00:00:00.000Z' }),
  window: await share('window', { collection: 'articles', item: '1', date_start: '2020-01-01T00:00:00.000Z', date_end: '2099-01-01T00:00:00.000Z' }),
  max: await share('max uses', { collection: 'articles', item: '3', max_uses: 1 }),
  comment: await share('comment', { collection: 'comments', item: '3', role: readers.id }),
};
for (const s of [S.junior, S.juniorRole]) sqlExec(`UPDATE directus_shares SET user_created = ${quote(junior)} WHERE id = ${quote(s.id)}`);

const sql = (q) => JSON.parse(execFileSync('sqlite3', ['-json', dbFile, q], { encoding: 'utf8' }) || '[]');
const recording = {
  recordedWith: 'Directus 12.4.1 (directus-peer, SQLite)',
  secret: 'peer-secret-0123456789abcdef0123456789abcdef',
  shares: Object.fromEntries(Object.entries(S).map(([k, v]) => [k, v.id])),
  setup,
  tables: {
    directus_roles: sql('SELECT id, name, parent FROM directus_roles'),
    directus_policies: sql('SELECT id, name, icon, ip_access, enforce_tfa, admin_access, app_access FROM directus_policies'),
    directus_access: sql('SELECT id, role, user, policy, sort FROM directus_access'),
    directus_permissions: sql('SELECT collection, action, permissions, validation, presets, fields, policy FROM directus_permissions'),
    directus_users: sql('SELECT id, email, password, role, status, token, provider, tfa_secret FROM directus_users'),
    directus_shares: sql('SELECT * FROM directus_shares'),
    authors: sql('SELECT * FROM authors'),
    articles: sql('SELECT * FROM articles'),
    comments: sql('SELECT * FROM comments'),
    notes: sql('SELECT * FROM notes'),
  },
  exchanges: [],
};

// Exchanges. Credentials by name; saved tokens come from earlier answers.
const saved = {};
const cred = (name) => (name?.startsWith('static:') ? name.slice(7) : saved[name]?.access);
const expand = (v) => {
  if (typeof v === 'string') {
    const m = v.match(/^\$(refresh|secret|otp):(.+)$/);
    if (m?.[1] === 'refresh') return saved[m[2]].refresh;
    if (m?.[1] === 'secret') return saved[m[2]].secret;
    if (m?.[1] === 'otp') return authenticator.generate(saved[m[2]].secret);
    return v;
  }
  if (Array.isArray(v)) return v.map(expand);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x)]));
  return v;
};
const cookieOf = (setCookie, name) => setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith(name + '='))?.slice(name.length + 1);
async function x(name, method, path, { bearer, cookie, body, save, saveSecret } = {}) {
  const r = await call(method, path, {
    bearer: cred(bearer),
    cookie: cookie ? `directus_session_token=${saved[cookie].access}` : undefined,
    body: expand(body),
  });
  recording.exchanges.push({ name, method, path, bearer, cookie, request: body, save, saveSecret, ...r });
  if (save && r.status === 200) {
    saved[save] = {
      access: r.body?.data?.access_token ?? cookieOf(r.setCookie, 'directus_session_token'),
      refresh: r.body?.data?.refresh_token ?? cookieOf(r.setCookie, 'directus_refresh_token'),
    };
  }
  if (saveSecret && r.status === 200) saved[saveSecret] = { secret: r.body.data.secret };
  return r;
}

// POST /shares/auth: validation, unknown shares, modes, passwords, dates, max_uses.
await x('auth empty body', 'POST', '/shares/auth', { body: {} });
await x('auth array body', 'POST', '/shares/auth', { body: [] });
await x('auth share number', 'POST', '/shares/auth', { body: { share: 5 } });
await x('auth share empty', 'POST', '/shares/auth', { body: { share: '' } });
await x('auth bad mode', 'POST', '/shares/auth', { body: { share: S.plain.id, mode: 'jwt' } });
await x('auth password number', 'POST', '/shares/auth', { body: { share: S.pw.id, password: 5 } });
await x('auth password empty', 'POST', '/shares/auth', { body: { share: S.pw.id, password: '' } });
await x('auth unknown uuid', 'POST', '/shares/auth', { body: { share: '00000000-0000-4000-8000-000000000000' } });
await x('auth not a uuid', 'POST', '/shares/auth', { body: { share: 'nope' } });
await x('auth plain json', 'POST', '/shares/auth', { body: { share: S.plain.id }, save: 'plain' });
await x('auth plain cookie', 'POST', '/shares/auth', { body: { share: S.plain.id, mode: 'cookie' }, save: 'plainCookie' });
await x('auth plain session', 'POST', '/shares/auth', { body: { share: S.plain.id, mode: 'session' }, save: 'plainSession' });
await x('auth password missing', 'POST', '/shares/auth', { body: { share: S.pw.id } });
await x('auth password wrong', 'POST', '/shares/auth', { body: { share: S.pw.id, password: 'nope' } });
await x('auth password right', 'POST', '/shares/auth', { body: { share: S.pw.id, password: 'share-pw' }, save: 'pw' });
await x('auth password on a share without one', 'POST', '/shares/auth', { body: { share: S.plain.id, password: 'whatever' } });
await x('auth expired', 'POST', '/shares/auth', { body: { share: S.expired.id } });
await x('auth not started', 'POST', '/shares/auth', { body: { share: S.future.id } });
await x('auth inside window', 'POST', '/shares/auth', { body: { share: S.window.id } });
await x('auth max uses 1st', 'POST', '/shares/auth', { body: { share: S.max.id } });
await x('auth max uses 2nd', 'POST', '/shares/auth', { body: { share: S.max.id } });
await x('auth max uses 3rd', 'POST', '/shares/auth', { body: { share: S.max.id } });
for (const k of ['role', 'admin', 'junior', 'juniorRole', 'comment']) {
  await x(`auth ${k}`, 'POST', '/shares/auth', { body: { share: S[k].id }, save: k });
}

// What a share token is: accountability, /users/me, refresh.
await x('whoami plain', 'GET', '/whoami', { bearer: 'plain' });
await x('whoami plain session cookie', 'GET', '/whoami', { cookie: 'plainSession' });
await x('whoami role', 'GET', '/whoami', { bearer: 'role' });
await x('users/me plain', 'GET', '/users/me', { bearer: 'plain' });
await x('refresh plain json', 'POST', '/auth/refresh', { body: { refresh_token: '$refresh:plain' }, save: 'plainRefreshed' });
await x('whoami plain refreshed', 'GET', '/whoami', { bearer: 'plainRefreshed' });

// What a share login may read.
const reads = [
  ['articles', '/items/articles?sort=id'],
  ['article 1', '/items/articles/1'],
  ['article 2', '/items/articles/2'],
  ['article 1 deep', '/items/articles/1?fields=*,author.*,comments.*'],
  ['comments', '/items/comments?sort=id'],
  ['comments deep', '/items/comments?sort=id&fields=*,article.title'],
  ['authors', '/items/authors?sort=id'],
  ['notes', '/items/notes'],
];
for (const k of ['plain', 'pw', 'role', 'admin', 'junior', 'juniorRole', 'comment']) {
  for (const [what, path] of reads) await x(`${k} reads ${what}`, 'GET', path, { bearer: k });
}
await x('plain updates article 1', 'PATCH', '/items/articles/1', { bearer: 'plain', body: { title: 'changed' } });
await x('plain creates a note', 'POST', '/items/notes', { bearer: 'plain', body: { body: 'new' } });

// GET /shares/info/:pk
for (const k of ['plain', 'pw', 'expired', 'future', 'window', 'max']) await x(`info ${k}`, 'GET', `/shares/info/${S[k].id}`);
await x('info unknown', 'GET', '/shares/info/00000000-0000-4000-8000-000000000000');
await x('info upper-case uuid', 'GET', `/shares/info/${S.plain.id.toUpperCase()}`);
await x('info not a uuid', 'GET', '/shares/info/nope');

// TFA set-up.
await x('tfa login', 'POST', '/auth/login', { body: { email: 'tfa@example.com', password: 'pw-tfa' }, save: 'tfa' });
await x('tfa generate public', 'POST', '/users/me/tfa/generate', { body: { password: 'pw-tfa' } });
await x('tfa generate as share', 'POST', '/users/me/tfa/generate', { bearer: 'plain', body: { password: 'pw-tfa' } });
await x('tfa generate no password', 'POST', '/users/me/tfa/generate', { bearer: 'tfa', body: {} });
await x('tfa generate wrong password', 'POST', '/users/me/tfa/generate', { bearer: 'tfa', body: { password: 'nope' } });
await x('tfa generate', 'POST', '/users/me/tfa/generate/', { bearer: 'tfa', body: { password: 'pw-tfa' }, saveSecret: 'tfaSecret' });
await x('tfa enable no secret', 'POST', '/users/me/tfa/enable', { bearer: 'tfa', body: {} });
await x('tfa enable no otp', 'POST', '/users/me/tfa/enable', { bearer: 'tfa', body: { secret: '$secret:tfaSecret' } });
await x('tfa enable wrong otp', 'POST', '/users/me/tfa/enable', { bearer: 'tfa', body: { secret: '$secret:tfaSecret', otp: '000000' } });
await x('tfa enable', 'POST', '/users/me/tfa/enable', { bearer: 'tfa', body: { secret: '$secret:tfaSecret', otp: '$otp:tfaSecret' } });
await x('tfa generate when enabled', 'POST', '/users/me/tfa/generate', { bearer: 'tfa', body: { password: 'pw-tfa' } });
await x('tfa enable when enabled', 'POST', '/users/me/tfa/enable', { bearer: 'tfa', body: { secret: '$secret:tfaSecret', otp: '$otp:tfaSecret' } });
await x('tfa login without otp', 'POST', '/auth/login', { body: { email: 'tfa@example.com', password: 'pw-tfa' } });
await x('tfa login with otp', 'POST', '/auth/login', { body: { email: 'tfa@example.com', password: 'pw-tfa', otp: '$otp:tfaSecret' } });
await x('tfa disable no otp', 'POST', '/users/me/tfa/disable', { bearer: 'tfa', body: {} });
await x('tfa disable wrong otp', 'POST', '/users/me/tfa/disable', { bearer: 'tfa', body: { otp: '000000' } });
await x('tfa disable', 'POST', '/users/me/tfa/disable', { bearer: 'tfa', body: { otp: '$otp:tfaSecret' } });
await x('tfa disable when disabled', 'POST', '/users/me/tfa/disable', { bearer: 'tfa', body: { otp: '123456' } });
await x('tfa disable public', 'POST', '/users/me/tfa/disable', { body: { otp: '123456' } });
await x('tfa2 login', 'POST', '/auth/login', { body: { email: 'tfa2@example.com', password: 'pw-tfa2' }, save: 'tfa2' });
await x('tfa2 generate', 'POST', '/users/me/tfa/generate', { bearer: 'tfa2', body: { password: 'pw-tfa2' }, saveSecret: 'tfa2Secret' });
await x('tfa2 enable without update permission', 'POST', '/users/me/tfa/enable', { bearer: 'tfa2', body: { secret: '$secret:tfa2Secret', otp: '$otp:tfa2Secret' } });
await x('tfa disable other as non-admin', 'POST', '/users/00000000-0000-4000-8000-000000000000/tfa/disable', { bearer: 'tfa' });
await x('enforce login', 'POST', '/auth/login', { body: { email: 'enforce@example.com', password: 'pw-enforce' } });

recording.after = { directus_shares: sql('SELECT id, times_used FROM directus_shares ORDER BY id') };
console.log(JSON.stringify(recording, null, 1));
