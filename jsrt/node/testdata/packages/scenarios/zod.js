// zod: schemas, parsing, errors, transforms, as extensions validate payloads.
const { z } = require('zod');
const User = z.object({
  name: z.string().min(2),
  email: z.string().email(),
  age: z.number().int().positive().optional(),
  tags: z.array(z.string()).default([]),
  role: z.enum(['admin', 'user']),
});
module.exports = {
  valid: () => JSON.stringify(User.parse({ name: 'Ann', email: 'ann@example.com', role: 'admin' })),
  invalid: () => {
    const r = User.safeParse({ name: 'A', email: 'nope', age: -1.5, role: 'root' });
    return JSON.stringify(r.error.issues) + '\n' + r.error.message.length;
  },
  transforms: () => {
    const s = z.string().transform((v) => v.split(',')).pipe(z.array(z.coerce.number()));
    const u = z.union([z.literal('a'), z.number()]);
    const d = z.discriminatedUnion('kind', [z.object({ kind: z.literal('x'), x: z.number() }), z.object({ kind: z.literal('y'), y: z.string() })]);
    return JSON.stringify([s.parse('1,2,3'), u.safeParse('b').success, d.parse({ kind: 'y', y: 'ok' }), z.coerce.date().parse('2024-01-02T00:00:00Z').toISOString(),
      z.string().regex(/^[a-z]+$/).safeParse('ABC').error.issues[0].message, z.record(z.number()).parse({ a: 1 })]);
  },
  async: async () => {
    const s = z.string().refine(async (v) => v === 'ok', { message: 'not ok' });
    return JSON.stringify([await s.safeParseAsync('ok'), (await s.safeParseAsync('bad')).error.issues[0].message]);
  },
};
