// Everyday helpers extensions import: ids, dates, CSV, XML, YAML, Markdown, HTML sanitising, slugs,
// bcrypt, query strings, multipart bodies.
const { v4: uuidv4, v5: uuidv5, validate } = require('uuid');
const dayjs = require('dayjs');
const utc = require('dayjs/plugin/utc');
const Papa = require('papaparse');
const xml2js = require('xml2js');
const FormData = require('form-data');
const { parse: parseCsv } = require('csv-parse/sync');
const yaml = require('js-yaml');
const { marked } = require('marked');
const sanitizeHtml = require('sanitize-html');
const slugify = require('slugify');
const bcrypt = require('bcryptjs');
const qs = require('qs');
dayjs.extend(utc);

module.exports = {
  uuid: () => [validate(uuidv4()), uuidv5('hello', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')].join(','),
  dayjs: () => [dayjs.utc('2024-02-27T13:45:00Z').add(3, 'day').format('YYYY-MM-DD HH:mm'), dayjs.utc('2024-01-31').endOf('month').toISOString()].join(' | '),
  csv: () => JSON.stringify([Papa.parse('a,b\n1,"x, y"\n2,z', { header: true }).data, parseCsv('q,r\n3,4', { columns: true }), Papa.unparse([{ a: 1, b: 'c,d' }])]),
  xml: async () => {
    const obj = await xml2js.parseStringPromise('<root a="1"><item>x</item><item>y</item></root>');
    return JSON.stringify(obj) + ' ' + new xml2js.Builder({ headless: true }).buildObject({ r: { v: 'é' } });
  },
  yaml: () => JSON.stringify(yaml.load('a: 1\nlist:\n  - x\n  - y\nnested: {k: v}')) + ' ' + JSON.stringify(yaml.dump({ b: [1, 2], c: 'text' })),
  markdown: () => marked.parse('# Title\n\nSome *em* and `code`.\n\n- one\n- two'),
  sanitize: () => sanitizeHtml('<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x" target="_blank">link</a><b>bold</b></p>'),
  slugify: () => slugify('Héllo Wörld & Friends!', { lower: true, strict: true }),
  bcrypt: () => {
    // Cost 4 with a fixed salt: bcryptjs is pure JavaScript, and goja runs it far slower than V8
    // (cost 10 takes tens of seconds); crypto.scrypt/pbkdf2 are the Go-backed alternatives.
    const hash = '$2a$04$abcdefghijklmnopqrstuughE8Ev8uGFaUgY2cNEySvxngrb/Jzdm'; // Node's hashSync('password', that salt)
    return [bcrypt.compareSync('password', hash), bcrypt.getRounds(hash), bcrypt.getSalt(hash)].join(',');
  },
  qs: () => JSON.stringify([qs.parse('a[b][c]=1&list[]=x&list[]=y&filter[status][_eq]=published'), qs.stringify({ a: { b: [1, 2] } }, { encode: false })]),
  formData: () => new Promise((resolve, reject) => {
    const fd = new FormData();
    fd.append('field', 'value');
    fd.append('file', Buffer.from('contents'), { filename: 'a.txt', contentType: 'text/plain' });
    const chunks = [];
    fd.on('data', (c) => chunks.push(Buffer.from(c)));
    fd.on('end', () => resolve(Buffer.concat(chunks).toString().split(fd.getBoundary()).join('<b>') + ' ' + fd.getLengthSync()));
    fd.on('error', reject);
    fd.resume();
  }),
};
