const ep = (router) => router.get("/", (_req, res) => res.send("dist"));
const hook = () => {};
const op = { id: "bun-op", handler: () => "dist" };
export const hooks = [{ name: "bun-hook", config: hook }];
export const endpoints = [{ name: "bun-ep", config: ep }];
export const operations = [{ name: "bun-op", config: op }];
