import { double } from "./math";

export { total } from "./math";
import type { Router } from "express";

interface Reply {
	n: number;
}

export default (router: Router): void => {
	router.get("/", (_req, res) => {
		const reply: Reply = { n: double(21) };
		res.json(reply);
	});
};
