/**
 * Date checks written in the Azure Policy language, without a function that can fail on bad input
 * (a failed function fails the whole evaluation, which Azure treats as deny). Every helper takes the
 * text of the value as an expression (without brackets) that is always a string, such as
 * `string(field('...'))`, reads fixed positions of that text padded with zeros (so `substring` never
 * runs past its end), and classifies characters with `replace` and lists instead of regular
 * expressions, which policy lacks.
 *
 * Azure reads a date with Json.NET: ISO 8601 first, then .NET's own parser with the invariant culture,
 * which accepts many other spellings (`12/31/2026`, `31 Dec 2026`). So a text is called invalid only
 * when neither can read it for sure, and it is compared with the clock only in the ISO 8601 forms that
 * sigil and Azure both read as dates.
 */

const DIGITS = [...'0123456789'];
const two = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, '0'));

/** Months of 30 days, where day 31 does not exist. */
const SHORT_MONTHS = ['04', '06', '09', '11'];
/** Two-digit endings of years divisible by 4 (and, for centuries, the first two digits). */
const MULTIPLES_OF_4 = two(0, 99).filter((n) => Number(n) % 4 === 0);

/** The text padded so that every position read below exists. */
function padded(text: string): string {
  return `concat(${text}, '0000000000000000000000000')`;
}

/** Characters `length` long at `start` of the text (zeros past its end). */
export function at(text: string, start: number, length: number): string {
  return `substring(${padded(text)}, ${start}, ${length})`;
}

/** The text after the date (from position 10), with every digit written as `#`. */
function timeShape(text: string): string {
  return DIGITS.reduce((e, d) => `replace(${e}, '${d}', '#')`, `skip(${text}, 10)`);
}

/**
 * What may follow `yyyy-MM-dd` in a date both sigil and Azure read as ISO 8601: nothing, or a time
 * (`HH:mm`, `HH:mm:ss`, or seconds with 1 to 7 fractional digits) after `T` or a space, and an
 * optional `Z` or offset. `in` ignores case, so `t` and `z` are accepted too.
 */
export const TIME_SHAPES: readonly string[] = (() => {
  const times = ['##:##', '##:##:##', ...Array.from({ length: 7 }, (_, i) => `##:##:##.${'#'.repeat(i + 1)}`)];
  const zones = ['', 'Z', '+##:##', '-##:##', '+####', '-####'];
  return ['', ...['T', ' '].flatMap((sep) => times.flatMap((t) => zones.map((z) => `${sep}${t}${z}`)))];
})();

/** The text starts with `yyyy-MM-dd` (digits and hyphens; the values are checked separately). */
export function isoDateShaped(text: string): Record<string, unknown> {
  return { value: `[${at(text, 0, 10)}]`, match: '####-##-##' };
}

/** After `yyyy-MM-dd`, the text is one of the ISO 8601 forms of TIME_SHAPES. */
export function isoTimeShaped(text: string): Record<string, unknown> {
  return { value: `[${timeShape(text)}]`, in: [...TIME_SHAPES] };
}

/** For an ISO-shaped text: year 0000, month or day out of range (February 29 outside leap years). */
export function impossibleDate(text: string): Record<string, unknown> {
  const year = at(text, 0, 4);
  const month = at(text, 5, 2);
  const day = at(text, 8, 2);
  const multiples = `createArray(${MULTIPLES_OF_4.map((n) => `'${n}'`).join(', ')})`;
  const leap = `and(contains(${multiples}, ${at(text, 2, 2)}), or(not(equals(${at(text, 2, 2)}, '00')), contains(${multiples}, ${at(text, 0, 2)})))`;
  return {
    anyOf: [
      { value: `[${year}]`, equals: '0000' },
      { value: `[${month}]`, notIn: two(1, 12) },
      { value: `[${day}]`, notIn: two(1, 31) },
      { allOf: [{ value: `[${day}]`, equals: '31' }, { value: `[${month}]`, in: ['02', ...SHORT_MONTHS] }] },
      { allOf: [{ value: `[${day}]`, equals: '30' }, { value: `[${month}]`, equals: '02' }] },
      { allOf: [{ value: `[${day}]`, equals: '29' }, { value: `[${month}]`, equals: '02' }, { value: `[${leap}]`, equals: false }] },
    ],
  };
}

/** For a text of TIME_SHAPES: hour above 24, minutes above 59 or seconds above 60. */
export function impossibleTime(text: string): Record<string, unknown> {
  // Without seconds, positions 17-18 hold an offset's hours (at most 14 in any valid offset) or the
  // padding: never above 60.
  return {
    anyOf: [
      { value: `[${at(text, 11, 2)}]`, notIn: two(0, 24) },
      { value: `[${at(text, 14, 2)}]`, notIn: two(0, 59) },
      { value: `[${at(text, 17, 2)}]`, notIn: two(0, 60) },
    ],
  };
}

/** Month and day names .NET reads in a date, and time words it may read alone. */
const DATE_WORDS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'gmt', 'utc', 'am', 'pm'];

/** The text has no digit and no month, day or time word (`never`, `TBD`, `n/a`): no parser reads it. */
export function noDateInIt(text: string): Record<string, unknown> {
  return {
    allOf: [
      { value: `[length(split(${text}, createArray(${DIGITS.map((d) => `'${d}'`).join(', ')})))]`, equals: 1 },
      { value: `[length(split(toLower(${text}), createArray(${DATE_WORDS.map((w) => `'${w}'`).join(', ')})))]`, equals: 1 },
    ],
  };
}

/**
 * `dd/MM/yyyy` with a day above 12 in the month's place: the invariant culture reads `MM/dd/yyyy`
 * and has no month 13 to 31 (a European date such as `31/12/2026`).
 */
export function dayFirstDate(text: string): Record<string, unknown> {
  return {
    allOf: [
      { value: `[${text}]`, match: '##/##/####' },
      { value: `[${at(text, 0, 2)}]`, notIn: two(1, 12) },
    ],
  };
}
