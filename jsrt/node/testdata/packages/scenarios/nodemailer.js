// nodemailer over SMTP to the loopback sink (DXHOST_TEST_SMTP).
const nodemailer = require('nodemailer');
const [host, port] = process.env.DXHOST_TEST_SMTP.split(':');

module.exports = {
  send: async () => {
    const transporter = nodemailer.createTransport({ host, port: Number(port), secure: false, ignoreTLS: true, auth: { user: 'u', pass: 'p' } });
    const info = await transporter.sendMail({
      from: '"Directus" <noreply@example.test>',
      to: ['ann@example.test', 'reject-me@example.test'],
      subject: 'Hello ✓',
      text: 'Plain body',
      html: '<b>HTML body</b>',
      attachments: [{ filename: 'a.txt', content: 'attached' }],
    });
    transporter.close();
    return JSON.stringify([info.accepted, info.rejected, info.response, info.envelope, /^<[^@]+@example\.test>$/.test(info.messageId)]);
  },
  verify: async () => {
    const transporter = nodemailer.createTransport({ host, port: Number(port), secure: false, ignoreTLS: true });
    const ok = await transporter.verify();
    transporter.close();
    return String(ok);
  },
  refused: async () => {
    const transporter = nodemailer.createTransport({ host: '127.0.0.1', port: 2, secure: false, connectionTimeout: 2000 });
    try { await transporter.sendMail({ from: 'a@example.test', to: 'b@example.test', text: 'x' }); } catch (e) { return [e.code, e.command].join(' '); }
    return 'sent?';
  },
};
