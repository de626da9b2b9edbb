// @directus/utils: the helpers extensions import from Directus.
const utils = require('@directus/utils');
module.exports = {
  exports: () => Object.keys(utils).sort().join(','),
  helpers: () => JSON.stringify([
    utils.toArray('a,b'), utils.toBoolean('true'), utils.parseJSON('{"a":1}'), utils.isDynamicVariable('$NOW'), utils.getSimpleHash('hello'),
    utils.deepMap({ a: [1, { b: 2 }] }, (v) => (typeof v === 'number' ? v * 2 : v)),
    utils.parseFilter({ user: { _eq: '$CURRENT_USER' }, date: { _lt: '$NOW' } }, { user: 'u1', role: null, roles: [], admin: false, app: false }, {}).user,
    utils.isObject({}), utils.generateJoi ? typeof utils.generateJoi : 'absent',
  ]),
};
