// Records the Content-Security-Policy header Directus 12.4.1 builds: helmet 8 with Directus's directives
// lodash-merged with getConfigFromEnv("CONTENT_SECURITY_POLICY_") — here given as the already-cast env
// values of each case. Run with DIRECTUS=<node_modules of a Directus install>: node record-csp.mjs > csp.json
const base = process.env.DIRECTUS.replace(/\/?$/, '/');
const helmet = (await import(base + 'helmet/index.mjs')).default;
const { merge } = await import(base + 'lodash-es/lodash.js');
const cases = [
  { env: {}, directives: {} },
  { env: { CONTENT_SECURITY_POLICY_DIRECTIVES__SCRIPT_SRC: "'self'" }, directives: { scriptSrc: "'self'" } },
  { env: { CONTENT_SECURITY_POLICY_DIRECTIVES__SCRIPT_SRC: "array:'none'" }, directives: { scriptSrc: ["'none'"] } },
  { env: { CONTENT_SECURITY_POLICY_DIRECTIVES__DEFAULT_SRC: "'none'" }, directives: { defaultSrc: "'none'" } },
  { env: { CONTENT_SECURITY_POLICY_DIRECTIVES__FRAME_ANCESTORS: 'https://a.com,https://b.com' }, directives: { frameAncestors: ['https://a.com', 'https://b.com'] } },
  { env: { CONTENT_SECURITY_POLICY_DIRECTIVES__REPORT_URI: '/csp' }, directives: { reportUri: '/csp' } },
  { env: { CONTENT_SECURITY_POLICY_DIRECTIVES__OBJECT_SRC: 'null' }, directives: { objectSrc: null } },
];
const out = [];
for (const c of cases) {
  const options = merge({ useDefaults: true, directives: {
    scriptSrc: ["'self'", "'unsafe-eval'"], upgradeInsecureRequests: null, workerSrc: ["'self'", 'blob:'], childSrc: ["'self'", 'blob:'],
    imgSrc: ["'self'", 'data:', 'blob:', 'https://raw.githubusercontent.com', 'https://avatars.githubusercontent.com'],
    mediaSrc: ["'self'"], connectSrc: ["'self'", 'https://*', 'wss://*'],
  } }, { directives: c.directives });
  const headers = {};
  helmet.contentSecurityPolicy(options)({}, { setHeader: (k, v) => (headers[k] = v) }, () => {});
  out.push({ env: c.env, csp: headers['Content-Security-Policy'] });
}
console.log(JSON.stringify(out, null, 1));
