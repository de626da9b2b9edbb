module.exports = { id: "my-op", handler: ({ text }) => text + "!" };
