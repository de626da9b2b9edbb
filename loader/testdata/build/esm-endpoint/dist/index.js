import { createHash } from "node:crypto";
import { defineEndpoint } from "@directus/extensions-sdk";
import { version } from "directus/version";
import shout from "tiny-dep";

export default defineEndpoint({
	id: "custom-id",
	handler: (router) => {
		router.get("/", (_req, res) => res.json({ v: version, s: shout("hi"), h: typeof createHash }));
	},
});
