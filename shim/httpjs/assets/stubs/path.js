// The two POSIX path functions mime, mime-types and content-disposition use.
'use strict';
function basename(p, ext) {
  p = String(p).replace(/\/+$/, '');
  var base = p.slice(p.lastIndexOf('/') + 1);
  if (ext && base !== ext && base.slice(-ext.length) === ext) base = base.slice(0, -ext.length);
  return base;
}
function extname(p) {
  var base = basename(p);
  var dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot);
}
module.exports = { basename: basename, extname: extname };
