'use strict';
// A small Intl for goja, which has none: NumberFormat (decimal, percent, currency) with CLDR
// separators for any locale x/text knows, DateTimeFormat for en-US (other locales resolve to en-US,
// as in a Node built with small-icu), PluralRules (en), Collator and the toLocaleString family.
const b = require('#binding');

function canonical(locales) {
  const list = locales === undefined ? [] : Array.isArray(locales) ? locales : [locales];
  const out = [];
  for (const l of list) {
    let c;
    try { c = b.canonicalLocale(String(l)); } catch (e) {
      throw new RangeError(`Incorrect locale information provided`);
    }
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

class NumberFormat {
  constructor(locales, options = {}) {
    const locale = canonical(locales)[0] || 'en-US';
    const style = options.style || 'decimal';
    if (!['decimal', 'percent', 'currency'].includes(style)) throw new RangeError(`Value ${style} out of range for Intl.NumberFormat options property style`);
    let cur = null;
    if (style === 'currency') {
      if (!options.currency) throw new TypeError('Currency code is required with currency style.');
      cur = b.currencyInfo(String(options.currency).toUpperCase());
      if (!cur) throw new RangeError(`Invalid currency code : ${options.currency}`);
    }
    const dflt = style === 'currency' ? [cur.digits, cur.digits] : style === 'percent' ? [0, 0] : [0, 3];
    let minFrac = options.minimumFractionDigits;
    let maxFrac = options.maximumFractionDigits;
    if (minFrac === undefined) minFrac = Math.min(dflt[0], maxFrac === undefined ? dflt[0] : maxFrac);
    if (maxFrac === undefined) maxFrac = Math.max(dflt[1], minFrac);
    if (minFrac > maxFrac) throw new RangeError('maximumFractionDigits value is out of range.');
    this._o = {
      locale, numberingSystem: 'latn', style, currency: cur ? String(options.currency).toUpperCase() : undefined,
      currencyDisplay: cur ? options.currencyDisplay || 'symbol' : undefined, currencySign: cur ? 'standard' : undefined,
      minimumIntegerDigits: options.minimumIntegerDigits || 1, minimumFractionDigits: minFrac, maximumFractionDigits: maxFrac,
      useGrouping: options.useGrouping === false ? false : 'auto', notation: 'standard', signDisplay: options.signDisplay || 'auto',
    };
    this._cur = cur;
    this.format = this.format.bind(this);
  }
  format(value) {
    const o = this._o;
    const n = typeof value === 'bigint' ? Number(value) : Number(value);
    const neg = n < 0 || Object.is(n, -0);
    const scaled = o.style === 'percent' ? Math.abs(n) * 100 : Math.abs(n);
    // ICU rounds the shortest decimal form half away from zero; x/text rounds half to even.
    const rounded = roundHalfExpand(scaled, o.maximumFractionDigits);
    let digits = b.formatNumber(o.locale, o.style === 'percent' ? rounded / 100 : rounded, o.style, o.minimumFractionDigits, o.maximumFractionDigits, o.useGrouping !== false);
    // Current CLDR groups French digits with a narrow no-break space (x/text's data has the wide one).
    if (o.locale.split('-')[0] === 'fr') digits = digits.replace(/(\d)\u00a0(?=\d)/g, '$1\u202f');
    // CLDR's minimumGroupingDigits is 2 for these: a four-digit integer part stays ungrouped.
    if (minGrouping2(o.locale)) digits = digits.replace(/^(\d)[.\u00a0\u202f ](\d{3})(?!\d|[.\u00a0\u202f ]\d)/, '$1$2');
    if (o.minimumIntegerDigits > 1) digits = digits.replace(/^\d+/, (m) => m.padStart(o.minimumIntegerDigits, '0'));
    if (o.style === 'currency') digits = placeCurrency(o.locale, digits, this._symbol());
    const sign = neg && n !== 0 ? '-' : o.signDisplay === 'always' || (o.signDisplay === 'exceptZero' && n !== 0) ? (neg ? '-' : '+') : '';
    return sign + digits;
  }
  _symbol() {
    const o = this._o;
    if (o.currencyDisplay === 'code') return o.currency;
    if (o.currencyDisplay === 'narrowSymbol') return this._cur.narrow;
    if (o.currencyDisplay === 'name') return o.currency;
    // en-US writes CA$, A$...; the US dollar is $ only where the locale's own currency is not a dollar.
    return this._cur.symbol;
  }
  formatToParts(value) { return [{ type: 'literal', value: this.format(value) }]; }
  resolvedOptions() { return Object.fromEntries(Object.entries(this._o).filter(([, v]) => v !== undefined)); }
  static supportedLocalesOf(locales) { return canonical(locales); }
  get [Symbol.toStringTag]() { return 'Intl.NumberFormat'; }
}
function minGrouping2(locale) {
  const lang = locale.split('-')[0];
  return lang === 'es' || lang === 'it' || lang === 'pl' || (lang === 'pt' && locale !== 'pt-BR');
}
function roundHalfExpand(x, frac) {
  if (!Number.isFinite(x)) return x;
  const s = String(x);
  if (/e/i.test(s)) return Number(x.toFixed(Math.min(frac, 20)));
  const [int, dec = ''] = s.split('.');
  if (dec.length <= frac) return x;
  const keep = int + dec.slice(0, frac);
  const up = dec.charCodeAt(frac) >= 53; // '5'..'9'
  let digits = keep.split('').map(Number);
  if (up) {
    let i = digits.length - 1;
    while (i >= 0) {
      if (digits[i] === 9) { digits[i] = 0; i--; } else { digits[i]++; break; }
    }
    if (i < 0) digits.unshift(1);
  }
  const str = digits.join('');
  const intLen = str.length - frac;
  return Number(frac ? str.slice(0, intLen) + '.' + str.slice(intLen) : str);
}
// CLDR currency patterns: symbol first for these languages, after the number (with a no-break
// space) for most of continental Europe; Dutch puts it first with a space.
function placeCurrency(locale, digits, symbol) {
  const lang = locale.split('-')[0];
  if (['de', 'fr', 'es', 'it', 'pt', 'pl', 'ru', 'sv', 'fi', 'cs', 'da', 'nb', 'no', 'sk', 'hu', 'ro', 'bg', 'uk', 'hr', 'sl', 'lt', 'lv', 'et', 'el'].includes(lang) && locale !== 'pt-BR') {
    return `${digits}\u00a0${symbol}`;
  }
  if (lang === 'nl' || locale === 'pt-BR') return `${symbol}\u00a0${digits}`;
  // A symbol ending in a letter (CHF, EUR as a code) is kept apart from the digits.
  return /[A-Za-z]$/.test(symbol) ? `${symbol}\u00a0${digits}` : `${symbol}${digits}`;
}

// --- DateTimeFormat (en-US) ---
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const dateStyles = {
  full: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  long: { year: 'numeric', month: 'long', day: 'numeric' },
  medium: { year: 'numeric', month: 'short', day: 'numeric' },
  short: { year: '2-digit', month: 'numeric', day: 'numeric' },
};
const timeStyles = {
  full: { hour: 'numeric', minute: '2-digit', second: '2-digit', timeZoneName: 'long' },
  long: { hour: 'numeric', minute: '2-digit', second: '2-digit', timeZoneName: 'short' },
  medium: { hour: 'numeric', minute: '2-digit', second: '2-digit' },
  short: { hour: 'numeric', minute: '2-digit' },
};
class DateTimeFormat {
  constructor(locales, options = {}) {
    canonical(locales);
    const timeZone = options.timeZone === undefined ? b.localZone() : String(options.timeZone);
    try {
      b.zoned(0, timeZone);
    } catch (e) {
      throw new RangeError(`Invalid time zone specified: ${timeZone}`);
    }
    let fields = {};
    for (const k of ['weekday', 'era', 'year', 'month', 'day', 'hour', 'minute', 'second', 'fractionalSecondDigits', 'timeZoneName']) if (options[k] !== undefined) fields[k] = options[k];
    if (options.dateStyle || options.timeStyle) {
      if (Object.keys(fields).length) throw new TypeError("Can't set option " + Object.keys(fields)[0] + ' when dateStyle is used');
      fields = Object.assign({}, dateStyles[options.dateStyle] || {}, timeStyles[options.timeStyle] || {});
    } else if (!['weekday', 'year', 'month', 'day', 'hour', 'minute', 'second'].some((k) => fields[k] !== undefined)) {
      fields = Object.assign({ year: 'numeric', month: 'numeric', day: 'numeric' }, fields);
    }
    const hour12 = options.hour12 !== undefined ? !!options.hour12 : options.hourCycle ? options.hourCycle === 'h12' || options.hourCycle === 'h11' : true;
    this._o = Object.assign({ locale: 'en-US', calendar: 'gregory', numberingSystem: 'latn', timeZone }, fields, fields.hour ? { hourCycle: hour12 ? 'h12' : 'h23', hour12 } : {});
    if (options.dateStyle) this._o.dateStyle = options.dateStyle;
    if (options.timeStyle) this._o.timeStyle = options.timeStyle;
    this._styled = !!(options.dateStyle || options.timeStyle);
    this.format = this.format.bind(this);
  }
  formatToParts(date) {
    const d = date === undefined ? Date.now() : Number(date instanceof Date ? date.getTime() : date);
    if (!Number.isFinite(d)) throw new RangeError('Invalid time value');
    const [year, month, day, hour, minute, second, weekday, , abbr, millis] = b.zoned(d, this._o.timeZone);
    const o = this._o;
    const parts = [];
    const lit = (v) => parts.push({ type: 'literal', value: v });
    const two = (n) => String(n).padStart(2, '0');
    let dateDone = false;
    if (o.weekday) { parts.push({ type: 'weekday', value: o.weekday === 'long' ? days[weekday] : o.weekday === 'short' ? days[weekday].slice(0, 3) : days[weekday][0] }); }
    const textMonth = o.month === 'long' || o.month === 'short' || o.month === 'narrow';
    if (o.month || o.day || o.year) {
      if (o.weekday) lit(', ');
      if (textMonth) {
        parts.push({ type: 'month', value: o.month === 'long' ? months[month - 1] : o.month === 'short' ? months[month - 1].slice(0, 3) : months[month - 1][0] });
        if (o.day) { lit(' '); parts.push({ type: 'day', value: o.day === '2-digit' ? two(day) : String(day) }); }
        if (o.year) { lit(o.day ? ', ' : ' '); parts.push({ type: 'year', value: o.year === '2-digit' ? two(year % 100) : String(year) }); }
      } else {
        const seq = [];
        if (o.month) seq.push({ type: 'month', value: o.month === '2-digit' ? two(month) : String(month) });
        if (o.day) seq.push({ type: 'day', value: o.day === '2-digit' ? two(day) : String(day) });
        if (o.year) seq.push({ type: 'year', value: o.year === '2-digit' ? two(year % 100) : String(year) });
        seq.forEach((p, i) => { if (i) lit('/'); parts.push(p); });
      }
      dateDone = true;
    } else if (o.weekday) dateDone = true;
    if (o.hour || o.minute || o.second) {
      if (dateDone) lit(this._styled && (o.dateStyle === 'full' || o.dateStyle === 'long') ? ' at ' : ', ');
      const h12 = o.hour12 !== false;
      if (o.hour) {
        const h = h12 ? (hour % 12 === 0 ? 12 : hour % 12) : hour;
        parts.push({ type: 'hour', value: o.hour === '2-digit' || (!h12 && o.minute) ? two(h) : String(h) });
      }
      if (o.minute) { if (o.hour) lit(':'); parts.push({ type: 'minute', value: o.hour ? two(minute) : String(minute) }); }
      if (o.second) { if (o.minute || o.hour) lit(':'); parts.push({ type: 'second', value: o.minute ? two(second) : String(second) }); }
      if (o.fractionalSecondDigits) { lit('.'); parts.push({ type: 'fractionalSecond', value: String(millis).padStart(3, '0').slice(0, o.fractionalSecondDigits) }); }
      if (o.hour && h12) { lit(' '); parts.push({ type: 'dayPeriod', value: hour < 12 ? 'AM' : 'PM' }); }
    }
    if (o.timeZoneName) { lit(' '); parts.push({ type: 'timeZoneName', value: o.timeZone === 'UTC' ? 'UTC' : abbr }); }
    return parts;
  }
  format(date) { return this.formatToParts(date).map((p) => p.value).join(''); }
  formatRange(a, c) { return `${this.format(a)} – ${this.format(c)}`; }
  resolvedOptions() { return Object.assign({}, this._o); }
  static supportedLocalesOf(locales) { return canonical(locales).filter((l) => l === 'en-US' || l === 'en'); }
  get [Symbol.toStringTag]() { return 'Intl.DateTimeFormat'; }
}

class PluralRules {
  constructor(locales, options = {}) { this._type = options.type || 'cardinal'; this._locale = canonical(locales)[0] || 'en-US'; }
  select(n) {
    n = Number(n);
    if (this._type === 'ordinal') {
      const m10 = n % 10;
      const m100 = n % 100;
      if (m10 === 1 && m100 !== 11) return 'one';
      if (m10 === 2 && m100 !== 12) return 'two';
      if (m10 === 3 && m100 !== 13) return 'few';
      return 'other';
    }
    return n === 1 ? 'one' : 'other';
  }
  resolvedOptions() { return { locale: 'en-US', type: this._type }; }
  static supportedLocalesOf(locales) { return canonical(locales).filter((l) => l.startsWith('en')); }
}

class Collator {
  constructor(locales, options = {}) {
    this._o = { locale: canonical(locales)[0] || 'en-US', usage: options.usage || 'sort', sensitivity: options.sensitivity || 'variant', ignorePunctuation: false, numeric: !!options.numeric, caseFirst: 'false' };
    this.compare = this.compare.bind(this);
  }
  compare(a, c) {
    a = String(a); c = String(c);
    if (this._o.numeric) {
      const re = /(\d+)|(\D+)/g;
      const pa = a.match(re) || [];
      const pc = c.match(re) || [];
      for (let i = 0; i < Math.min(pa.length, pc.length); i++) {
        const x = pa[i]; const y = pc[i];
        if (/^\d/.test(x) && /^\d/.test(y)) { const d = Number(x) - Number(y); if (d) return d < 0 ? -1 : 1; continue; }
        const r = this._cmp(x, y);
        if (r) return r;
      }
      return pa.length === pc.length ? 0 : pa.length < pc.length ? -1 : 1;
    }
    return this._cmp(a, c);
  }
  _cmp(a, c) {
    if (this._o.sensitivity === 'base' || this._o.sensitivity === 'accent') {
      const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
      const r = fold(a).localeCompare(fold(c));
      if (r) return r < 0 ? -1 : 1;
      return 0;
    }
    const r = a.localeCompare(c);
    return r < 0 ? -1 : r > 0 ? 1 : 0;
  }
  resolvedOptions() { return Object.assign({}, this._o); }
  static supportedLocalesOf(locales) { return canonical(locales); }
}

// NumberFormat, DateTimeFormat and Collator may be called without new (ECMA-402 legacy behaviour).
function callable(Impl) {
  const Ctor = { [Impl.name]: function (locales, options) { return new Impl(locales, options); } }[Impl.name];
  Ctor.prototype = Impl.prototype;
  Object.defineProperty(Impl.prototype, 'constructor', { value: Ctor, writable: true, configurable: true });
  Ctor.supportedLocalesOf = Impl.supportedLocalesOf;
  return Ctor;
}
const Intl = {
  NumberFormat: callable(NumberFormat), DateTimeFormat: callable(DateTimeFormat), PluralRules, Collator: callable(Collator),
  getCanonicalLocales: (l) => canonical(l),
  supportedValuesOf: (key) => (key === 'timeZone' ? ['UTC'] : []),
};
Object.defineProperty(Intl, Symbol.toStringTag, { value: 'Intl' });

// toLocaleString and friends follow Intl, as in Node.
const numberToLocale = function toLocaleString(locales, options) { return new NumberFormat(locales, options).format(this); };
function dateToLocale(defaults, required) {
  return function (locales, options = {}) {
    if (isNaN(this.getTime())) return 'Invalid Date';
    const has = ['weekday', 'year', 'month', 'day', 'hour', 'minute', 'second', 'dateStyle', 'timeStyle'].some((k) => options[k] !== undefined);
    const opts = has ? Object.assign({}, required, options) : Object.assign({}, defaults, options);
    return new DateTimeFormat(locales, opts).format(this);
  };
}
module.exports = {
  Intl,
  numberToLocale,
  dateToLocale: dateToLocale({ year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' }, {}),
  dateToLocaleDate: dateToLocale({ year: 'numeric', month: 'numeric', day: 'numeric' }, {}),
  dateToLocaleTime: dateToLocale({ hour: 'numeric', minute: '2-digit', second: '2-digit' }, {}),
};
