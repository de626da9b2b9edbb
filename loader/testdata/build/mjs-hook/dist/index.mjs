export default ({ action }) => {
	action("items.create", () => {});
};
export const url = import.meta.url;
export const dir = import.meta.dirname;
export const meta = import.meta;
