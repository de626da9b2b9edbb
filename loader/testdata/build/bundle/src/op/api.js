export default { id: "bun-op", handler: () => "source" };
