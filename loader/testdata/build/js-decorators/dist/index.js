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

class Counter {
	accessor count = 1;
}

export function disposed() {
	const log = [];
	{
		using res = { [Symbol.dispose || Symbol.for("Symbol.dispose")]: () => log.push("disposed") };
		log.push("used");
	}
	return log.join(",");
}

export const count = new Counter().count;
export default () => new Greeter().greet();
