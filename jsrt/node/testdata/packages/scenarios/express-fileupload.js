// express-fileupload as middleware over a multipart request stream (an IncomingMessage-like Readable).
const fileUpload = require('express-fileupload');
const { Readable } = require('stream');

function request(body, boundary) {
  const req = Readable.from([Buffer.from(body)]);
  req.method = 'POST';
  req.headers = { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(Buffer.byteLength(body)) };
  return req;
}

module.exports = {
  upload: () => new Promise((resolve, reject) => {
    const boundary = 'XyZ';
    const body = [`--${boundary}`, 'Content-Disposition: form-data; name="note"', '', 'hi there', `--${boundary}`,
      'Content-Disposition: form-data; name="doc"; filename="report.csv"', 'Content-Type: text/csv', '', 'a,b\n1,2', `--${boundary}--`, ''].join('\r\n');
    const req = request(body, boundary);
    fileUpload({ limits: { fileSize: 1024 } })(req, {}, (err) => {
      if (err) return reject(err);
      const f = req.files.doc;
      resolve(JSON.stringify([req.body, f.name, f.mimetype, f.size, f.data.toString(), f.md5, f.truncated, f.encoding]));
    });
  }),
};
