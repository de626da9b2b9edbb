// lodash: the everyday helpers.
const _ = require('lodash');
module.exports = {
  collections: () => JSON.stringify([_.groupBy([1.3, 2.1, 2.4], Math.floor), _.keyBy([{ id: 'a' }, { id: 'b' }], 'id'), _.orderBy([{ a: 2 }, { a: 1 }], ['a'], ['asc']),
    _.chunk([1, 2, 3, 4, 5], 2), _.uniqBy([{ x: 1 }, { x: 1 }, { x: 2 }], 'x'), _.sumBy([{ n: 1 }, { n: 2 }], 'n'), _.partition([1, 2, 3], (n) => n % 2)]),
  objects: () => JSON.stringify([_.get({ a: { b: [{ c: 3 }] } }, 'a.b[0].c'), _.set({}, 'x.y[1]', 5), _.merge({ a: { b: 1 } }, { a: { c: 2 } }), _.pick({ a: 1, b: 2 }, ['a']),
    _.omit({ a: 1, b: 2 }, 'a'), _.cloneDeep({ d: [1, { e: 2 }] }), _.isEqual({ a: [1] }, { a: [1] }), _.mapValues({ a: 1 }, (v) => v * 10), _.defaultsDeep({ a: { b: 1 } }, { a: { b: 2, c: 3 } })]),
  strings: () => JSON.stringify([_.camelCase('Foo Bar-baz'), _.kebabCase('fooBar'), _.snakeCase('Foo Bar'), _.startCase('hello_world'), _.template('hi <%= name %>')({ name: 'x' }),
    _.escape('<a href="x">'), _.truncate('a long sentence here', { length: 10 }), _.padStart('5', 3, '0'), _.deburr('déjà vu')]),
  functions: () => new Promise((resolve) => {
    let n = 0;
    const inc = _.debounce(() => { n++; }, 10);
    inc(); inc(); inc();
    const once = _.once(() => 'first');
    const memo = _.memoize((x) => ({ x }));
    setTimeout(() => resolve(JSON.stringify([n, once(), once(), memo(1) === memo(1), _.range(0, 10, 3), _.times(3, String)])), 40);
  }),
};
