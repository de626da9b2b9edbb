// pino's logger API (pino 9, as Directus's context.logger) over a Go sink. Evaluated once per runtime as
// a function of (sink) returning the root logger. sink.write(level, fieldsJSON, msg) writes one line;
// sink.getLevel()/setLevel(name) read and change the process level (the root logger's level is the
// process's, as in Directus where every extension shares the one pino instance).
(function (sink) {
	'use strict';
	var values = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
	var labels = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

	function levelValue(name) {
		if (name === 'silent') return Infinity;
		if (Object.prototype.hasOwnProperty.call(values, name)) return values[name];
		throw new Error('unknown level ' + name);
	}

	function safeStringify(v) {
		var seen = [];
		try {
			return JSON.stringify(v, function (k, val) {
				if (typeof val === 'bigint') return val.toString();
				if (val !== null && typeof val === 'object') {
					if (seen.indexOf(val) !== -1) return '[Circular]';
					seen.push(val);
				}
				return val;
			});
		} catch (e) {
			return '"[unable to serialize, circular reference is too complex to analyze]"';
		}
	}

	// quick-format-unescaped, as pino uses it: extra arguments are dropped.
	function format(f, args) {
		if (typeof f !== 'string' || args.length === 0) return f;
		var str = '', a = 0, last = 0, flen = f.length;
		for (var i = 0; i < flen; i++) {
			if (f.charCodeAt(i) !== 37 || i + 1 >= flen) continue;
			var c = f.charCodeAt(i + 1);
			if (c === 37) { str += f.slice(last, i) + '%'; last = i + 2; i++; continue; }
			if (a >= args.length) continue;
			var arg = args[a], out;
			switch (c) {
				case 100: case 102: // d f
					if (arg == null) { a++; continue; }
					out = c === 102 ? String(Number(arg)) : String(Math.floor(Number(arg)));
					break;
				case 105: // i
					if (arg == null) { a++; continue; }
					out = String(Math.floor(Number(arg)));
					break;
				case 79: case 111: case 106: // O o j
					if (arg === undefined) { a++; continue; }
					var t = typeof arg;
					if (t === 'string') out = "'" + arg + "'";
					else if (t === 'function') out = arg.name || '<anonymous>';
					else out = safeStringify(arg);
					break;
				case 115: // s
					if (arg === undefined) { a++; continue; }
					out = String(arg);
					break;
				default:
					continue;
			}
			str += f.slice(last, i) + out;
			last = i + 2;
			a++;
			i++;
		}
		if (last === 0) return f;
		if (last < flen) str += f.slice(last);
		return str;
	}

	// pino's std err serializer: type, message, stack, then the error's own enumerable properties.
	function serializeError(err) {
		var out = { type: (err.constructor && err.constructor.name) || 'Error', message: err.message, stack: err.stack };
		for (var k in err) {
			if (out[k] === undefined && k !== 'name') out[k] = err[k];
		}
		if (err.cause !== undefined && out.cause === undefined) out.cause = err.cause instanceof Error ? serializeError(err.cause) : err.cause;
		return out;
	}

	// Directus redacts req.headers.authorization and req.headers.cookie.
	function redact(obj) {
		var req = obj.req;
		if (!req || typeof req !== 'object' || !req.headers || typeof req.headers !== 'object') return obj;
		var h = req.headers;
		if (!('authorization' in h) && !('cookie' in h)) return obj;
		var headers = Object.assign({}, h);
		if ('authorization' in headers) headers.authorization = '--redacted--';
		if ('cookie' in headers) headers.cookie = '--redacted--';
		var copy = Object.assign({}, obj);
		copy.req = Object.assign({}, req, { headers: headers });
		return copy;
	}

	function fields(bindings, obj) {
		var out = {};
		var k;
		for (k in bindings) out[k] = bindings[k];
		if (obj) {
			obj = redact(obj);
			for (k in obj) {
				var v = obj[k];
				out[k] = v instanceof Error ? serializeError(v) : v;
			}
		}
		return out;
	}

	function Logger(parent, bindings) {
		this._parent = parent;
		this._bindings = bindings;
		this._level = parent ? parent.level : null; // null: the process level
	}

	Object.defineProperty(Logger.prototype, 'level', {
		get: function () { return this._level === null ? sink.getLevel() : this._level; },
		set: function (name) {
			levelValue(name);
			if (this._level === null) sink.setLevel(name);
			else this._level = name;
		},
		enumerable: true,
		configurable: true,
	});

	Object.defineProperty(Logger.prototype, 'levelVal', {
		get: function () { return levelValue(this.level); },
		enumerable: false,
		configurable: true,
	});

	Logger.prototype.levels = { values: values, labels: labels };

	Logger.prototype.isLevelEnabled = function (name) {
		if (!Object.prototype.hasOwnProperty.call(values, name)) return false;
		return values[name] >= this.levelVal;
	};

	Logger.prototype.child = function (bindings, options) {
		if (!bindings || typeof bindings !== 'object') throw new Error('missing bindings for child Pino');
		var merged = {};
		var k;
		for (k in this._bindings) merged[k] = this._bindings[k];
		for (k in bindings) merged[k] = bindings[k] instanceof Error ? serializeError(bindings[k]) : bindings[k];
		var c = new Logger(this, merged);
		if (options && options.level) c._level = options.level;
		return c;
	};

	Logger.prototype.bindings = function () {
		var out = {};
		for (var k in this._bindings) out[k] = this._bindings[k];
		return out;
	};

	Logger.prototype.setBindings = function (bindings) {
		for (var k in bindings) this._bindings[k] = bindings[k];
	};

	Logger.prototype.flush = function (cb) {
		if (typeof cb === 'function') cb();
	};

	function method(name) {
		var value = values[name];
		return function () {
			if (value < this.levelVal) return;
			var args = Array.prototype.slice.call(arguments);
			var obj = null, msg;
			var first = args[0];
			if (first !== null && typeof first === 'object') {
				args.shift();
				if (first instanceof Error) {
					obj = { err: first };
					msg = args.length ? format(args.shift(), args) : first.message;
				} else {
					obj = first;
					if (args.length) msg = format(args.shift(), args);
					else if (first.msg !== undefined) msg = first.msg;
					if (first.err instanceof Error && msg === undefined) msg = first.err.message;
				}
			} else if (args.length) {
				msg = format(args.shift(), args);
			}
			var f = fields(this._bindings, obj);
			if ('msg' in f) delete f.msg;
			sink.write(value, safeStringify(f), msg === undefined ? undefined : msg);
		};
	}

	['trace', 'debug', 'info', 'warn', 'error', 'fatal'].forEach(function (name) {
		Logger.prototype[name] = method(name);
	});
	Logger.prototype.silent = function () {};

	return new Logger(null, {});
});
