// busboy parsing a multipart upload (the body a browser would send).
const busboy = require('busboy');
const { Readable } = require('stream');
module.exports = {
  multipart: () => new Promise((resolve, reject) => {
    const boundary = '----dxhost';
    const body = [`--${boundary}`, 'Content-Disposition: form-data; name="title"', '', 'Hello', `--${boundary}`,
      'Content-Disposition: form-data; name="upload"; filename="a.txt"', 'Content-Type: text/plain', '', 'file body\nline 2', `--${boundary}--`, ''].join('\r\n');
    const bb = busboy({ headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    const seen = [];
    bb.on('field', (name, value, info) => seen.push(`field ${name}=${value} ${info.mimeType}`));
    bb.on('file', (name, stream, info) => {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => seen.push(`file ${name} ${info.filename} ${info.mimeType} ${JSON.stringify(Buffer.concat(chunks).toString())}`));
    });
    bb.on('close', () => resolve(seen.join(' | ')));
    bb.on('error', reject);
    Readable.from([Buffer.from(body.slice(0, 50)), Buffer.from(body.slice(50))]).pipe(bb);
  }),
};
