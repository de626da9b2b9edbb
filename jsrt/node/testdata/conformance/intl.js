// Intl basics (recorded with TZ=UTC, as go test runs): numbers in several locales, currency,
// en-US dates and times, time zones, plural rules, collation, toLocaleString.
const d = new Date(Date.UTC(2024, 1, 27, 13, 45, 7, 89));
module.exports = {
  numbers: () => ['en-US', 'de-DE', 'fr-FR', 'ja-JP', 'en-IN', 'es-ES', 'it-IT'].map((l) => [
    new Intl.NumberFormat(l).format(1234567.891), new Intl.NumberFormat(l, { style: 'percent' }).format(0.256),
    new Intl.NumberFormat(l, { style: 'currency', currency: 'EUR' }).format(1234.5), new Intl.NumberFormat(l, { minimumFractionDigits: 2 }).format(-5),
  ].join(' ; ')).join('\n'),
  currency: () => [new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(19.999), new Intl.NumberFormat('en-US', { style: 'currency', currency: 'JPY' }).format(1234.5),
    new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'USD' }).format(3), new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', currencyDisplay: 'code' }).format(1),
    new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(2.5), new Intl.NumberFormat('en-US', { useGrouping: false }).format(12345.678)].join(' | '),
  dates: () => [
    new Intl.DateTimeFormat('en-US').format(d),
    new Intl.DateTimeFormat('en-US', { dateStyle: 'full' }).format(d),
    new Intl.DateTimeFormat('en-US', { dateStyle: 'long' }).format(d),
    new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(d),
    new Intl.DateTimeFormat('en-US', { dateStyle: 'short' }).format(d),
    new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(d),
    new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric' }).format(d),
    new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' }).format(d),
    new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(d),
    new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', dateStyle: 'medium', timeStyle: 'medium' }).format(d),
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Tokyo', hour: 'numeric', minute: 'numeric' }).format(d),
    new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric' }).format(d),
  ].join('\n'),
  resolved: () => {
    const r = new Intl.DateTimeFormat().resolvedOptions();
    const n = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).resolvedOptions();
    return [r.locale, r.timeZone, r.calendar, n.locale, n.style, n.currency, n.minimumFractionDigits, n.maximumFractionDigits].join(',');
  },
  withoutNew: () => [Intl.DateTimeFormat().resolvedOptions().locale, Intl.NumberFormat('en-US').format(1e6), new Intl.NumberFormat() instanceof Intl.NumberFormat, typeof Intl.Collator().compare].join(','),
  badZone: () => { try { new Intl.DateTimeFormat('en-US', { timeZone: 'Mars/Base' }); } catch (e) { return e.name; } return 'accepted'; },
  toLocale: () => [d.toLocaleString('en-US', { timeZone: 'UTC' }), d.toLocaleDateString('en-US', { timeZone: 'UTC' }), d.toLocaleTimeString('en-US', { timeZone: 'UTC' }),
    (1234567.891).toLocaleString('en-US'), (0.5).toLocaleString('de-DE'), (1234.5).toLocaleString('en-US', { style: 'currency', currency: 'USD' }),
    d.toLocaleDateString('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })].join(' | '),
  plural: () => { const p = new Intl.PluralRules('en-US'); const o = new Intl.PluralRules('en-US', { type: 'ordinal' }); return [0, 1, 2, 5].map((n) => p.select(n)).join(',') + ' ' + [1, 2, 3, 4, 11, 21, 22, 113].map((n) => o.select(n)).join(','); },
  collator: () => [['b', 'a', 'C', 'á'].sort(new Intl.Collator('en').compare).join(''), ['x10', 'x2', 'x1'].sort(new Intl.Collator('en', { numeric: true }).compare).join(','),
    new Intl.Collator('en', { sensitivity: 'base' }).compare('a', 'Á')].join(' '),
};
