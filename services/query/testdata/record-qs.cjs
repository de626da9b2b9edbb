// Records qs.parse(str, { depth, arrayLimit }) — Directus's query parser — for qs_test.go: the defaults
// (10, 500) and small limits (2, 3) that show depth and array-limit overflow.
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
const small = [
  'fields[]=a&fields[]=b&fields[]=c&fields[]=d', 'a=1&a=2&a=3&a=4&a=5', 'a[]=1&a[]=2&a[]=3', 'a[2]=x', 'a[3]=x', 'a[5]=x&a[6]=y',
  'a[5]=x&a=y', 'a=y&a[5]=x', 'a[]=1&a[]=2&a[]=3&a[]=4&a[b]=c', 'a[0]=1&a[1]=2&a[2]=3&a[3]=4', 'x[a][b][c][d]=1',
  'a=1&a=2&a=3&a=4&a[]=5', 'a[]=1&a=2&a=3&a=4&a=5',
];
const out = cases.map((q) => ({ q, depth: 10, arrayLimit: 500, parsed: qs.parse(q, { depth: 10, arrayLimit: 500 }) }))
  .concat(small.map((q) => ({ q, depth: 2, arrayLimit: 3, parsed: qs.parse(q, { depth: 2, arrayLimit: 3 }) })));
console.log(JSON.stringify(out, null, 1));
