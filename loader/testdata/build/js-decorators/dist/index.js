function logged(value, { kind }) {
	if (kind === "method") {
		return function (...args) {
			return "logged:" + value.call(this, ...args);
		};
	}
}

class Greeter {
	@logged
	greet() {
		return "hi";
	}
}

export default () => new Greeter().greet();
