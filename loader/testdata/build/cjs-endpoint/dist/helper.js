exports.greet = function greet(name) {
	return "hello " + name + "MARK:cjs-helper".slice(0, 0);
};
