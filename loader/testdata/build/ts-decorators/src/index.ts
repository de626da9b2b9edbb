function tag(target: any, key: string): void {
	target.tagged = (target.tagged || []).concat(key);
}

class Service {
	@tag
	run(): string {
		return import.meta.url;
	}
}

export const tagged: string[] = (Service.prototype as any).tagged;
export default () => new Service().run();
