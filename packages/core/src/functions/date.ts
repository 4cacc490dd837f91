import { type FunctionDef, UnsupportedFunctionError } from '../expression/evaluate.js';
import { fn, fail, str, int } from './util.js';

/**
 * Parses the date formats Azure accepts (ISO 8601 with or without time, offset or `Z`). Returns
 * undefined for anything else. A date without an offset is read as UTC, as ARM does.
 */
export function parseIsoDate(s: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', tz] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), ms);
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) {
    return undefined;
  }
  if (tz && tz.toUpperCase() !== 'Z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return new Date(t);
}

/** `yyyy-MM-ddTHH:mm:ss.fffffffZ`, the format of policy's `utcNow()`. */
export function formatRoundTrip(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, (_m, ms: string) => `.${ms}0000Z`);
}

function formatSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Adds an ISO 8601 duration (`P1Y2M3DT4H5M6S`, `-P1D`, `P2W`) to a date, calendar-aware. */
export function addDuration(date: Date, duration: string): Date | undefined {
  const m = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(duration.trim());
  if (!m || duration.trim().toUpperCase().endsWith('P') || duration.trim().toUpperCase().endsWith('T')) return undefined;
  const sign = m[1] ? -1 : 1;
  const n = (i: number) => sign * Number(m[i] ?? 0);
  const d = new Date(date.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + n(2), d.getUTCMonth() + n(3), d.getUTCDate() + n(4) * 7 + n(5));
  return new Date(d.getTime() + ((n(6) * 60 + n(7)) * 60 + n(8)) * 1000);
}

export const dateFunctions: FunctionDef[] = [
  fn('dateTimeAdd', 2, 3, (a) => {
    const base = parseIsoDate(str('dateTimeAdd', a, 0));
    if (!base) fail('dateTimeAdd', `"${String(a[0])}" is not a valid date`);
    const result = addDuration(base, str('dateTimeAdd', a, 1));
    if (!result) fail('dateTimeAdd', `"${String(a[1])}" is not an ISO 8601 duration`);
    // A valid template: not computing the format is sigil's limit (unknown), not a template error.
    if (a.length > 2) throw new UnsupportedFunctionError('dateTimeAdd(): custom output formats are not computed by sigil');
    return formatSeconds(result);
  }),
  fn('dateTimeFromEpoch', 1, 1, (a) => formatSeconds(new Date(int('dateTimeFromEpoch', a, 0) * 1000))),
  fn('dateTimeToEpoch', 1, 1, (a) => {
    const d = parseIsoDate(str('dateTimeToEpoch', a, 0));
    if (!d) fail('dateTimeToEpoch', `"${String(a[0])}" is not a valid date`);
    return Math.floor(d.getTime() / 1000);
  }),
];
