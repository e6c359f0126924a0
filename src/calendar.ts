/** UTC calendar days as `YYYY-MM-DD` strings, the unit of usage evidence and cohorts. */

/** Milliseconds in a (UTC) day. */
export const MS_PER_DAY = 86_400_000;

/** The UTC calendar day of `date`. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `day` moved by `days` (negative moves back). */
export function addDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * MS_PER_DAY));
}
