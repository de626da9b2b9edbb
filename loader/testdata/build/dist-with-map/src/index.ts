type Register = { action: (event: string, fn: () => void) => void };

const label: string = "MARK:dist-with-map";

export default ({ action }: Register): void => {
	action("items.create", () => {
		throw new Error(label);
	});
};
