// readline over streams (how extensions read CSV/NDJSON line by line).
const readline = require('readline');
const { Readable, PassThrough } = require('stream');
module.exports = {
  lines: () => new Promise((resolve) => {
    const rl = readline.createInterface({ input: Readable.from(['first li', 'ne\nsecond\r\nthird\rfourth\n\nlast']), crlfDelay: Infinity });
    const got = [];
    rl.on('line', (l) => got.push(l));
    rl.on('close', () => resolve(JSON.stringify(got)));
  }),
  asyncIterator: async () => {
    const rl = readline.createInterface({ input: Readable.from([Buffer.from('a,1\nb,'), Buffer.from('2\n€,3\n')]) });
    const rows = [];
    for await (const line of rl) rows.push(line.split(','));
    return JSON.stringify(rows);
  },
  question: () => new Promise((resolve) => {
    const input = new PassThrough();
    let asked = '';
    const output = { write: (s) => { asked += s; } };
    const rl = readline.createInterface({ input, output });
    rl.question('Name? ', (answer) => { rl.close(); resolve(asked + '|' + answer); });
    input.write('Ann\n');
  }),
  promises: async () => {
    const input = new PassThrough();
    const rl = require('readline/promises').createInterface({ input, output: { write() {} } });
    const p = rl.question('q');
    input.write('yes\n');
    const a = await p;
    rl.close();
    return a;
  },
};
