module.exports = function hook({ filter }) {
	filter("items.create", (payload) => payload);
};
module.exports.file = __filename;
