import { isDateTimeStamp, toDateTimeStamp } from '../../../src/credentials/date-time.js';

describe('isDateTimeStamp', () => {
  it.each([
    '2026-11-02T10:00:00Z',
    '2026-11-02T10:00:00.123456Z',
    '2026-11-02T12:00:00+02:00',
    '2026-11-02T00:00:00-14:00',
    '2028-02-29T23:59:59Z',
    '2000-02-29T00:00:00Z',
    '2026-12-31T23:59:59+05:45',
  ])('accepts %s', (value) => {
    expect(isDateTimeStamp(value)).toBe(true);
  });

  it.each([
    ['a day past the end of the month', '2026-02-30T00:00:00Z'],
    ['February 29 outside a leap year', '2026-02-29T00:00:00Z'],
    ['February 29 of a century that is not a leap year', '1900-02-29T00:00:00Z'],
    ['April 31', '2026-04-31T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['month 0', '2026-00-10T00:00:00Z'],
    ['day 0', '2026-01-00T00:00:00Z'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['minute 60', '2026-01-01T10:60:00Z'],
    ['second 60', '2026-01-01T10:00:60Z'],
    ['fields out of every range', '2026-99-99T99:99:99Z'],
    ['an offset beyond ±14:00', '2026-01-01T10:00:00+14:30'],
    ['offset minutes of 60', '2026-01-01T10:00:00+01:60'],
    ['no time zone', '2026-01-01T10:00:00'],
    ['a date without time', '2026-01-01'],
    ['a number', 20260101],
  ])('refuses %s', (_name, value) => {
    expect(isDateTimeStamp(value)).toBe(false);
  });
});

describe('toDateTimeStamp', () => {
  it('formats a Date with whole seconds and keeps a valid string as is', () => {
    expect(toDateTimeStamp(new Date('2026-11-02T10:00:00.500Z'), 'validFrom')).toBe('2026-11-02T10:00:00Z');
    expect(toDateTimeStamp('2026-11-02T12:00:00.5+02:00', 'validFrom')).toBe('2026-11-02T12:00:00.5+02:00');
  });

  it('throws a TypeError for a calendar-invalid string or an invalid Date', () => {
    expect(() => toDateTimeStamp('2026-02-30T00:00:00Z', 'validFrom')).toThrow(TypeError);
    expect(() => toDateTimeStamp(new Date('nonsense'), 'validFrom')).toThrow(TypeError);
  });
});
