// Records what the real Directus 12.4.1 answers to POST /auth/password/request and
// /auth/password/reset, and the e-mail it sends, for the replay test of shim/authroutes. It runs
// its own SMTP sink on 127.0.0.1:18063; start the peer with the mail settings below:
//
//   PEER_DIR=/tmp/peer-shares PEER_PORT=18062 PEER_ENV_EXTRA="$(printf 'EMAIL_TRANSPORT=smtp\nEMAIL_SMTP_HOST=127.0.0.1\nEMAIL_SMTP_PORT=18063\nEMAIL_SMTP_IGNORE_TLS=true\nEMAIL_FROM=no-reply@example.com\nPASSWORD_RESET_URL_ALLOW_LIST=http://allowed.example.com/reset')" directus-peer restart
//   node record-reset.mjs http://127.0.0.1:18062 /tmp/peer-shares/data/directus.db /tmp/peer-shares/directus > recording-reset.json
//
// Exchanges name their credentials as record-shares.mjs does; "$mail:<n>" in a body is the token
// of the n-th e-mail received. Each e-mail is kept as from, to, subject and the link it carries.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';

const [url, dbFile, directusDir] = process.argv.slice(2);
const argon2 = createRequire(directusDir + '/package.json')('argon2');
const ADMIN = 'admin-static-token';

const mails = [];
const sink = net.createServer((sock) => {
  sock.write('220 sink\r\n');
  let buf = '';
  let inData = false;
  sock.on('data', (d) => {
    buf += d.toString('latin1');
    for (;;) {
      if (inData) {
        const end = buf.indexOf('\r\n.\r\n');
        if (end < 0) return;
        mails.push(buf.slice(0, end));
        buf = buf.slice(end + 5);
        inData = false;
        sock.write('250 ok\r\n');
        continue;
      }
      const i = buf.indexOf('\r\n');
      if (i < 0) return;
      const cmd = buf.slice(0, 4).toUpperCase();
      buf = buf.slice(i + 2);
      if (cmd === 'DATA') { inData = true; sock.write('354 go on\r\n'); }
      else if (cmd === 'QUIT') { sock.write('221 bye\r\n'); sock.end(); }
      else sock.write('250 ok\r\n');
    }
  });
});
await new Promise((r) => sink.listen(18063, '127.0.0.1', r));

async function call(method, path, { bearer, body } = {}) {
  const h = { 'User-Agent': 'dxhost-recorder' };
  if (bearer) h.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const res = await fetch(url + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = text; }
  return { status: res.status, body: json, setCookie: res.headers.getSetCookie() };
}

// Users with SQL (seat limit); the password policy through the API.
const sqlExec = (q) => execFileSync('sqlite3', [dbFile, q], { encoding: 'utf8' });
const quote = (v) => (v === null || v === undefined ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`);
const user = async (email, status = 'active') => {
  const hash = await argon2.hash('pw-' + email.split('@')[0]);
  const id = crypto.randomUUID();
  sqlExec(`DELETE FROM directus_users WHERE email = ${quote(email)}`);
  sqlExec(`INSERT INTO directus_users (id, email, password, status, provider) VALUES (${[id, email, hash, status, 'default'].map(quote).join(', ')})`);
  return id;
};
await user('reset@example.com');
await user('idle@example.com', 'suspended');
const policy = await call('PATCH', '/settings', { bearer: ADMIN, body: { auth_password_policy: '/^.{10,}$/' } });
if (policy.status !== 200) throw new Error('settings: ' + JSON.stringify(policy.body));

const sql = (q) => JSON.parse(execFileSync('sqlite3', ['-json', dbFile, q], { encoding: 'utf8' }) || '[]');
const recording = {
  recordedWith: 'Directus 12.4.1 (directus-peer, SQLite)',
  secret: 'peer-secret-0123456789abcdef0123456789abcdef',
  env: ['PUBLIC_URL=' + url, 'EMAIL_FROM=no-reply@example.com', 'PASSWORD_RESET_URL_ALLOW_LIST=http://allowed.example.com/reset'],
  settings: { auth_password_policy: '/^.{10,}$/' },
  tables: { directus_users: sql("SELECT id, email, password, role, status, token, provider FROM directus_users WHERE email IN ('reset@example.com', 'idle@example.com')") },
  exchanges: [],
  mails: [],
};

const saved = {};
const decodeQP = (s) => s.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
const mailToken = (n) => mails[n].token;
const expand = (v) => {
  if (typeof v !== 'string') return v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x)])) : v;
  const m = v.match(/^\$(refresh|mail|access):(.+)$/);
  if (!m) return v;
  if (m[1] === 'mail') return mailToken(Number(m[2]));
  return saved[m[2]][m[1]];
};
async function x(name, method, path, { bearer, body, save, expectMail } = {}) {
  const before = mails.length;
  const r = await call(method, path, { bearer: bearer && (bearer.startsWith('static:') ? bearer.slice(7) : saved[bearer].access), body: expand(body) });
  // the mail is sent after the answer: wait for it a little
  for (let i = 0; i < 50 && expectMail && mails.length === before; i++) await new Promise((res) => setTimeout(res, 100));
  await new Promise((res) => setTimeout(res, 300));
  const sent = mails.length - before;
  for (let n = before; n < mails.length; n++) {
    const raw = mails[n];
    const header = (k) => raw.match(new RegExp(`^${k}: (.*)$`, 'mi'))?.[1];
    const html = decodeQP(raw);
    const link = html.match(/href="([^"]*token=[^"]*)"/)?.[1].replaceAll('&amp;', '&');
    const token = new URL(link).searchParams.get('token');
    mails[n] = Object.assign(new String(raw), { token });
    recording.mails.push({ from: header('From'), to: header('To'), subject: header('Subject'), link: link.replace(token, '<token>') });
  }
  recording.exchanges.push({ name, method, path, bearer, request: body, save, mailsSent: sent, ...r });
  if (save && r.status === 200) saved[save] = { access: r.body.data.access_token, refresh: r.body.data.refresh_token };
  return r;
}

await x('request no email', 'POST', '/auth/password/request', { body: {} });
await x('request email number', 'POST', '/auth/password/request', { body: { email: 5 } });
await x('request unknown', 'POST', '/auth/password/request', { body: { email: 'nobody@example.com' } });
await x('request suspended', 'POST', '/auth/password/request', { body: { email: 'idle@example.com' } });
await x('request url not allowed', 'POST', '/auth/password/request', { body: { email: 'reset@example.com', reset_url: 'http://evil.example.com/reset' } });
await x('request url allowed', 'POST', '/auth/password/request', { body: { email: 'RESET@example.com', reset_url: 'http://allowed.example.com/reset' }, expectMail: true });
await x('request', 'POST', '/auth/password/request', { body: { email: 'reset@example.com' }, expectMail: true });
await x('login before reset', 'POST', '/auth/login', { body: { email: 'reset@example.com', password: 'pw-reset' }, save: 'before' });
await x('reset no token', 'POST', '/auth/password/reset', { body: {} });
await x('reset no password', 'POST', '/auth/password/reset', { body: { token: '$mail:1' } });
await x('reset garbage token', 'POST', '/auth/password/reset', { body: { token: 'garbage', password: 'long-enough-password' } });
await x('reset with an access token', 'POST', '/auth/password/reset', { body: { token: '$access:before', password: 'long-enough-password' } });
await x('reset weak password', 'POST', '/auth/password/reset', { body: { token: '$mail:1', password: 'short' } });
await x('reset', 'POST', '/auth/password/reset', { body: { token: '$mail:1', password: 'long-enough-password' } });
await x('reset token used again', 'POST', '/auth/password/reset', { body: { token: '$mail:1', password: 'another-long-password' } });
await x('reset older token', 'POST', '/auth/password/reset', { body: { token: '$mail:0', password: 'another-long-password' } });
await x('refresh after reset', 'POST', '/auth/refresh', { body: { refresh_token: '$refresh:before' } });
await x('login old password', 'POST', '/auth/login', { body: { email: 'reset@example.com', password: 'pw-reset' } });
await x('login new password', 'POST', '/auth/login', { body: { email: 'reset@example.com', password: 'long-enough-password' } });

await call('PATCH', '/settings', { bearer: ADMIN, body: { auth_password_policy: null } });
sink.close();
console.log(JSON.stringify(recording, null, 1));
