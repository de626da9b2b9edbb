// A TypeScript source: the types below vanish in the bundle, moving every line.
interface Greeting {
	name: string;
	punctuation?: string;
}

type Shout = (g: Greeting) => string;

export const shout: Shout = (g) => {
	const text = `${g.name}${g.punctuation ?? "!"}`;
	if (g.name === "boom") {
		throw new Error("kaboom from " + text);
	}
	return text.toUpperCase();
};

export async function later(g: Greeting): Promise<string> {
	await null;
	return shout(g);
}

export function rejectLater(): void {
	Promise.reject(new Error("nobody handles this"));
}
