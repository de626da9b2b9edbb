// The @directus/errors module (2.5.2, Directus 12.4.1) for extensions that import it without bundling
// it. Written for dxhost from the documented behaviour (spec 03 §1–§3); evaluated as a function of
// `exports`.
(function (exports) {
	'use strict';

	// The `ms` package (2.1.3): parse strings, format numbers short ("3s") or long ("3 seconds").
	var S = 1000, M = S * 60, H = M * 60, D = H * 24, W = D * 7, Y = D * 365.25;
	function msParse(str) {
		str = String(str);
		if (str.length > 100) return undefined;
		var match = /^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$/i.exec(str);
		if (!match) return undefined;
		var n = parseFloat(match[1]);
		switch ((match[2] || 'ms').toLowerCase()) {
			case 'years': case 'year': case 'yrs': case 'yr': case 'y': return n * Y;
			case 'weeks': case 'week': case 'w': return n * W;
			case 'days': case 'day': case 'd': return n * D;
			case 'hours': case 'hour': case 'hrs': case 'hr': case 'h': return n * H;
			case 'minutes': case 'minute': case 'mins': case 'min': case 'm': return n * M;
			case 'seconds': case 'second': case 'secs': case 'sec': case 's': return n * S;
			case 'milliseconds': case 'millisecond': case 'msecs': case 'msec': case 'ms': return n;
		}
		return undefined;
	}
	function plural(v, abs, unit, name) {
		return Math.round(v / unit) + ' ' + name + (abs >= unit * 1.5 ? 's' : '');
	}
	function ms(val, options) {
		var type = typeof val;
		if (type === 'string' && val.length > 0) return msParse(val);
		if (type === 'number' && isFinite(val)) {
			var abs = Math.abs(val);
			if (options && options.long) {
				if (abs >= D) return plural(val, abs, D, 'day');
				if (abs >= H) return plural(val, abs, H, 'hour');
				if (abs >= M) return plural(val, abs, M, 'minute');
				if (abs >= S) return plural(val, abs, S, 'second');
				return val + ' ms';
			}
			if (abs >= D) return Math.round(val / D) + 'd';
			if (abs >= H) return Math.round(val / H) + 'h';
			if (abs >= M) return Math.round(val / M) + 'm';
			if (abs >= S) return Math.round(val / S) + 's';
			return val + 'ms';
		}
		throw new Error('val is not a non-empty string or a valid number. val=' + JSON.stringify(val));
	}

	// createError: the message is computed once, before super(), so a message function reading a field
	// of missing extensions throws a TypeError from the constructor.
	function createError(code, message, status) {
		if (status === undefined) status = 500;
		return class extends Error {
			name = 'DirectusError';
			extensions;
			code = code.toUpperCase();
			status = status;
			constructor(extensions, options) {
				var msg = typeof message === 'string' ? message : message(extensions);
				super(msg, options);
				this.extensions = extensions;
			}
			toString() {
				return this.name + ' [' + this.code + ']: ' + this.message;
			}
		};
	}

	function isDirectusError(value, code) {
		var is = typeof value === 'object' && value !== null && Array.isArray(value) === false && 'name' in value && value.name === 'DirectusError';
		if (code) return is && 'code' in value && value.code === code.toUpperCase();
		return is;
	}

	var ErrorCode = {
		AddonNotAvailable: 'ADDON_NOT_AVAILABLE', AddonNotFound: 'ADDON_NOT_FOUND', AddonQuantityOutOfRange: 'ADDON_QUANTITY_OUT_OF_RANGE',
		CollectionInactive: 'COLLECTION_INACTIVE', ContainsNullValues: 'CONTAINS_NULL_VALUES', ContentTooLarge: 'CONTENT_TOO_LARGE',
		EmailLimitExceeded: 'EMAIL_LIMIT_EXCEEDED', Forbidden: 'FORBIDDEN', IllegalAssetTransformation: 'ILLEGAL_ASSET_TRANSFORMATION',
		ImportCyclicalRelation: 'IMPORT_CYCLICAL_RELATION', Internal: 'INTERNAL_SERVER_ERROR', InvalidCredentials: 'INVALID_CREDENTIALS',
		InvalidForeignKey: 'INVALID_FOREIGN_KEY', InvalidInvite: 'INVALID_INVITE', InvalidIp: 'INVALID_IP', InvalidOtp: 'INVALID_OTP',
		InvalidPayload: 'INVALID_PAYLOAD', InvalidPathParameter: 'INVALID_PATH_PARAMETER', InvalidProvider: 'INVALID_PROVIDER',
		InvalidProviderConfig: 'INVALID_PROVIDER_CONFIG', InvalidQuery: 'INVALID_QUERY', InvalidToken: 'INVALID_TOKEN',
		LicenseInvalid: 'LICENSE_INVALID', LicenseManagedByEnv: 'LICENSE_MANAGED_BY_ENV', LicenseOfflineUnsupported: 'LICENSE_OFFLINE_UNSUPPORTED',
		LicenseResolveIncomplete: 'LICENSE_RESOLVE_INCOMPLETE', LicenseServiceUnavailable: 'LICENSE_SERVICE_UNAVAILABLE',
		LimitExceeded: 'LIMIT_EXCEEDED', MethodNotAllowed: 'METHOD_NOT_ALLOWED', NotNullViolation: 'NOT_NULL_VIOLATION',
		OutOfDate: 'OUT_OF_DATE', OutOfTime: 'OUT_OF_TIME', RangeNotSatisfiable: 'RANGE_NOT_SATISFIABLE', RecordNotUnique: 'RECORD_NOT_UNIQUE',
		ResourceRestricted: 'RESOURCE_RESTRICTED', RequestsExceeded: 'REQUESTS_EXCEEDED', RouteNotFound: 'ROUTE_NOT_FOUND',
		ServiceUnavailable: 'SERVICE_UNAVAILABLE', TokenExpired: 'TOKEN_EXPIRED', UnexpectedResponse: 'UNEXPECTED_RESPONSE',
		UnprocessableContent: 'UNPROCESSABLE_CONTENT', UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE', UserSuspended: 'USER_SUSPENDED',
		ValueOutOfRange: 'VALUE_OUT_OF_RANGE', ValueTooLong: 'VALUE_TOO_LONG', VersionHashMismatch: 'VERSION_HASH_MISMATCH',
	};

	// "Value [\"v\" ][for field \"f\" ][in collection \"c\" ]<tail>" — the shape several database errors share.
	function valueMessage(prefix, tail) {
		return function (ext) {
			var collection = ext.collection, field = ext.field, value = ext.value;
			var m = prefix;
			if (value) m += '"' + value + '" ';
			if (field) m += 'for field "' + field + '" ';
			if (collection) m += 'in collection "' + collection + '" ';
			return m + tail;
		};
	}
	// Reads of a field of undefined must throw as destructuring does in the original.
	function fields(ext) {
		if (ext === undefined || ext === null) throw new TypeError("Cannot destructure property of '" + ext + "' as it is " + ext + '.');
		return ext;
	}

	var classes = {
		AddonNotAvailableError: [ErrorCode.AddonNotAvailable, function () { return 'Addon exists but is not available on the current plan.'; }, 409],
		AddonNotFoundError: [ErrorCode.AddonNotFound, function () { return 'Addon id is not in the catalog for the current subscription.'; }, 404],
		AddonQuantityOutOfRangeError: [ErrorCode.AddonQuantityOutOfRange, function () { return 'Quantity is outside the allowed range for this addon.'; }, 422],
		CollectionInactiveError: [ErrorCode.CollectionInactive, function (e) { return 'Collection "' + fields(e).collection + '" is inactive.'; }, 403],
		ContainsNullValuesError: [ErrorCode.ContainsNullValues, function (e) { fields(e); return 'Field "' + e.field + '" in collection "' + e.collection + '" contains null values.'; }, 400],
		ContentTooLargeError: [ErrorCode.ContentTooLarge, 'Uploaded content is too large.', 413],
		EmailLimitExceededError: [ErrorCode.EmailLimitExceeded, function (e) {
			var parts = ['Email sending limit exceeded.'];
			if (typeof e.points === 'number' && typeof e.duration === 'number') {
				parts.push('Limit of ' + e.points + ' email' + (e.points !== 1 ? 's' : '') + ' every ' + ms(e.duration * 1000, { long: true }) + '.');
			}
			if (e.message) parts.push(e.message);
			return parts.join(' ');
		}, 429],
		ForbiddenError: [ErrorCode.Forbidden, function (e) { return e != null && e.reason ? e.reason : "You don't have permission to access this."; }, 403],
		HitRateLimitError: [ErrorCode.RequestsExceeded, function (e) { return 'Too many requests, retry after ' + ms(e.reset.getTime() - Date.now()) + '.'; }, 429],
		IllegalAssetTransformationError: [ErrorCode.IllegalAssetTransformation, 'Illegal asset transformation.', 400],
		ImportCyclicalRelationError: [ErrorCode.ImportCyclicalRelation, function (e) { return "Can't import collections [" + fields(e).collections.join(', ') + '] because they form a relational cycle with only non-nullable foreign keys.'; }, 422],
		InternalServerError: [ErrorCode.Internal, 'An unexpected error occurred.'],
		InvalidCredentialsError: [ErrorCode.InvalidCredentials, 'Invalid user credentials.', 401],
		InvalidForeignKeyError: [ErrorCode.InvalidForeignKey, function (e) {
			fields(e);
			var m = 'Invalid foreign key';
			if (e.value) m += ' "' + e.value + '"';
			if (e.field) m += ' for field "' + e.field + '"';
			if (e.collection) m += ' in collection "' + e.collection + '"';
			if (e.constraint && !e.field && !e.collection) m += ' for constraint "' + e.constraint + '"';
			return m + '.';
		}, 400],
		InvalidInviteError: [ErrorCode.InvalidInvite, function () { return 'This invite is no longer valid.'; }, 400],
		InvalidIpError: [ErrorCode.InvalidIp, 'Invalid IP address.', 401],
		InvalidOtpError: [ErrorCode.InvalidOtp, 'Invalid user OTP.', 401],
		InvalidPayloadError: [ErrorCode.InvalidPayload, function (e) { return 'Invalid payload. ' + fields(e).reason + '.'; }, 400],
		InvalidPathParameterError: [ErrorCode.InvalidPathParameter, function (e) { return 'Invalid path parameter. ' + fields(e).reason + '.'; }, 400],
		InvalidProviderConfigError: [ErrorCode.InvalidProviderConfig, 'Invalid config.', 503],
		InvalidProviderError: [ErrorCode.InvalidProvider, 'Invalid provider.', 403],
		InvalidQueryError: [ErrorCode.InvalidQuery, function (e) { return 'Invalid query. ' + fields(e).reason + '.'; }, 400],
		InvalidTokenError: [ErrorCode.InvalidToken, 'Invalid token.', 403],
		LicenseImmutableError: [ErrorCode.InvalidPayload, function (e) { fields(e); return '"' + e.action + '" is not allowed. ' + e.source + ' license cannot be modified.'; }, 409],
		LicenseInvalidError: [ErrorCode.LicenseInvalid, function () { return 'License key cannot be applied (not found, expired, canceled, already bound elsewhere, malformed).'; }, 400],
		LicenseManagedByEnvError: [ErrorCode.LicenseManagedByEnv, function () { return 'The license is managed via the environment and cannot be modified from the UI.'; }, 409],
		LicenseOfflineUnsupportedError: [ErrorCode.LicenseOfflineUnsupported, function () { return 'Operation requires the licensing service and is not available in offline mode.'; }, 409],
		LicenseResolveIncompleteError: [ErrorCode.LicenseResolveIncomplete, function () { return 'After applying, the instance is still over limits. Refresh the assessment and retry.'; }, 422],
		LicenseServiceUnavailableError: [ErrorCode.LicenseServiceUnavailable, function () { return 'Licensing service is unreachable.'; }, 503],
		LimitExceededError: [ErrorCode.LimitExceeded, function (e) { return fields(e).category + ' limit exceeded.'; }, 403],
		MethodNotAllowedError: [ErrorCode.MethodNotAllowed, function (e) {
			return 'Invalid method "' + e.current + '" used. Should be one of ' + e.allowed.map(function (m) { return '"' + m + '"'; }).join(', ') + '.';
		}, 405],
		NotNullViolationError: [ErrorCode.NotNullViolation, function (e) {
			fields(e);
			var m = 'Value ';
			if (e.field) m += 'for field "' + e.field + '" ';
			if (e.collection) m += 'in collection "' + e.collection + '" ';
			return m + "can't be null.";
		}, 400],
		OutOfDateError: [ErrorCode.OutOfDate, 'Operation could not be executed: Your current instance of Directus is out of date.', 503],
		RangeNotSatisfiableError: [ErrorCode.RangeNotSatisfiable, function (e) {
			var r = fields(e).range;
			var start = r.start === undefined || r.start === null ? '' : r.start;
			var end = r.end === undefined || r.end === null ? '' : r.end;
			return 'Range "' + start + '-' + end + "\" is invalid or the file's size doesn't match the requested range.";
		}, 416],
		RecordNotUniqueError: [ErrorCode.RecordNotUnique, function (e) { return valueMessage('Value ', 'has to be unique.')(fields(e)); }, 400],
		ResourceRestrictedError: [ErrorCode.ResourceRestricted, function (e) { return fields(e).category + ' is a restricted resource.'; }, 403],
		RouteNotFoundError: [ErrorCode.RouteNotFound, function (e) { return 'Route ' + fields(e).path + " doesn't exist."; }, 404],
		ServiceUnavailableError: [ErrorCode.ServiceUnavailable, function (e) { fields(e); return 'Service "' + e.service + '" is unavailable. ' + e.reason + '.'; }, 503],
		TimeoutError: [ErrorCode.OutOfTime, function (e) { fields(e); return e.category + ' timed out after ' + ms(e.duration, { long: true }) + '.'; }, 408],
		TokenExpiredError: [ErrorCode.TokenExpired, 'Token expired.', 401],
		UnexpectedResponseError: [ErrorCode.UnexpectedResponse, 'Received an unexpected response.', 503],
		UnprocessableContentError: [ErrorCode.UnprocessableContent, function (e) { return "Can't process content. " + e.reason + '.'; }, 422],
		UnsupportedMediaTypeError: [ErrorCode.UnsupportedMediaType, function (e) { return 'Unsupported media type "' + e.mediaType + '" in ' + e.where + '.'; }, 415],
		UserSuspendedError: [ErrorCode.UserSuspended, 'User suspended.', 401],
		ValueOutOfRangeError: [ErrorCode.ValueOutOfRange, function (e) { return valueMessage('Numeric value ', 'is out of range.')(fields(e)); }, 400],
		ValueTooLongError: [ErrorCode.ValueTooLong, function (e) { return valueMessage('Value ', 'is too long.')(fields(e)); }, 400],
		VersionHashMismatchError: [ErrorCode.VersionHashMismatch, function () { return 'Main item has changed since this version was last updated.'; }, 422],
	};

	Object.keys(classes).forEach(function (name) {
		var c = classes[name];
		exports[name] = createError(c[0], c[1], c[2]);
	});
	exports.ErrorCode = ErrorCode;
	exports.createError = createError;
	exports.isDirectusError = isDirectusError;
});
