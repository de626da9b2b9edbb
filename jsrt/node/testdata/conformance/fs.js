// fs conformance in a fresh temporary folder (its path is replaced by <tmp> in the answers).
const fs = require('fs');
const fsp = require('fs/promises');
const path = require('path');

let tmp;
const fresh = () => { tmp = fs.mkdtempSync('/tmp/dxfs-'); return tmp; };
const clean = (s) => String(s).split(tmp).join('<tmp>');
const errText = (e) => clean(`${e.code} ${e.errno} ${e.syscall} ${e.message}`);

module.exports = {
  syncRoundTrip: () => {
    const d = fresh();
    const f = path.join(d, 'a.txt');
    fs.writeFileSync(f, 'héllo');
    fs.appendFileSync(f, ' world');
    const st = fs.statSync(f);
    const out = [fs.readFileSync(f, 'utf8'), fs.readFileSync(f).length, st.size, st.isFile(), st.isDirectory(), st.mtime instanceof Date, fs.existsSync(f), fs.existsSync(f + 'x')];
    fs.rmSync(d, { recursive: true });
    return out.join(',');
  },
  dirs: () => {
    const d = fresh();
    const made = fs.mkdirSync(path.join(d, 'x/y/z'), { recursive: true });
    fs.writeFileSync(path.join(d, 'x/f1'), '1');
    fs.writeFileSync(path.join(d, 'x/y/f2'), '2');
    const names = fs.readdirSync(path.join(d, 'x')).sort();
    const typed = fs.readdirSync(path.join(d, 'x'), { withFileTypes: true }).map((e) => `${e.name}:${e.isDirectory()}`).sort();
    const rec = fs.readdirSync(path.join(d, 'x'), { recursive: true }).sort();
    fs.renameSync(path.join(d, 'x/f1'), path.join(d, 'x/f1b'));
    fs.copyFileSync(path.join(d, 'x/f1b'), path.join(d, 'x/f1c'));
    fs.unlinkSync(path.join(d, 'x/f1b'));
    const after = fs.readdirSync(path.join(d, 'x')).sort();
    fs.rmSync(d, { recursive: true, force: true });
    return clean([made, names, typed, rec, after, fs.existsSync(d)].join(' | '));
  },
  errors: () => {
    const d = fresh();
    const out = [];
    const tryIt = (fn) => { try { fn(); out.push('ok'); } catch (e) { out.push(errText(e)); } };
    tryIt(() => fs.readFileSync(path.join(d, 'missing')));
    tryIt(() => fs.mkdirSync(d));
    tryIt(() => fs.readdirSync(path.join(d, 'nope')));
    tryIt(() => fs.rmdirSync(path.join(d, 'nope')));
    tryIt(() => fs.renameSync(path.join(d, 'a'), path.join(d, 'b')));
    tryIt(() => fs.copyFileSync(path.join(d, 'a'), path.join(d, 'b')));
    fs.writeFileSync(path.join(d, 'f'), '');
    tryIt(() => fs.copyFileSync(path.join(d, 'f'), path.join(d, 'f'), fs.constants.COPYFILE_EXCL));
    tryIt(() => fs.readdirSync(path.join(d, 'f')));
    tryIt(() => fs.rmSync(path.join(d, 'gone')));
    tryIt(() => fs.rmSync(path.join(d, 'gone'), { force: true }));
    fs.mkdirSync(path.join(d, 'sub'));
    fs.writeFileSync(path.join(d, 'sub', 'x'), '');
    tryIt(() => fs.rmdirSync(path.join(d, 'sub')));
    tryIt(() => fs.rmSync(path.join(d, 'sub')));
    tryIt(() => fs.openSync(path.join(d, 'f'), 'wx'));
    fs.rmSync(d, { recursive: true });
    return out.join('\n');
  },
  callbacks: () => new Promise((resolve) => {
    const d = fresh();
    const f = path.join(d, 'cb.txt');
    fs.writeFile(f, Buffer.from('data'), (err) => {
      fs.readFile(f, 'utf8', (err2, text) => {
        fs.stat(f, (err3, st) => {
          fs.readFile(path.join(d, 'nope'), (err4) => {
            fs.rm(d, { recursive: true }, () => resolve(clean([err, err2, text, err3, st.size, err4.code, err4.syscall].join(','))));
          });
        });
      });
    });
  }),
  promises: async () => {
    const d = fresh();
    const f = path.join(d, 'p.json');
    await fsp.writeFile(f, JSON.stringify({ a: 1 }));
    const parsed = JSON.parse(await fsp.readFile(f, { encoding: 'utf8' }));
    await fsp.mkdir(path.join(d, 'deep/er'), { recursive: true });
    const list = (await fsp.readdir(d)).sort();
    let err;
    try { await fsp.access(path.join(d, 'none')); } catch (e) { err = errText(e); }
    await fsp.access(f, fs.constants.R_OK);
    const st = await fsp.stat(f);
    await fsp.rm(d, { recursive: true });
    return [parsed.a, list, err, st.size, typeof fsp.open, fs.promises === fsp].join(' | ');
  },
  fileHandle: async () => {
    const d = fresh();
    const f = path.join(d, 'h.bin');
    const h = await fsp.open(f, 'w+');
    await h.write(Buffer.from('0123456789'));
    const buf = Buffer.alloc(4);
    const r = await h.read(buf, 0, 4, 3);
    const st = await h.stat();
    await h.close();
    const again = await fsp.readFile(f, 'latin1');
    await fsp.rm(d, { recursive: true });
    return [r.bytesRead, buf.toString(), st.size, again].join(',');
  },
  fds: () => {
    const d = fresh();
    const f = path.join(d, 'fd.txt');
    const fd = fs.openSync(f, 'w');
    fs.writeSync(fd, 'hello ');
    fs.writeSync(fd, Buffer.from('there'));
    fs.closeSync(fd);
    const rfd = fs.openSync(f, 'r');
    const buf = Buffer.alloc(5);
    const n = fs.readSync(rfd, buf, 0, 5, 6);
    const rest = fs.readFileSync(rfd, 'utf8');
    fs.closeSync(rfd);
    fs.rmSync(d, { recursive: true });
    return [n, buf.toString(), rest].join(',');
  },
  streams: () => new Promise((resolve, reject) => {
    const d = fresh();
    const src = path.join(d, 'src.txt');
    const dst = path.join(d, 'dst.txt');
    fs.writeFileSync(src, 'line\n'.repeat(20000));
    const events = [];
    const r = fs.createReadStream(src, { highWaterMark: 1024 });
    const w = fs.createWriteStream(dst);
    r.on('open', () => events.push('r-open'));
    w.on('finish', () => {
      const copied = fs.readFileSync(dst, 'utf8');
      const part = [];
      fs.createReadStream(src, { start: 5, end: 13, encoding: 'utf8' })
        .on('data', (c) => part.push(c))
        .on('end', () => {
          fs.rmSync(d, { recursive: true });
          resolve([events.join(' '), copied.length, w.bytesWritten, r.bytesRead, JSON.stringify(part.join(''))].join(','));
        });
    });
    r.on('error', reject);
    r.pipe(w);
  }),
  streamError: () => new Promise((resolve) => {
    fresh();
    fs.createReadStream(path.join(tmp, 'missing')).on('error', (e) => { fs.rmSync(tmp, { recursive: true }); resolve(errText(e)); });
  }),
  cp: async () => {
    const d = fresh();
    fs.mkdirSync(path.join(d, 'src/sub'), { recursive: true });
    fs.writeFileSync(path.join(d, 'src/a.txt'), 'A');
    fs.writeFileSync(path.join(d, 'src/sub/b.txt'), 'B');
    const out = [];
    try { fs.cpSync(path.join(d, 'src'), path.join(d, 'dst')); } catch (e) { out.push(clean(e.code + ' ' + e.message)); }
    fs.cpSync(path.join(d, 'src'), path.join(d, 'dst'), { recursive: true });
    out.push(fs.readdirSync(path.join(d, 'dst'), { recursive: true }).sort().join(','));
    await fsp.cp(path.join(d, 'src/a.txt'), path.join(d, 'one.txt'));
    out.push(fs.readFileSync(path.join(d, 'one.txt'), 'utf8'));
    try { fs.cpSync(path.join(d, 'src/a.txt'), path.join(d, 'one.txt'), { force: false, errorOnExist: true }); } catch (e) { out.push(clean(e.code + ' ' + e.message)); }
    try { fs.cpSync(path.join(d, 'src'), path.join(d, 'src/sub/inner'), { recursive: true }); } catch (e) { out.push(clean(e.code)); }
    fs.rmSync(d, { recursive: true });
    return out.join(' | ');
  },
  statKeys: () => {
    const d = fresh();
    const keys = Object.keys(fs.statSync(d)).join(',');
    const dirent = Object.keys(fs.readdirSync('/', { withFileTypes: true })[0]).join(',');
    fs.rmSync(d, { recursive: true });
    return keys + ' | ' + dirent;
  },
  fileURL: () => {
    const d = fresh();
    fs.writeFileSync(new URL('file://' + d + '/u.txt'), 'via url');
    const t = fs.readFileSync(new URL('file://' + d + '/u.txt'), 'utf8');
    fs.rmSync(d, { recursive: true });
    return t;
  },
};
module.exports.watch = () => new Promise((resolve, reject) => {
  const d = fs.mkdtempSync('/tmp/dxfs-');
  const seen = new Set();
  const w = fs.watch(d, (eventType, filename) => {
    seen.add(`${eventType}:${filename}`);
    if (seen.has('rename:new.txt')) {
      w.close();
      w.on('close', () => { fs.rmSync(d, { recursive: true }); resolve([seen.has('rename:new.txt'), typeof w.close, typeof fs.watchFile].join(',')); });
    }
  });
  w.on('error', reject);
  setTimeout(() => fs.writeFileSync(path.join(d, 'new.txt'), 'x'), 20);
});
