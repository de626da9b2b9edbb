module.exports = function hook() {};
module.exports.origin = "dist";
