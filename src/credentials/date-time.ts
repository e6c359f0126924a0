/** XML Schema dateTimeStamp: `2026-11-02T10:00:00Z`, optional fraction, `Z` or a `±hh:mm` offset. */
const DATE_TIME_STAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;
/** The widest offset XML Schema allows, in minutes (±14:00). */
const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * Whether the fields of a matched date-time name a real instant: `Date.parse` rolls
 * `2026-02-30` over to March 2 and `T24:00:00` to the next day, so the fields are rebuilt as a
 * date and must come back unchanged (which refuses Feb 30, Feb 29 outside leap years, month 13,
 * hour 24, minute or second 60).
 */
function isCalendarValid(match: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second);
  const sameFields =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day &&
    date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
  const offsetHours = Number(match[7] ?? 0);
  const offsetMinutes = Number(match[8] ?? 0);
  return sameFields && offsetMinutes < 60 && offsetHours * 60 + offsetMinutes <= MAX_OFFSET_MINUTES;
}

/**
 * Whether `value` is an XML Schema dateTimeStamp as VC dates must be: a string such as
 * `2026-11-02T10:00:00Z` or `2026-11-02T12:00:00.5+02:00`, with a time zone, naming a date
 * that exists in the calendar (no `2026-02-30`, no hour 24) and an offset within ±14:00.
 */
export function isDateTimeStamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_TIME_STAMP.exec(value);
  return match !== null && isCalendarValid(match) && !Number.isNaN(Date.parse(value));
}

/**
 * Formats a date as an XML Schema dateTimeStamp with whole seconds (`2026-11-02T10:00:00Z`), the
 * usual VC form, stable across re-signing within one second. Valid date-time strings
 * ({@link isDateTimeStamp}) pass as is.
 * @throws TypeError for an invalid Date, or a string without time zone or with a date that does
 *   not exist in the calendar.
 */
export function toDateTimeStamp(value: Date | string, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`${field} is an invalid Date`);
    return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  if (!isDateTimeStamp(value)) throw new TypeError(`${field} must be a Date or a valid date-time string with timezone`);
  return value;
}
