// Probes an @directus/errors implementation E: every class constructed with representative extensions
// (and without), createError, isDirectusError, ErrorCode. Returns a JSON string. Shared by the Node
// recorder (record-errors.mjs, real @directus/errors@2.5.2) and errors_module_test.go (dxhost's module).
(function (E) {
	var soon = function (ms) { return new Date(Date.now() + ms); };
	var cases = [
		['AddonNotAvailableError'], ['AddonNotFoundError'], ['AddonQuantityOutOfRangeError'],
		['CollectionInactiveError', { collection: 'articles' }], ['CollectionInactiveError'],
		['ContainsNullValuesError', { collection: 'articles', field: 'title' }], ['ContainsNullValuesError'],
		['ContentTooLargeError'],
		['EmailLimitExceededError', {}], ['EmailLimitExceededError', { points: 1, duration: 60 }], ['EmailLimitExceededError', { points: 5, duration: 90, message: 'Try later.' }],
		['EmailLimitExceededError', { points: 2, duration: 7200 }], ['EmailLimitExceededError', { points: 2, duration: 0.5 }], ['EmailLimitExceededError'],
		['ForbiddenError'], ['ForbiddenError', { reason: 'Nope' }], ['ForbiddenError', 'str'],
		['HitRateLimitError', { limit: 50, reset: soon(3 * 86400000 + 1000) }], ['HitRateLimitError', { limit: 50, reset: soon(7200000 + 1000) }], ['HitRateLimitError'],
		['IllegalAssetTransformationError'], ['IllegalAssetTransformationError', { invalidTransformations: ['blur'] }],
		['ImportCyclicalRelationError', { collections: ['a', 'b'], relations: [] }], ['ImportCyclicalRelationError'],
		['InternalServerError'], ['InvalidCredentialsError'],
		['InvalidForeignKeyError', { collection: 'a', field: 'b', value: 3 }], ['InvalidForeignKeyError', { value: 0, constraint: 'fk_x' }],
		['InvalidForeignKeyError', { constraint: 'fk_x', field: 'f' }], ['InvalidForeignKeyError', {}], ['InvalidForeignKeyError'],
		['InvalidInviteError'], ['InvalidIpError'], ['InvalidOtpError'],
		['InvalidPayloadError', { reason: 'Bad' }], ['InvalidPayloadError', 'Bad input'], ['InvalidPayloadError'], ['InvalidPayloadError', null],
		['InvalidPathParameterError', { reason: 'Bad id' }], ['InvalidProviderConfigError', { provider: 'x' }], ['InvalidProviderError'],
		['InvalidQueryError', { reason: 'Oops' }], ['InvalidQueryError'], ['InvalidTokenError'],
		['LicenseImmutableError', { action: 'delete', source: 'Env' }], ['LicenseImmutableError'],
		['LicenseInvalidError'], ['LicenseManagedByEnvError'], ['LicenseOfflineUnsupportedError'], ['LicenseResolveIncompleteError'], ['LicenseServiceUnavailableError'],
		['LimitExceededError', { category: 'Users' }], ['LimitExceededError'],
		['MethodNotAllowedError', { allowed: ['GET', 'POST'], current: 'PUT' }], ['MethodNotAllowedError'],
		['NotNullViolationError', { collection: 'a', field: 'b' }], ['NotNullViolationError', {}], ['NotNullViolationError'],
		['OutOfDateError'],
		['RangeNotSatisfiableError', { range: { start: 5 } }], ['RangeNotSatisfiableError', { range: { start: 0, end: 9 } }], ['RangeNotSatisfiableError', {}],
		['RecordNotUniqueError', { collection: 'a', field: 'b', value: 'x' }], ['RecordNotUniqueError', { field: 'b', value: '' }], ['RecordNotUniqueError'],
		['ResourceRestrictedError', { category: 'Flows' }],
		['RouteNotFoundError', { path: '/nope/x' }], ['RouteNotFoundError'],
		['ServiceUnavailableError', { service: 'api', reason: 'Under pressure' }], ['ServiceUnavailableError'],
		['TimeoutError', { category: 'Request', duration: 3600000 }], ['TimeoutError', { category: 'Query', duration: 1500 }],
		['TimeoutError', { category: 'Query', duration: 500 }], ['TimeoutError', { category: 'Query', duration: 86400000 * 2 }], ['TimeoutError', { category: 'Query', duration: '2h' }],
		['TimeoutError', { category: 'Query' }],
		['TokenExpiredError'], ['UnexpectedResponseError'],
		['UnprocessableContentError', { reason: 'No' }], ['UnprocessableContentError'],
		['UnsupportedMediaTypeError', { mediaType: 'text/csv', where: 'payload' }], ['UnsupportedMediaTypeError'],
		['UserSuspendedError'],
		['ValueOutOfRangeError', { collection: 'a', field: 'b', value: 99 }], ['ValueOutOfRangeError'],
		['ValueTooLongError', { collection: 'a', field: 'b', value: 'long' }], ['ValueTooLongError', { collection: 'a' }],
		['VersionHashMismatchError', { mainHash: 'abc' }],
	];
	function plain(v) {
		return JSON.parse(JSON.stringify(v === undefined ? null : v, function (k, val) {
			return this[k] instanceof Date ? '<Date>' : val;
		}));
	}
	function probe(Class, args, label) {
		try {
			var e = args.length ? new Class(args[0], args[1]) : new Class();
			return {
				case: label, name: e.name, code: e.code, status: e.status, message: e.message,
				extensions: plain(e.extensions), extensionsType: typeof e.extensions, toString: String(e), keys: Object.keys(e),
				isError: e instanceof Error, isDirectusError: E.isDirectusError(e), isDirectusErrorCode: E.isDirectusError(e, String(e.code).toLowerCase()),
				cause: e.cause === undefined ? null : String(e.cause),
			};
		} catch (err) {
			return { case: label, throws: err && err.name };
		}
	}
	var out = { classes: [], createError: [], isDirectusError: [] };
	cases.forEach(function (c) {
		out.classes.push(probe(E[c[0]], c.slice(1), c[0] + ' ' + (c.length > 1 ? JSON.stringify(plain(c[1])) : '()')));
	});
	out.classes.push(probe(E.ForbiddenError, [undefined, { cause: 'root' }], 'ForbiddenError with cause'));
	var Custom = E.createError('my_code', 'Nope', 418);
	var Fn = E.createError('fn_code', function (ext) { return 'Got ' + ext.n; });
	out.createError.push(probe(Custom, [], 'createError static'));
	out.createError.push(probe(Custom, [{ a: 1 }], 'createError static with extensions'));
	out.createError.push(probe(Fn, [{ n: 2 }], 'createError function default status'));
	out.createError.push(probe(Fn, [], 'createError function without extensions'));
	out.isDirectusError = [
		E.isDirectusError({ name: 'DirectusError' }), E.isDirectusError(new Error('x')), E.isDirectusError([]),
		E.isDirectusError(null), E.isDirectusError('DirectusError'), E.isDirectusError({ name: 'DirectusError', code: 'ABC' }, 'abc'),
		E.isDirectusError({ name: 'DirectusError', code: 'ABC' }, 'x'), E.isDirectusError({ name: 'DirectusError' }, 'x'),
	];
	out.errorCode = Object.keys(E.ErrorCode).map(function (k) { return [k, E.ErrorCode[k]]; });
	out.exports = Object.keys(E).filter(function (k) { return k !== 'default' && k !== '__esModule'; }).sort();
	return JSON.stringify(out);
})
