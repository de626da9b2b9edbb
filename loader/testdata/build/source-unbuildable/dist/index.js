module.exports = () => ({ built: true });
