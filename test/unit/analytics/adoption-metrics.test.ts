import { adoptionPoint, ragStatus, valueEstimate, valueInputsOf } from '../../../src/analytics/adoption-metrics.js';
import { addDays, utcDay } from '../../../src/calendar.js';

describe('adoption metrics', () => {
  it('has a null rate while nobody is eligible', () => {
    expect(adoptionPoint(0, 0)).toEqual({ rate: null, active: 0, eligible: 0 });
    expect(adoptionPoint(2, 5)).toEqual({ rate: 0.4, active: 2, eligible: 5 });
  });

  it('rates the 90-day rate green at the target, amber at half of it, red below, pending without data', () => {
    expect(ragStatus(0.4, 0.4)).toBe('green');
    expect(ragStatus(0.399, 0.4)).toBe('amber');
    expect(ragStatus(0.2, 0.4)).toBe('amber');
    expect(ragStatus(0.199, 0.4)).toBe('red');
    expect(ragStatus(0, 0.4)).toBe('red');
    expect(ragStatus(null, 0.4)).toBe('pending');
    expect(ragStatus(0.3, 0.5)).toBe('amber');
    expect(ragStatus(0.24, 0.5)).toBe('red');
  });

  it('estimates hours and value from active days, labelled with its inputs', () => {
    expect(valueEstimate(7, { minutesSavedPerActiveDay: 20, hourlyCost: 55.5 })).toEqual({
      estimate: true, activeDays: 7, minutesSavedPerActiveDay: 20, hourlyCost: 55.5, hoursSaved: 2.33, value: 129.5,
    });
    expect(valueInputsOf({ minutesSavedPerActiveDay: 10, hourlyCost: null })).toBeUndefined();
    expect(valueInputsOf({ minutesSavedPerActiveDay: 0, hourlyCost: 100 })).toEqual({ minutesSavedPerActiveDay: 0, hourlyCost: 100 });
  });

  it('moves UTC calendar days across months, leap days and years', () => {
    expect(addDays('2026-07-01', 30)).toBe('2026-07-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(utcDay(new Date('2026-07-01T23:30:00-02:00'))).toBe('2026-07-02');
  });
});
