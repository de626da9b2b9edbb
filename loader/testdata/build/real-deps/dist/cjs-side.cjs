const colorette = require("colorette");

module.exports = { createColors: typeof colorette.createColors, red: colorette.createColors({ useColor: false }).red("r") };
