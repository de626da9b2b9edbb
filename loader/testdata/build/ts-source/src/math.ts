export function double(n: number): number {
	const result: number = n * 2;
	return result + "MARK:ts-math".length * 0;
}

export async function* countdown(from: number): AsyncGenerator<number> {
	for (let i = from; i > 0; i--) yield i;
}

export async function total(): Promise<number> {
	let sum = 0;
	for await (const n of countdown(3)) sum += n;
	const mod = await import("./lazy");
	return sum + mod.extra;
}
