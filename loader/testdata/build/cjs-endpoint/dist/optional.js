// Optional dependencies are probed inside try/catch; Node tolerates their absence, so must we.
let native = null;
try {
	native = require("optional-native-addon");
} catch {
	native = null;
}
module.exports = native;
