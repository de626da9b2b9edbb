// Records how Directus 12.4.1 enforces custom permission rules (item filters with dynamic
// variables, field lists, presets, validation) for the Authorizer tests.
//
// An unlicensed Directus 12 ignores such rows (spec 13 §9), so the peer used here had one line
// patched in node_modules/@directus/api/dist/license/entitlements/manager.js:
//   isEntitled(key) { if (key === "custom_permission_rules_enabled") return true; ... }
// i.e. Directus's own permission engine with the licence flag a licensed server has. Run against a
// fresh peer database:
//   node record-rules.mjs http://127.0.0.1:18061 /tmp/peer-mask/data/directus.db /tmp/peer-mask/directus > recording-rules.json
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const [url, dbFile, directusDir] = process.argv.slice(2);
const argon2 = createRequire(directusDir + '/package.json')('argon2');
const ADMIN = 'admin-static-token';

async function call(method, path, { token, body } = {}) {
  const h = {};
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const res = await fetch(url + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = text; }
  return { status: res.status, body: json };
}
async function admin(method, path, body) {
  const r = await call(method, path, { token: ADMIN, body });
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body?.data;
}
// dbFile may also be pg:<name> or mysql:<name> (peer started with PEER_DB=pg|mysql): the calls whose
// answers depend on the database are kept from those runs in recording-rules-servers.json.
const pgName = dbFile.startsWith('pg:') ? dbFile.slice(3) : null;
const myName = dbFile.startsWith('mysql:') ? dbFile.slice(6) : null; // users only: no table snapshots
const mysql = (q) => execFileSync('mysql', ['-h', '127.0.0.1', '-u', 'root', myName, '-e', q], { encoding: 'utf8' });
const psql = (q) => execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', pgName, '-Atc', q], { encoding: 'utf8' });
const sqlExec = (q) => (pgName ? psql(q) : myName ? mysql(q) : execFileSync('sqlite3', [dbFile, q], { encoding: 'utf8' }));
const sql = (q) => myName ? [] : JSON.parse((pgName ? psql(`SELECT coalesce(json_agg(t), '[]'::json) FROM (${q}) t`) : execFileSync('sqlite3', ['-json', dbFile, q], { encoding: 'utf8' })) || '[]');
const quote = (v) => (v === null || v === undefined ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`);

const field = (name) => ({ field: name, type: 'string', meta: {}, schema: {} });
const pk = { field: 'id', type: 'integer', meta: { hidden: true }, schema: { is_primary_key: true, has_auto_increment: true } };
await admin('POST', '/collections', { collection: 'articles', meta: {}, schema: {}, fields: [pk, field('title'), field('status'), field('secret'), field('owner')] });

const editors = await admin('POST', '/roles', { name: 'Editors' });
const juniors = await admin('POST', '/roles', { name: 'Juniors', parent: editors.id });
const readers = await admin('POST', '/roles', { name: 'Readers' });
const user = async (email, role, token) => {
  const id = crypto.randomUUID();
  const hash = await argon2.hash('pw-' + email.split('@')[0]);
  sqlExec(`INSERT INTO directus_users (id, email, password, role, token, status, provider) VALUES (${[id, email, hash, role, token, 'active', 'default'].map(quote).join(', ')})`);
  return id;
};
const junior = await user('junior@example.com', juniors.id, 'tok-junior');
const reader = await user('reader@example.com', readers.id, 'tok-reader');
const apps = await admin('POST', '/roles', { name: 'Apps' });
const appUser = await user('app@example.com', apps.id, 'tok-app');
const other = crypto.randomUUID();

await admin('POST', '/items/articles', [
  { title: 'a1', status: 'published', secret: 's1', owner: other },
  { title: 'a2', status: 'draft', secret: 's2', owner: junior },
  { title: 'a3', status: 'published', secret: 's3', owner: junior },
  { title: 'a4', status: 'draft', secret: 's4', owner: other },
  { title: 'a5', status: 'draft', secret: 's5', owner: junior },
]);

const pEd = await admin('POST', '/policies', { name: 'Editors read published' });
const pJr = await admin('POST', '/policies', { name: 'Juniors own articles' });
const pRd = await admin('POST', '/policies', { name: 'Readers titles' });
const perm = (policy, collection, action, extra) => admin('POST', '/permissions', { policy, collection, action, ...extra });
await perm(pEd.id, 'articles', 'read', { permissions: { status: { _eq: 'published' } }, fields: ['id', 'title', 'status'] });
await perm(pJr.id, 'articles', 'read', { permissions: { owner: { _eq: '$CURRENT_USER' } }, fields: ['*'] });
await perm(pJr.id, 'articles', 'create', { permissions: {}, fields: ['title', 'status', 'owner'], presets: { status: 'draft', owner: '$CURRENT_USER' }, validation: { title: { _nnull: true } } });
await perm(pJr.id, 'articles', 'update', { permissions: { owner: { _eq: '$CURRENT_USER' } }, fields: ['title'] });
await perm(pJr.id, 'articles', 'delete', { permissions: { _and: [{ owner: { _eq: '$CURRENT_USER' } }, { status: { _eq: 'draft' } }] } });
await perm(pRd.id, 'articles', 'read', { permissions: {}, fields: ['id', 'title'] });
await admin('POST', '/access', { policy: pEd.id, role: editors.id });
await admin('POST', '/access', { policy: pJr.id, role: juniors.id });
await admin('POST', '/access', { policy: pRd.id, role: readers.id });
const pApp = await admin('POST', '/policies', { name: 'App access', app_access: true });
await admin('POST', '/access', { policy: pApp.id, role: apps.id });

const cases = [
  ['junior', 'GET', '/items/articles?sort=id'],
  ['junior', 'GET', '/items/articles?sort=id&fields=id,secret'],
  ['junior', 'GET', '/items/articles/4'],
  ['junior', 'GET', '/items/articles?sort=id&filter[secret][_eq]=s1'],
  ['reader', 'GET', '/items/articles?sort=id'],
  ['reader', 'GET', '/items/articles?fields=secret'],
  ['reader', 'GET', '/items/articles?fields=id,title,status'],
  ['reader', 'GET', '/items/articles?filter[secret][_eq]=s1'],
  ['reader', 'GET', '/items/articles?sort=-status'],
  ['junior', 'POST', '/items/articles', { title: 'new' }],
  ['junior', 'POST', '/items/articles', { title: 'new', secret: 'x' }],
  ['junior', 'POST', '/items/articles', { status: 'published' }],
  ['junior', 'POST', '/items/articles', { title: null }],
  ['junior', 'PATCH', '/items/articles/2', { title: 'mine' }],
  ['junior', 'PATCH', '/items/articles/2', { status: 'published' }],
  ['junior', 'PATCH', '/items/articles/1', { title: 'not mine' }],
  ['junior', 'DELETE', '/items/articles/3'],
  ['junior', 'DELETE', '/items/articles/4'],
  ['junior', 'DELETE', '/items/articles/5'],
  ['junior', 'GET', '/items/articles?sort=id'],
  ['reader', 'POST', '/items/articles', { title: 'x' }],
  ['app', 'GET', '/users/me'],
  ['app', 'GET', '/users/me?fields=id,email,role'],
  ['app', 'GET', '/users/me?fields=token'],
  ['junior', 'GET', '/users/me'],
  ['public', 'GET', '/users/me'],
  ['app', 'GET', '/items/directus_roles'],
];
const tokens = { junior: 'tok-junior', reader: 'tok-reader', app: 'tok-app', public: null };
const recording = { recordedWith: 'Directus 12.4.1 (directus-peer, SQLite) with custom_permission_rules_enabled forced on', calls: [] };
for (const [caller, method, path, body] of cases) {
  recording.calls.push({ caller, method, path, request: body ?? null, ...(await call(method, path, { token: tokens[caller], body })) });
}
// Nested paths: tags (m2o article → articles, o2m alias articles.tags).
await admin('POST', '/collections', { collection: 'tags', meta: {}, schema: {}, fields: [pk, field('name')] });
await admin('POST', '/fields/tags', { field: 'article', type: 'integer', meta: { special: ['m2o'] }, schema: {} });
await admin('POST', '/relations', { collection: 'tags', field: 'article', related_collection: 'articles', meta: { one_field: 'tags' }, schema: { on_delete: 'SET NULL' } });
await admin('POST', '/fields/articles', { field: 'tags', type: 'alias', meta: { special: ['o2m'] } });
await admin('POST', '/items/tags', [{ name: 't1', article: 1 }, { name: 'hidden', article: 1 }, { name: 't3', article: 2 }, { name: 't4', article: 3 }]);
await perm(pJr.id, 'tags', 'read', { permissions: { name: { _neq: 'hidden' } }, fields: ['id', 'name', 'article'] });
await perm(pRd.id, 'tags', 'read', { permissions: {}, fields: ['id', 'article'] });
const nested = [
  ['junior', 'GET', '/items/articles?fields=id,tags.name&sort=id'],
  ['junior', 'GET', '/items/articles?fields=id,tags.id,tags.name&sort=id&filter[id][_eq]=1'],
  ['junior', 'GET', '/items/tags?fields=id,name,article.title&sort=id'],
  ['reader', 'GET', '/items/tags?fields=id,article.title&sort=id'],
  ['reader', 'GET', '/items/tags?fields=id,article.secret'],
  ['reader', 'GET', '/items/tags?fields=id,name'],
  ['reader', 'GET', '/items/articles?fields=id,tags.id&sort=id'],
  ['reader', 'GET', '/items/articles?fields=id,tags.name'],
  ['app', 'GET', '/items/articles?fields=id,tags.name'],
  ['junior', 'GET', '/items/tags?fields=*.*&sort=id'],
  ['reader', 'GET', '/items/tags?fields=*.*&sort=id'],
  ['reader', 'GET', '/items/articles?fields=*.*&sort=id'],
  ['junior', 'GET', '/items/articles?fields=id,tags.*&sort=id&filter[id][_eq]=2'],
];
for (const [caller, method, path] of nested) {
  recording.calls.push({ caller, method, path, request: null, ...(await call(method, path, { token: tokens[caller] })) });
}
recording.nestedTables = {
  directus_fields: sql("SELECT collection, field, special, interface FROM directus_fields WHERE collection IN ('tags', 'articles')"),
  directus_relations: sql("SELECT many_collection, many_field, one_collection, one_field, one_deselect_action FROM directus_relations WHERE many_collection = 'tags'"),
  tags: sql('SELECT * FROM tags'),
};
// Rules below the root: links (m2o article → articles, a2o item + collection → articles | tags).
// The policies get rows for links only, so the calls above keep their answers.
await admin('POST', '/collections', { collection: 'links', meta: {}, schema: {}, fields: [pk, field('label'), field('item'), field('collection')] });
await admin('POST', '/fields/links', { field: 'article', type: 'integer', meta: { special: ['m2o'] }, schema: {} });
await admin('POST', '/relations', { collection: 'links', field: 'article', related_collection: 'articles', meta: {}, schema: { on_delete: 'SET NULL' } });
await admin('POST', '/relations', { collection: 'links', field: 'item', related_collection: null, meta: { one_collection_field: 'collection', one_allowed_collections: ['articles', 'tags'] }, schema: null });
await admin('POST', '/items/links', [
  { label: 'l1', article: 1, item: '1', collection: 'articles' },
  { label: 'l2', article: 4, item: '4', collection: 'articles' },
  { label: 'l3', article: 2, item: '2', collection: 'tags' },
  { label: 'l4', article: null, item: '3', collection: 'tags' },
]);
await perm(pJr.id, 'links', 'read', { permissions: {}, fields: ['*'] });
await perm(pRd.id, 'links', 'read', { permissions: {}, fields: ['id', 'label'] });
await perm(pRd.id, 'links', 'read', { permissions: { label: { _eq: 'l1' } }, fields: ['article', 'item', 'collection'] });
await perm(pApp.id, 'links', 'read', { permissions: {}, fields: ['*'] });
const enc = (f) => encodeURIComponent(JSON.stringify(f));
const linkCases = [
  ['junior', 'GET', '/items/links?fields=id,article.title&sort=id'],
  ['junior', 'GET', '/items/links?fields=id,article&sort=id'],
  ['junior', 'GET', '/items/links?fields=id,item:articles.title,item:tags.name&sort=id'],
  ['junior', 'GET', '/items/links?fields=id,article.tags.name&sort=id'],
  ['reader', 'GET', '/items/links?fields=id,label,article&sort=id'],
  ['reader', 'GET', '/items/links?fields=id,article.title&sort=id'],
  ['reader', 'GET', '/items/links?fields=id,collection,item:articles.title&sort=id'],
  ['reader', 'GET', '/items/links?fields=id,item:articles.secret'],
  ['reader', 'GET', '/items/links?fields=id,item:tags.name'],
  ['reader', 'GET', '/items/links?fields=*&sort=id'],
  ['reader', 'GET', '/items/links?fields=id&filter=' + enc({ article: { secret: { _eq: 's1' } } })],
  ['reader', 'GET', '/items/links?fields=id&sort=id&filter=' + enc({ article: { title: { _eq: 'a1' } } })],
  ['junior', 'GET', '/items/links?fields=id&sort=id&filter=' + enc({ article: { title: { _eq: 'a4' } } })],
  ['app', 'GET', '/items/links?fields=id,article.title'],
  ['app', 'GET', '/items/links?fields=id,item:articles.title'],
  ['app', 'GET', '/items/links?fields=*.*&sort=id'],
  ['junior', 'GET', '/items/links?fields=*.*&sort=id'],
  ['reader', 'GET', '/items/links?fields=*.*&sort=id'],
];
// Fields named by deep, aggregate and groupBy, filters through m2a, and functions over o2m.
linkCases.push(
  ['reader', 'GET', '/items/tags?fields=id,article.title&deep=' + enc({ article: { _filter: { secret: { _eq: 's1' } } } })],
  ['reader', 'GET', '/items/tags?fields=id,article.title&sort=id&deep=' + enc({ article: { _filter: { title: { _eq: 'a1' } } } })],
  ['reader', 'GET', '/items/articles?aggregate[count]=secret'],
  ['reader', 'GET', '/items/articles?aggregate[count]=title'],
  ['reader', 'GET', '/items/articles?aggregate[count]=*&groupBy[]=status'],
  ['junior', 'GET', '/items/articles?aggregate[count]=*&groupBy[]=status&sort=status'],
  ['reader', 'GET', '/items/links?fields=id&filter=' + enc({ 'item:articles': { secret: { _eq: 's1' } } })],
  ['junior', 'GET', '/items/links?fields=id&sort=id&filter=' + enc({ 'item:articles': { title: { _eq: 'a1' } } })],
  ['junior', 'GET', '/items/articles?fields=id,count(tags)&sort=id'],
  // search looks only into fields the caller may read, each on the items whose rules allow it
  ['reader', 'GET', '/items/articles?fields=id&sort=id&search=s1'],
  ['reader', 'GET', '/items/articles?fields=id&sort=id&search=a1'],
  ['junior', 'GET', '/items/articles?fields=id&sort=id&search=s1'],
  ['junior', 'GET', '/items/articles?fields=id&sort=id&search=s3'],
  ['junior', 'GET', '/items/tags?fields=id&sort=id&search=hidden'],
  ['reader', 'GET', '/items/links?fields=id&sort=id&search=articles'],
  // meta counts only what the caller may read
  ['junior', 'GET', '/items/articles?fields=id&sort=id&meta=*'],
  ['reader', 'GET', '/items/links?fields=id&sort=id&search=articles&meta=total_count,filter_count'],
  ['junior', 'GET', '/items/tags?fields=id&sort=id&meta=*&filter=' + enc({ article: { _eq: 1 } })],
  // a group field allowed only on some items groups the others under null
  ['reader', 'GET', '/items/links?aggregate[count]=*&groupBy[]=collection&sort=collection'],
  ['junior', 'GET', '/items/articles?aggregate[count]=*&groupBy[]=secret&sort=secret'],
  ['junior', 'GET', '/items/articles?aggregate[count]=*&groupBy[]=status&groupBy[]=owner&sort=status'],
);
// A caller who may not read the related primary key: an O2M list without sort is ordered by
// the first field it may read (getAllowedSort).
const sorters = await admin('POST', '/roles', { name: 'Sorters' });
await user('sorter@example.com', sorters.id, 'tok-sorter');
tokens.sorter = 'tok-sorter';
const pSort = await admin('POST', '/policies', { name: 'Sorters' });
await admin('POST', '/access', { policy: pSort.id, role: sorters.id });
await perm(pSort.id, 'articles', 'read', { permissions: {}, fields: ['id', 'tags'] });
await perm(pSort.id, 'tags', 'read', { permissions: {}, fields: ['name', 'article'] });
linkCases.push(
  ['sorter', 'GET', '/items/articles?fields=id,tags.name&sort=id&filter=' + enc({ id: { _in: [1, 2] } })],
  ['sorter', 'GET', '/items/articles?fields=id,tags&sort=id&filter=' + enc({ id: { _in: [1, 2] } })],
  // filters through an O2M: _some/_none see only readable related items, a plain path all
  ['junior', 'GET', '/items/articles?fields=id&sort=id&filter=' + enc({ tags: { _some: { name: { _eq: 'hidden' } } } })],
  ['junior', 'GET', '/items/articles?fields=id&sort=id&filter=' + enc({ tags: { _none: { name: { _eq: 'hidden' } } } })],
  ['junior', 'GET', '/items/articles?fields=id&sort=id&filter=' + enc({ tags: { name: { _eq: 'hidden' } } })],
  ['sorter', 'GET', '/items/articles?fields=id&sort=id&filter=' + enc({ tags: { _some: { id: { _eq: 1 } } } })],
);
for (const [caller, method, path] of linkCases) {
  recording.calls.push({ caller, method, path, request: null, ...(await call(method, path, { token: tokens[caller] })) });
}
recording.linkTables = {
  directus_fields: sql("SELECT collection, field, special, interface FROM directus_fields WHERE collection = 'links'"),
  directus_relations: sql("SELECT many_collection, many_field, one_collection, one_field, one_collection_field, one_allowed_collections, one_deselect_action FROM directus_relations WHERE many_collection = 'links'"),
  links: sql('SELECT * FROM links'),
};
// Nested relational writes by a restricted caller (appended: earlier indexes keep their meaning).
// Writers may create links and articles (m2o), update draft articles and tags not named hidden,
// but not create tags; read-backs show that a refused write left nothing behind.
const writers = await admin('POST', '/roles', { name: 'Writers' });
const writer = await user('writer@example.com', writers.id, 'tok-writer');
tokens.writer = 'tok-writer';
const pWr = await admin('POST', '/policies', { name: 'Writers' });
await admin('POST', '/access', { policy: pWr.id, role: writers.id });
await perm(pWr.id, 'articles', 'read', { permissions: {}, fields: ['*'] });
await perm(pWr.id, 'articles', 'create', { permissions: {}, fields: ['title', 'status', 'tags', 'labels'], presets: { status: 'draft' }, validation: { title: { _nnull: true } } });
await perm(pWr.id, 'articles', 'update', { permissions: { status: { _eq: 'draft' } }, fields: ['title', 'tags', 'labels'] });
await perm(pWr.id, 'tags', 'read', { permissions: {}, fields: ['*'] });
await perm(pWr.id, 'tags', 'update', { permissions: { name: { _neq: 'hidden' } }, fields: ['name', 'article'] });
await perm(pWr.id, 'links', 'read', { permissions: {}, fields: ['*'] });
await perm(pWr.id, 'links', 'create', { permissions: {}, fields: ['label', 'article'] });
await perm(pWr.id, 'links', 'update', { permissions: {}, fields: ['label', 'article'] });
const readBack = [
  ['writer', 'GET', '/items/articles?fields=id,title,status,tags&sort=id'],
  ['writer', 'GET', '/items/tags?fields=id,name,article&sort=id'],
  ['writer', 'GET', '/items/links?fields=id,label,article&sort=id'],
];
const writeCases = [
  ...readBack,
  // m2o create: preset, field allow-list and validation of the related collection
  ['writer', 'POST', '/items/links', { label: 'w-l1', article: { title: 'w-a1' } }],
  ['writer', 'POST', '/items/links', { label: 'w-l2', article: { title: 'w-a2', secret: 'x' } }],
  ['writer', 'POST', '/items/links', { label: 'w-l3', article: { status: 'published' } }],
  ...readBack,
  // m2o update: the related item must satisfy the update rule
  ['writer', 'PATCH', '/items/links/1', { label: 'w-l1x', article: { id: 1, title: 'w-x' } }],
  ['writer', 'PATCH', '/items/links/3', { label: 'w-l3x', article: { id: 2, title: 'w-a2u' } }],
  ['writer', 'PATCH', '/items/tags/1', { name: 'w-t1', article: { title: 'w-new', secret: 's' } }],
  ...readBack,
  // o2m: create refused (no create on tags), update by rule, array form, detailed form
  ['writer', 'PATCH', '/items/articles/2', { title: 'w-o1', tags: [{ name: 'w-t' }] }],
  ['writer', 'PATCH', '/items/articles/2', { title: 'w-o2', tags: { create: [], update: [{ id: 2, name: 'w-u' }], delete: [] } }],
  ['writer', 'PATCH', '/items/articles/2', { title: 'w-o3', tags: { create: [], update: [{ id: 3, name: 'w-t3' }], delete: [] } }],
  ...readBack,
  ['writer', 'PATCH', '/items/articles/2', { tags: [1] }],
  ['writer', 'PATCH', '/items/articles/5', { tags: { create: [], update: [], delete: [1] } }],
  ['writer', 'PATCH', '/items/articles/2', { tags: { create: [], update: [], delete: [1] } }],
  ['writer', 'POST', '/items/articles', { title: 'w-a3', tags: [1] }],
  ['writer', 'POST', '/items/articles', { title: 'w-a4', tags: [2] }],
  ['writer', 'POST', '/items/articles', { title: 'w-a5', tags: { create: [{ name: 'w-c' }], update: [], delete: [] } }],
  ...readBack,
  // a caller whose create field list lacks the o2m alias
  ['junior', 'POST', '/items/articles', { title: 'j-o2m', tags: [{ name: 'x' }] }],
  ['writer', 'GET', '/items/articles?fields=id,title,status,tags&sort=id'],
];
for (const [caller, method, path, body] of writeCases) {
  recording.calls.push({ caller, method, path, request: body ?? null, ...(await call(method, path, { token: tokens[caller], body })) });
}
// M2M: articles.labels through the junction articles_labels (deselected junction rows are
// deleted); Writers may create and update labels (not "fixed" ones) and create junction rows, but
// not delete them. The articles field lists above name labels already, so the policies never change.
recording.m2mFrom = recording.calls.length;
await admin('POST', '/collections', { collection: 'labels', meta: {}, schema: {}, fields: [pk, field('name')] });
await admin('POST', '/collections', { collection: 'articles_labels', meta: { hidden: true }, schema: {}, fields: [pk, { field: 'articles_id', type: 'integer', meta: { hidden: true }, schema: {} }, { field: 'labels_id', type: 'integer', meta: { hidden: true }, schema: {} }] });
await admin('POST', '/fields/articles', { field: 'labels', type: 'alias', meta: { special: ['m2m'] } });
await admin('POST', '/relations', { collection: 'articles_labels', field: 'labels_id', related_collection: 'labels', meta: { one_field: null, junction_field: 'articles_id' }, schema: { on_delete: 'SET NULL' } });
await admin('POST', '/relations', { collection: 'articles_labels', field: 'articles_id', related_collection: 'articles', meta: { one_field: 'labels', junction_field: 'labels_id', one_deselect_action: 'delete' }, schema: { on_delete: 'SET NULL' } });
await admin('POST', '/items/labels', [{ name: 'open' }, { name: 'fixed' }]);
await admin('POST', '/items/articles_labels', [{ articles_id: 2, labels_id: 1 }, { articles_id: 4, labels_id: 2 }]);
await perm(pWr.id, 'labels', 'read', { permissions: {}, fields: ['*'] });
await perm(pWr.id, 'labels', 'create', { permissions: {}, fields: ['name'], validation: { name: { _neq: 'bad' } } });
await perm(pWr.id, 'labels', 'update', { permissions: { name: { _neq: 'fixed' } }, fields: ['name'] });
await perm(pWr.id, 'articles_labels', 'read', { permissions: {}, fields: ['*'] });
await perm(pWr.id, 'articles_labels', 'create', { permissions: {}, fields: ['articles_id', 'labels_id'] });
await perm(pWr.id, 'articles_labels', 'update', { permissions: {}, fields: ['articles_id', 'labels_id'] });
recording.m2mTables = {
  directus_fields: sql("SELECT collection, field, special, interface FROM directus_fields WHERE collection IN ('labels', 'articles_labels') OR (collection = 'articles' AND field = 'labels')"),
  directus_relations: sql("SELECT many_collection, many_field, one_collection, one_field, junction_field, one_deselect_action FROM directus_relations WHERE many_collection = 'articles_labels'"),
  labels: sql('SELECT * FROM labels'),
  articles_labels: sql('SELECT * FROM articles_labels'),
};
const m2mBack = [
  ['writer', 'GET', '/items/articles_labels?fields=id,articles_id,labels_id&sort=id'],
  ['writer', 'GET', '/items/labels?fields=id,name&sort=id'],
  ['writer', 'GET', '/items/articles?fields=id,title,labels&sort=id'],
];
const m2mCases = [
  ...m2mBack,
  ['writer', 'PATCH', '/items/articles/2', { labels: [{ labels_id: { name: 'm-new' } }] }],
  ['writer', 'PATCH', '/items/articles/2', { labels: { create: [{ labels_id: { name: 'm-c' } }], update: [], delete: [] } }],
  ['writer', 'PATCH', '/items/articles/2', { labels: { create: [{ labels_id: { name: 'bad' } }], update: [], delete: [] } }],
  ...m2mBack,
  ['writer', 'PATCH', '/items/articles/2', { labels: { create: [], update: [{ id: 1, labels_id: { id: 1, name: 'm-u' } }], delete: [] } }],
  ['writer', 'PATCH', '/items/articles/4', { labels: { create: [], update: [{ id: 2, labels_id: { id: 2, name: 'm-x' } }], delete: [] } }],
  ['writer', 'PATCH', '/items/articles/2', { labels: { create: [], update: [], delete: [1] } }],
  ...m2mBack,
  ['writer', 'POST', '/items/articles', { title: 'm-a', labels: [{ labels_id: 1 }] }],
  ['writer', 'POST', '/items/articles', { title: 'm-b', labels: [{ labels_id: { name: 'bad' } }] }],
  ['writer', 'POST', '/items/articles', { title: 'm-c', labels: [{ labels_id: { id: 2, name: 'm-z' } }] }],
  ['writer', 'POST', '/items/articles', { title: 'm-d', labels: [{ labels_id: { id: 1, name: 'm-ok' } }] }],
  ...m2mBack,
];
for (const [caller, method, path, body] of m2mCases) {
  recording.calls.push({ caller, method, path, request: body ?? null, ...(await call(method, path, { token: tokens[caller], body })) });
}
// O2M writes where the related collection has a preset and validation on create, and an update
// field list without the foreign key (so deselecting and moving items is refused).
const taggers = await admin('POST', '/roles', { name: 'Taggers' });
const tagger = await user('tagger@example.com', taggers.id, 'tok-tagger');
tokens.tagger = 'tok-tagger';
const pTg = await admin('POST', '/policies', { name: 'Taggers' });
await admin('POST', '/access', { policy: pTg.id, role: taggers.id });
await perm(pTg.id, 'articles', 'read', { permissions: {}, fields: ['id', 'title', 'tags'] });
await perm(pTg.id, 'articles', 'update', { permissions: {}, fields: ['tags'] });
await perm(pTg.id, 'tags', 'read', { permissions: {}, fields: ['*'] });
await perm(pTg.id, 'tags', 'create', { permissions: {}, fields: ['name', 'article'], presets: { name: 'preset' }, validation: { name: { _neq: 'bad' } } });
await perm(pTg.id, 'tags', 'update', { permissions: {}, fields: ['name'] });
const tagBack = [
  ['tagger', 'GET', '/items/tags?fields=id,name,article&sort=id'],
  ['tagger', 'GET', '/items/articles/3?fields=id,tags'],
];
const tagCases = [
  ...tagBack,
  ['tagger', 'PATCH', '/items/articles/3', { tags: [4, {}] }],
  ['tagger', 'PATCH', '/items/articles/3', { tags: [{ name: 'bad' }] }],
  ['tagger', 'PATCH', '/items/articles/3', { tags: { create: [], update: [], delete: [4] } }],
  ...tagBack,
  ['tagger', 'PATCH', '/items/articles/3', { tags: { create: [{ name: 'ok' }], update: [{ id: 4, name: 't4x' }], delete: [] } }],
  ['tagger', 'PATCH', '/items/articles/3', { tags: { create: [], update: [{ id: 2, name: 'x' }], delete: [] } }],
  ['tagger', 'PATCH', '/items/articles/3', { tags: { create: [{ name: 'bad' }], update: [], delete: [] } }],
  ...tagBack,
];
for (const [caller, method, path, body] of tagCases) {
  recording.calls.push({ caller, method, path, request: body ?? null, ...(await call(method, path, { token: tokens[caller], body })) });
}
// A2O writes: links.item creates or updates an item of the collection named by links.collection.
const linkers = await admin('POST', '/roles', { name: 'Linkers' });
const linker = await user('linker@example.com', linkers.id, 'tok-linker');
tokens.linker = 'tok-linker';
const pLk = await admin('POST', '/policies', { name: 'Linkers' });
await admin('POST', '/access', { policy: pLk.id, role: linkers.id });
await perm(pLk.id, 'links', 'read', { permissions: {}, fields: ['*'] });
await perm(pLk.id, 'links', 'create', { permissions: {}, fields: ['label', 'item', 'collection'] });
await perm(pLk.id, 'links', 'update', { permissions: {}, fields: ['label', 'item', 'collection'] });
await perm(pLk.id, 'articles', 'read', { permissions: {}, fields: ['id', 'title'] });
await perm(pLk.id, 'articles', 'create', { permissions: {}, fields: ['title'], validation: { title: { _neq: 'bad' } } });
const linkBack = [
  ['linker', 'GET', '/items/links?fields=id,label,item,collection&sort=id'],
  ['linker', 'GET', '/items/articles?fields=id,title&sort=id'],
];
const a2oCases = [
  ['linker', 'POST', '/items/links', { label: 'a2o-1', collection: 'articles', item: { title: 'a2o-a' } }],
  ['linker', 'POST', '/items/links', { label: 'a2o-2', collection: 'tags', item: { name: 'x' } }],
  ['linker', 'POST', '/items/links', { label: 'a2o-3', collection: 'articles', item: { title: 'bad' } }],
  ['linker', 'PATCH', '/items/links/1', { label: 'a2o-4', item: { id: 1, title: 'x' } }],
  ...linkBack,
];
for (const [caller, method, path, body] of a2oCases) {
  recording.calls.push({ caller, method, path, request: body ?? null, ...(await call(method, path, { token: tokens[caller], body })) });
}
recording.users = { junior, reader, other, app: appUser, writer, tagger, linker };
recording.tables = {
  directus_roles: sql('SELECT id, name, parent FROM directus_roles'),
  directus_policies: sql('SELECT id, name, icon, ip_access, enforce_tfa, admin_access, app_access FROM directus_policies'),
  directus_access: sql('SELECT id, role, user, policy, sort FROM directus_access'),
  directus_permissions: sql('SELECT id, collection, action, permissions, validation, presets, fields, policy FROM directus_permissions'),
  directus_users: sql('SELECT id, email, password, role, status, token, provider FROM directus_users'),
};
console.log(JSON.stringify(recording, null, 1));
