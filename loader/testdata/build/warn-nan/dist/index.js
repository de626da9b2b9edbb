export default (x) => {
	return x === NaN;
};
