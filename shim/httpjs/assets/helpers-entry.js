// Entry of the embedded helper bundle: the very npm packages Express 4.22.3 uses for request/response
// details, so req/res behave as Express does without us re-implementing them. Getters keep each package
// unevaluated until first use (esbuild's CommonJS wrappers are lazy).
module.exports = {
  get qs() { return require('qs'); },
  get cookie() { return require('cookie'); },
  get accepts() { return require('accepts'); },
  get typeis() { return require('type-is'); },
  get vary() { return require('vary'); },
  get contentDisposition() { return require('content-disposition'); },
  get mime() { return require('mime'); },
  get statuses() { return require('statuses'); },
  get escapeHtml() { return require('escape-html'); },
  get encodeUrl() { return require('encodeurl'); },
  get rangeParser() { return require('range-parser'); },
};
