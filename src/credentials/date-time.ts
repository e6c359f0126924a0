const DATE_TIME_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Formats a date as an XML Schema dateTimeStamp with whole seconds (`2026-11-02T10:00:00Z`), the
 * usual VC form, stable across re-signing within one second. Strings with a timezone pass as is.
 * @throws TypeError for an invalid Date or a string without timezone.
 */
export function toDateTimeStamp(value: Date | string, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`${field} is an invalid Date`);
    return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  if (typeof value !== 'string' || !DATE_TIME_STAMP.test(value) || Number.isNaN(Date.parse(value))) {
    throw new TypeError(`${field} must be a Date or a date-time string with timezone`);
  }
  return value;
}
