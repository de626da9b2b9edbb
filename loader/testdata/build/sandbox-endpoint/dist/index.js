import { log } from "directus:api";

export default (router) => {
	router.get("/", () => {
		log("hello");
		return { status: 200, body: "ok" };
	});
};
