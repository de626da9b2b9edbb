const config = { ready: true };

await Promise.resolve(config);

export default () => {};
