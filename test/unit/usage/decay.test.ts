import fc from 'fast-check';
import {
  DEFAULT_HALF_LIFE_DAYS,
  assessUsage,
  referenceStrength,
  usageScore,
  usageState,
  usageStrength,
} from '../../../src/usage/decay.js';

const DAY = 86_400_000;
const BASE = Date.UTC(2025, 0, 1);

/** `YYYY-MM-DD` for BASE + offset days. */
const isoDay = (offset: number): string => new Date(BASE + offset * DAY).toISOString().slice(0, 10);
/** A `now` within day BASE + offset, at some time of that day. */
const nowAt = (offset: number, msIntoDay = 12 * 3_600_000): Date => new Date(BASE + offset * DAY + msIntoDay);

const dayOffsets = fc.array(fc.integer({ min: -800, max: 800 }), { maxLength: 60 });
const halfLives = fc.integer({ min: 1, max: 365 });
const msIntoDay = fc.integer({ min: 0, max: DAY - 1 });

describe('referenceStrength', () => {
  it('is 1 / (1 − 2^(−7/h))', () => {
    expect(referenceStrength(7)).toBe(2); // 1 / (1 − ½)
    expect(referenceStrength(14)).toBeCloseTo(1 / (1 - Math.SQRT1_2), 12); // ≈ 3.414
    expect(referenceStrength()).toBeCloseTo(6.6965, 4); // h = 30
  });

  it.each([0, -1, Number.NaN, Infinity])('rejects half-life %p with TypeError', (h) => {
    expect(() => referenceStrength(h)).toThrow(TypeError);
  });
});

describe('usageStrength and usageScore: hand-computed examples', () => {
  const now = nowAt(100);

  it('with h = 7, one use today is worth half of weekly use forever', () => {
    expect(usageStrength([isoDay(100)], now, 7)).toBe(1);
    expect(usageScore([isoDay(100)], now, 7)).toBe(50);
  });

  it('with h = 7, a use 7 days ago counts ½, 14 days ago ¼', () => {
    expect(usageStrength([isoDay(93)], now, 7)).toBe(0.5);
    expect(usageScore([isoDay(93)], now, 7)).toBe(25);
    expect(usageScore([isoDay(86)], now, 7)).toBe(13); // 100 · 0.25 / 2 = 12.5, rounded half up
    expect(usageScore([isoDay(100), isoDay(93)], now, 7)).toBe(75); // (1 + ½) / 2
  });

  it('with the default h = 30, one use today scores 15 and daily use caps at 100', () => {
    expect(DEFAULT_HALF_LIFE_DAYS).toBe(30);
    expect(usageScore([isoDay(100)], now)).toBe(15); // 100 / 6.6965 = 14.93
    expect(usageScore([isoDay(100), isoDay(70)], now)).toBe(22); // 150 / 6.6965 = 22.4
    const daily = Array.from({ length: 60 }, (_, i) => isoDay(100 - i));
    expect(usageStrength(daily, now)).toBeGreaterThan(referenceStrength());
    expect(usageScore(daily, now)).toBe(100);
  });

  it('12 weeks of weekly use ending today scores 86 with h = 30', () => {
    const weekly = Array.from({ length: 12 }, (_, i) => isoDay(100 - 7 * i));
    // E / E_ref = 1 − 2^(−84/30) = 0.8564
    expect(usageScore(weekly, now)).toBe(86);
  });

  it('takes "today" from the UTC date of now, whatever the time of day', () => {
    expect(usageStrength([isoDay(100)], nowAt(100, 0), 7)).toBe(1);
    expect(usageStrength([isoDay(100)], nowAt(100, DAY - 1), 7)).toBe(1);
    // 00:30 at +02:00 is still the previous UTC day, so the use is "tomorrow" and ignored
    expect(usageStrength(['2025-03-10'], new Date('2025-03-10T00:30:00+02:00'), 7)).toBe(0);
  });

  it('ignores days after now and counts duplicates once, in any order', () => {
    expect(usageStrength([isoDay(101), isoDay(500)], now, 7)).toBe(0);
    expect(usageStrength([isoDay(93), isoDay(100), isoDay(93), isoDay(100)], now, 7)).toBe(1.5);
  });

  it.each([['2025-02-30'], ['2025-1-01'], ['20250101'], ['2025-01-01T00:00:00Z'], ['']])('rejects day %p with TypeError', (day) => {
    expect(() => usageStrength([day], now)).toThrow(TypeError);
  });

  it('rejects an invalid clock with TypeError', () => {
    expect(() => usageStrength([], new Date(Number.NaN))).toThrow(TypeError);
  });
});

describe('usageState', () => {
  it.each([
    [100, 'current'],
    [60, 'current'],
    [59, 'fading'],
    [25, 'fading'],
    [24, 'lapsed'],
    [0, 'lapsed'],
  ] as const)('score %p → %p', (score, state) => {
    expect(usageState(score, true)).toBe(state);
  });

  it('decides on the unrounded score, exactly at the thresholds of conventions §5', () => {
    expect(usageState(59.99, true)).toBe('fading');
    expect(usageState(24.99, true)).toBe('lapsed');
  });

  it('is no_evidence without evidence, whatever the score', () => {
    expect(usageState(0, false)).toBe('no_evidence');
    expect(usageState(80, false)).toBe('no_evidence');
  });

  it.each([-1, 101, Number.NaN])('rejects score %p with TypeError', (score) => {
    expect(() => usageState(score, true)).toThrow(TypeError);
  });
});

describe('assessUsage', () => {
  it('never rounds a score up across a threshold: 59.9% shows 59 beside fading, 24.8% shows 24 beside lapsed', () => {
    // h = 4, uses 1 and 26 days ago: E / E_ref = 0.5987; h = 1, one use 2 days ago: 0.2480.
    const justBelowCurrent = assessUsage({ activeDays: [isoDay(99), isoDay(74)], now: nowAt(100), halfLifeDays: 4 });
    expect(justBelowCurrent.strength / referenceStrength(4)).toBeCloseTo(0.5987, 4);
    expect(justBelowCurrent).toMatchObject({ score: 59, state: 'fading' });
    const justBelowFading = assessUsage({ activeDays: [isoDay(98)], now: nowAt(100), halfLifeDays: 1 });
    expect(justBelowFading).toMatchObject({ score: 24, state: 'lapsed' });
    // Elsewhere the score is rounded half up as before.
    expect(assessUsage({ activeDays: [isoDay(100)], now: nowAt(100) })).toMatchObject({ score: 15, state: 'lapsed' });
  });

  it('summarises a realistic history (h = 7, hand-computed)', () => {
    const result = assessUsage({
      activeDays: ['2025-03-20', '2025-03-31', '2025-01-06', '2025-03-24', '2025-04-01', '2025-03-31'],
      now: new Date('2025-03-31T12:00:00Z'),
      halfLifeDays: 7,
    });
    // ages 0, 7, 11, 84 (2025-04-01 is in the future): E = 1 + ½ + 2^(−11/7) + 2^(−12) ≈ 1.8361
    expect(result.strength).toBeCloseTo(1 + 0.5 + 2 ** (-11 / 7) + 2 ** -12, 12);
    expect(result.score).toBe(92);
    expect(result.state).toBe('current');
    expect(result.lastActiveDate).toBe('2025-03-31');
    expect(result.daysSinceLastUse).toBe(0);
    expect(result.halfLifeDays).toBe(7);
    // oldest first; week 11 = ages 0–6, week 10 = ages 7–13; age 84 falls just outside week 0 (77–83)
    expect(result.activeWeeksLast12).toEqual([false, false, false, false, false, false, false, false, false, false, true, true]);
  });

  it('reports recency and week boundaries exactly', () => {
    const result = assessUsage({ activeDays: [isoDay(100 - 83), isoDay(100 - 20)], now: nowAt(100) });
    expect(result.daysSinceLastUse).toBe(20);
    expect(result.lastActiveDate).toBe(isoDay(80));
    expect(result.activeWeeksLast12).toEqual([true, false, false, false, false, false, false, false, false, true, false, false]);
    expect(result.halfLifeDays).toBe(30);
  });

  it.each([
    ['no days', []],
    ['only future days', ['2026-01-01']],
  ])('is no_evidence with %s', (_label, activeDays) => {
    expect(assessUsage({ activeDays, now: nowAt(0) })).toEqual({
      state: 'no_evidence',
      score: 0,
      strength: 0,
      lastActiveDate: null,
      daysSinceLastUse: null,
      activeWeeksLast12: Array(12).fill(false),
      halfLifeDays: 30,
    });
  });

  it('is lapsed, not no_evidence, when old evidence has decayed to 0', () => {
    const result = assessUsage({ activeDays: [isoDay(-700)], now: nowAt(100) });
    expect(result.score).toBe(0);
    expect(result.state).toBe('lapsed');
    expect(result.daysSinceLastUse).toBe(800);
  });

  it('agrees with the individual functions', () => {
    fc.assert(
      fc.property(dayOffsets, fc.integer({ min: -100, max: 100 }), halfLives, (offsets, now, h) => {
        const activeDays = offsets.map(isoDay);
        const result = assessUsage({ activeDays, now: nowAt(now), halfLifeDays: h });
        expect(result.strength).toBe(usageStrength(activeDays, nowAt(now), h));
        expect(result.score).toBe(usageScore(activeDays, nowAt(now), h));
        expect(result.state).toBe(usageState(result.score, result.lastActiveDate !== null));
        expect(result.activeWeeksLast12).toHaveLength(12);
      }),
    );
  });
});

describe('properties', () => {
  it('without new use, the score never rises as now advances', () => {
    fc.assert(
      fc.property(dayOffsets, fc.nat(400), fc.nat(400), msIntoDay, msIntoDay, halfLives, (offsets, t0, step, ms0, ms1, h) => {
        const days = offsets.filter((d) => d <= t0).map(isoDay);
        const earlier = nowAt(t0, ms0);
        const later = new Date(Math.max(earlier.getTime(), nowAt(t0 + step, ms1).getTime()));
        expect(usageStrength(days, later, h)).toBeLessThanOrEqual(usageStrength(days, earlier, h));
        expect(usageScore(days, later, h)).toBeLessThanOrEqual(usageScore(days, earlier, h));
      }),
    );
  });

  it('adding an already-present day changes nothing', () => {
    fc.assert(
      fc.property(dayOffsets.filter((o) => o.length > 0), fc.nat(), fc.integer({ min: -800, max: 800 }), halfLives, (offsets, pick, now, h) => {
        const days = offsets.map(isoDay);
        const again = days[pick % days.length] as string;
        expect(usageStrength([...days, again], nowAt(now), h)).toBe(usageStrength(days, nowAt(now), h));
        expect(assessUsage({ activeDays: [again, ...days], now: nowAt(now), halfLifeDays: h })).toEqual(
          assessUsage({ activeDays: days, now: nowAt(now), halfLifeDays: h }),
        );
      }),
    );
  });

  it('the score is an integer in [0, 100]', () => {
    fc.assert(
      fc.property(dayOffsets, fc.integer({ min: -800, max: 800 }), fc.double({ min: 0.01, max: 10_000, noNaN: true }), (offsets, now, h) => {
        const score = usageScore(offsets.map(isoDay), nowAt(now), h);
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
    );
  });

  it("one active day's contribution halves every h days", () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), fc.nat(300), halfLives, (day, age, h) => {
        const days = [isoDay(day)];
        const before = usageStrength(days, nowAt(day + age), h);
        const after = usageStrength(days, nowAt(day + age + h), h);
        expect(after / before).toBeCloseTo(0.5, 12);
      }),
    );
  });

  it('weekly use for a long time, up to today, approaches 100', () => {
    fc.assert(
      fc.property(halfLives, fc.nat(5), (h, extraWeeks) => {
        // 2^(−7N/h) ≤ 2^(−8) once N ≥ 8h/7, so the score is at least round(99.6) = 100
        const weeks = Math.ceil((8 * h) / 7) + extraWeeks;
        const days = Array.from({ length: weeks }, (_, i) => isoDay(-7 * i));
        expect(usageScore(days, nowAt(0), h)).toBe(100);
        expect(usageStrength(days, nowAt(0), h)).toBeLessThan(referenceStrength(h));
      }),
    );
  });

  it('days in the future do not count', () => {
    fc.assert(
      fc.property(dayOffsets, fc.array(fc.integer({ min: 1, max: 800 }), { minLength: 1 }), fc.integer({ min: -400, max: 400 }), halfLives, (past, ahead, now, h) => {
        const days = past.filter((d) => d <= now).map(isoDay);
        const future = ahead.map((a) => isoDay(now + a));
        expect(assessUsage({ activeDays: [...days, ...future], now: nowAt(now), halfLifeDays: h })).toEqual(
          assessUsage({ activeDays: days, now: nowAt(now), halfLifeDays: h }),
        );
      }),
    );
  });

  it('order of the input does not matter', () => {
    fc.assert(
      fc.property(dayOffsets, fc.integer({ min: -800, max: 800 }), halfLives, (offsets, now, h) => {
        const days = offsets.map(isoDay);
        expect(usageStrength([...days].reverse(), nowAt(now), h)).toBe(usageStrength(days, nowAt(now), h));
      }),
    );
  });
});
