export default (router) => router.get("/", (_req, res) => res.send("source"));
