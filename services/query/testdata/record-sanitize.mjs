// (Run with LOG_LEVEL=silent so warnings do not mix into stdout.)
// Records Directus 12.4.1's sanitize-query middleware (qs.parse → sanitizeQuery({ fields: q.fields || "*",
// ...q }) → validateQuery) for an anonymous request, default env. Run from an empty directory with
// DB_CLIENT=sqlite3 DB_FILENAME=/tmp/x.db and DIRECTUS=<node_modules dir of a Directus 12.4.1 install>:
//   node record-sanitize.mjs > sanitize.json
const base = process.env.DIRECTUS.replace(/\/?$/, '/');
const qs = (await import(base + 'qs/lib/index.js')).default;
const { sanitizeQuery } = await import(base + '@directus/api/dist/utils/sanitize-query.js');
const { validateQuery } = await import(base + '@directus/api/dist/utils/validate-query.js');
const accountability = { role: null, user: null, roles: [], admin: false, app: false, ip: '127.0.0.1' };

const cases = [
  'limit=5&foo=bar', 'limit=abc', 'limit=1.5', 'limit=-2', 'limit=-1', 'limit=0', 'offset=-1', 'offset=3', 'page=2', 'page=0',
  'fields=a,b, c', 'fields[]=a&fields[]=b,c', 'fields=', 'fields=json(data, a.b),id', 'fields=a(b(c))', 'fields=a(b', 'fields[x]=1',
  'sort=-date,title', 'sort[]=a&sort[]=-b', 'groupBy=status,year(date)', 'aggregate[count]=*', 'aggregate[sum]=a,b', 'aggregate={"avg":["price"]}',
  'filter={"status":{"_eq":"published"}}', 'filter[status][_eq]=published', 'filter=notjson', 'filter={"a":1,"b":{"_neq":"x"}}',
  'filter={"a":{"_or":[{"_eq":1},{"_eq":2}]}}', 'filter[a][_in]=1,2,3', 'filter={"a":{"_in":[]}}', 'filter={"a":{"_null":"true"}}',
  'filter={"a":{"_null":"yes"}}', 'filter={"a":{"_eq":""}}', 'filter={"a":{"_eq":[1]}}', 'filter={"a":{"_eq":"true"}}', 'filter={"a":null}',
  'filter=5', 'filter=null', 'filter={"a":{"_eq":"$CURRENT_USER"}}', 'filter={"a":{"_eq":"$CURRENT_ROLES"}}', 'filter={"_and":[{"a":{"_eq":1}},{"b":{"_eq":2}}]}',
  'filter={"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":{"k":{"_eq":1}}}}}}}}}}}}', 'filter={"a":{"_json":{"x.y":{"_eq":1}}}}', 'filter={"a":{"_json":{"x":{"y":{"_eq":1}}}}}',
  'filter={"a":{"_json":"x"}}', 'meta=*', 'meta=total_count', 'meta=total_count,bad', 'meta=nope', 'search=  hello  ', 'search=   ', 'search[]=x',
  'version=draft', 'version=draft&versionRaw', 'version=draft&versionRaw=true', 'version=draft&versionRaw=false', 'export=csv', 'export=pdf',
  'deep[comments][_limit]=5&deep[comments][_filter][status][_eq]=x', 'deep={"a":{"_sort":["-b"],"c":{"_limit":"2"}}}', 'deep=notjson', 'deep[a][_limit]=abc',
  'alias[n]=title', 'alias[n]=a.b', 'alias[n.x]=title', 'alias={"n":"json(data, a)"}', 'alias=oops', 'backlink=false', 'backlink=0', 'backlink',
  'access_token=abc', 'fields=a.b.c.d.e.f.g.h.i.j.k', 'sort=a.b.c.d.e.f.g.h.i.j.k', 'sort=json(data, a.b)', 'sort=json(data)',
  'meta[a]=1', 'groupBy[a]=1', 'sort[a]=b', 'search=a&search=b', 'version[]=a', 'export[]=csv', 'aggregate=abc', 'aggregate=["x"]',
  'fields[0][a]=1', 'offset[a]=1', 'page[]=2', 'filter[_or]=x', 'filter[a][_in][x]=1', 'deep[_limit]=3', 'alias[]=x', 'backlink[]=false',
  'limit=5&offset=abc', 'limit[]=5', 'limit=5&limit=6', 'filter={"a":{"_between":"1,5"}}', 'filter={"a":{"_eq":12345678901234567890}}',
];

const out = [];
for (const raw of cases) {
  const q = qs.parse(raw, { depth: 10, arrayLimit: 500 });
  try {
    let sanitized = {};
    if (Object.keys(q).length > 0) {
      sanitized = await sanitizeQuery({ fields: q.fields || '*', ...q }, null, accountability);
      validateQuery(sanitized);
    }
    out.push({ query: raw, sanitized });
  } catch (err) {
    out.push({ query: raw, error: err?.name === 'DirectusError' ? { code: err.code, reason: err.extensions?.reason } : { plain: String(err) } });
  }
}
console.log(JSON.stringify(out, null, 1));
process.exit(0);
