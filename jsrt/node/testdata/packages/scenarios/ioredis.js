// ioredis against the local Redis (127.0.0.1:6379); keys live under a per-run prefix and are removed.
const Redis = require('ioredis');
const prefix = `dxhost-test:${process.pid}:${Date.now()}:`;

async function withClient(fn) {
  const redis = new Redis({ host: '127.0.0.1', port: 6379, keyPrefix: prefix, lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    return await fn(redis);
  } finally {
    const keys = await redis.keys(prefix + '*');
    if (keys.length) await redis.del(...keys.map((k) => k.slice(prefix.length)));
    redis.disconnect();
  }
}

module.exports = {
  commands: () => withClient(async (r) => {
    await r.set('a', 'hello');
    await r.set('n', 10);
    await r.incrby('n', 5);
    await r.hset('h', { f1: 'v1', f2: 'v2' });
    await r.rpush('l', 'x', 'y', 'z');
    await r.expire('a', 100);
    return JSON.stringify([await r.get('a'), await r.get('n'), await r.hgetall('h'), await r.lrange('l', 0, -1), (await r.ttl('a')) > 0, await r.get('missing'), await r.exists('a', 'missing')]);
  }),
  pipeline: () => withClient(async (r) => {
    const res = await r.pipeline().set('p1', '1').set('p2', '2').mget('p1', 'p2').exec();
    const multi = await r.multi().incr('c').incr('c').exec();
    return JSON.stringify([res, multi]);
  }),
  buffers: () => withClient(async (r) => {
    await r.set('bin', Buffer.from([0, 255, 1, 254]));
    const b = await r.getBuffer('bin');
    return [Buffer.isBuffer(b), b.toString('hex')].join(',');
  }),
  errors: () => withClient(async (r) => {
    await r.set('s', 'str');
    try { await r.lpush('s', 'x'); } catch (e) { return [e.name, e.message].join(': '); }
    return 'no error';
  }),
  pubsub: async () => {
    const sub = new Redis({ host: '127.0.0.1', port: 6379 });
    const pub = new Redis({ host: '127.0.0.1', port: 6379 });
    const channel = prefix + 'chan';
    const got = new Promise((resolve) => sub.on('message', (ch, msg) => resolve([ch === channel, msg].join(','))));
    await sub.subscribe(channel);
    await pub.publish(channel, 'ping!');
    const result = await got;
    sub.disconnect();
    pub.disconnect();
    return result;
  },
};
