// Records qs.parse(str, { depth: 10, arrayLimit: 500 }) — Directus's query parser — for qs_test.go.
// Run with qs 6.16 resolvable: node record-qs.cjs > qs.json
const qs = require('qs');
const cases = [
  'a=1', 'x[y]=1&z=a&z=b', 'a[]=1&a[]=2', 'a[1]=b&a[0]=c', 'a[0][b]=1&a[0][c]=2', 'a=1&a[b]=2',
  'a[b]=2&a=1', 'a[501]=x', 'a[2]=x', 'fields=a,b&limit=5', 'filter[status][_eq]=published',
  'filter={"a":{"_eq":1}}', 'q=a+b%20c', 'bad=%E0%A4%A', 'flag', '=novalue', 'a&b=', '[x]=1',
  'a[b][c][d][e][f][g][h][i][j][k][l][m]=deep', 'a[b]c=1', '__proto__[x]=1', 'toString=1', 'a[toString]=1',
  'deep[comments][_limit]=5&deep[comments][_filter][status][_eq]=x', 'aggregate[count]=*&groupBy=status',
  'a[]=x&a[b]=y', 'a[b]=y&a[]=x', 'z=1&a=2&10=x&2=y', 'a[10]=x&a[2]=y', 'meta=*', 'k=%2B', 'sort=-date,title',
];
const out = cases.map((q) => ({ q, parsed: qs.parse(q, { depth: 10, arrayLimit: 500 }) }));
console.log(JSON.stringify(out, null, 1));
