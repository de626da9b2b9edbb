// Records the listener order of eventemitter2@6.4.9 (the library Directus's Emitter wraps) with the options Directus uses.
// Run: npm install eventemitter2@6.4.9 && node record-order.js > eventemitter2-order.jsonl
const {EventEmitter2} = require('eventemitter2');
const mk = () => new EventEmitter2({wildcard:true, delimiter:'.', ignoreErrors:true, verboseMemoryLeak:true});
function order(subs, ev){ const e = mk(); const out=[]; for (const s of subs) e.on(s, ()=>out.push(s)); e.emit(ev); return out; }
const cases = [
 [['**','*.create','items.*','items.create','a.b'], 'items.create'],
 [['*.create','**','items.*','items.create'], 'items.create'],
 [['items.**','**.create','items.*.x','*.*'], 'items.create'],
 [['**'], 'items'], [['items.**'], 'items'], [['items.**'], 'items.a.b'], [['**.create'], 'create'],
 [['*'], 'a.b'], [['a.*'], 'a'], [['*.items.create'], 'articles.items.create'], [['*.create'], 'articles.items.create'],
 [['a.**.c'], 'a.c'], [['a.**.c'], 'a.b.b.c'], [['**.b.**'], 'b'],
 [['items.create','**','items.create'], 'items.create'],
 [['b.*', 'a.*', 'a.b', '*.b'], 'a.b'],
 [['*.b', 'a.*'], 'a.b'],
 [['x.y','*.*','x.*','*.y'], 'x.y'],
];
for (const [s,ev] of cases) console.log(JSON.stringify({subs:s, event:ev, order:order(s,ev)}));
// listenerCount with wildcard
