module.exports = { fromIndex: true };
