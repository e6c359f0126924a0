/**
 * The recent-usage model (conventions §5), kept explainable: each distinct active UTC day
 * contributes 2^(−age/h), where age is in whole days and h is the half-life. The score
 * compares that strength with "used once a week, forever". Pure: the clock is an input.
 */
import { MS_PER_DAY } from '../calendar.js';

/** Default half-life in days. */
export const DEFAULT_HALF_LIFE_DAYS = 30;

/** What the verify page shows. `no_evidence`: no active day on or before today. */
export type UsageState = 'current' | 'fading' | 'lapsed' | 'no_evidence';

/** Input of {@link assessUsage}. */
export interface AssessUsageInput {
  /** Active UTC days as `YYYY-MM-DD`, any order, duplicates allowed. */
  activeDays: readonly string[];
  /** The injected clock's current instant; its UTC date is "today". */
  now: Date;
  /** Half-life in days (default {@link DEFAULT_HALF_LIFE_DAYS}). */
  halfLifeDays?: number | undefined;
}

/** Everything the verify route and the usage attestation need, from one pass. */
export interface UsageAssessment {
  state: UsageState;
  /** 0–100. */
  score: number;
  /** Raw strength E (unrounded). */
  strength: number;
  /** Most recent active day on or before today, or `null`. */
  lastActiveDate: string | null;
  /** Whole days from `lastActiveDate` to today (0 = used today), or `null`. */
  daysSinceLastUse: number | null;
  /** 12 entries, oldest first; entry i covers the 7 days ending (11 − i)·7 days before today. */
  activeWeeksLast12: boolean[];
  halfLifeDays: number;
}

/** Days from 1970-01-01 to the first of each month of a common year (index 0 = January). */
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DIGIT_0 = 48;

function isLeapYear(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** Leap days in years 1..y (inclusive) of the proleptic Gregorian calendar. */
function leapDaysThrough(y: number): number {
  return Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
}

/** Digit value of `day[i]`, or NaN when it is not an ASCII digit. */
function digit(day: string, i: number): number {
  const d = day.charCodeAt(i) - DIGIT_0;
  return d >= 0 && d <= 9 ? d : NaN;
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` string, by arithmetic: this runs once per active day
 * on every verify (700+ for a daily user), where a regex, Date.UTC and an ISO round trip per
 * day cost over 1 µs each. Accepts exactly what that round trip accepted: real calendar dates
 * in years 0100–9999 (Date.UTC maps years 0–99 to 1900–1999, so those never round-tripped).
 */
function dayNumber(day: string): number {
  if (typeof day === 'string' && day.length === 10 && day.charCodeAt(4) === 45 && day.charCodeAt(7) === 45) {
    const y = digit(day, 0) * 1000 + digit(day, 1) * 100 + digit(day, 2) * 10 + digit(day, 3);
    const m = digit(day, 5) * 10 + digit(day, 6);
    const d = digit(day, 8) * 10 + digit(day, 9);
    // NaN (a non-digit) fails every comparison below.
    if (y >= 100 && m >= 1 && m <= 12 && d >= 1 && d <= DAYS_IN_MONTH[m - 1]! + (m === 2 && isLeapYear(y) ? 1 : 0)) {
      const leapDays = leapDaysThrough(m > 2 ? y : y - 1) - leapDaysThrough(1969);
      return (y - 1970) * 365 + leapDays + DAYS_BEFORE_MONTH[m - 1]! + d - 1;
    }
  }
  throw new TypeError(`active day must be a real calendar date as YYYY-MM-DD, got ${String(day)}`);
}

function todayNumber(now: Date): number {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('now must be a valid Date');
  return Math.floor(now.getTime() / MS_PER_DAY);
}

function checkHalfLife(halfLifeDays: number): number {
  if (typeof halfLifeDays !== 'number' || !Number.isFinite(halfLifeDays) || halfLifeDays <= 0) {
    throw new TypeError(`halfLifeDays must be a positive finite number, got ${String(halfLifeDays)}`);
  }
  return halfLifeDays;
}

/** Ages in days (≥ 0) of the distinct active days on or before today, youngest first. */
function pastAges(activeDays: readonly string[], today: number): number[] {
  if (!Array.isArray(activeDays)) throw new TypeError('activeDays must be an array');
  const ages: number[] = [];
  // Days usually arrive distinct and ascending (the repository sorts them): then the ages are
  // already distinct and only need reversing, with no set or sort. Otherwise, dedupe and sort.
  let ascending = true;
  let previous = -Infinity;
  for (const day of activeDays) {
    const n = dayNumber(day);
    if (n <= previous) ascending = false;
    previous = n;
    const age = today - n;
    if (age >= 0) ages.push(age); // a day after "now" has not happened yet
  }
  if (ascending) return ages.reverse();
  return [...new Set(ages)].sort((a, b) => a - b);
}

function strengthOf(ages: readonly number[], halfLifeDays: number): number {
  let sum = 0;
  for (const age of ages) sum += 2 ** (-age / halfLifeDays);
  return sum;
}

/** Score thresholds of the states (conventions §5: Current ≥ 0.6, Fading ≥ 0.25), as percentages. */
const CURRENT_AT = 60;
const FADING_AT = 25;

/** 100 · min(1, E / E_ref), unrounded: what the states are decided on. */
function percentOf(strength: number, halfLifeDays: number): number {
  return 100 * Math.min(1, strength / referenceStrength(halfLifeDays));
}

/**
 * The score shown for a percentage: rounded half up, except never up across a state threshold, so
 * the number and the state always agree (59.7 is shown as 59 beside "fading", not as 60).
 */
function shownScore(percent: number): number {
  const rounded = Math.round(percent);
  for (const threshold of [CURRENT_AT, FADING_AT]) if (percent < threshold && rounded >= threshold) return threshold - 1;
  return rounded;
}

/**
 * Strength E = Σ over distinct active days d ≤ today of 2^(−(today − d)/h).
 * Days after `now`'s UTC date are ignored; duplicates count once.
 * @throws TypeError for a malformed day, an invalid `now` or a non-positive half-life.
 */
export function usageStrength(activeDays: readonly string[], now: Date, halfLifeDays: number = DEFAULT_HALF_LIFE_DAYS): number {
  checkHalfLife(halfLifeDays);
  return strengthOf(pastAges(activeDays, todayNumber(now)), halfLifeDays);
}

/** Reference strength: use once a week, forever, including today: 1 / (1 − 2^(−7/h)). */
export function referenceStrength(halfLifeDays: number = DEFAULT_HALF_LIFE_DAYS): number {
  checkHalfLife(halfLifeDays);
  return 1 / (1 - 2 ** (-7 / halfLifeDays));
}

/**
 * Score 0–100 as shown: round(100 · min(1, E / E_ref)), half up, except that a score just below a
 * state's threshold is never rounded up to it (see {@link usageState}).
 */
export function usageScore(activeDays: readonly string[], now: Date, halfLifeDays: number = DEFAULT_HALF_LIFE_DAYS): number {
  return shownScore(percentOf(usageStrength(activeDays, now, halfLifeDays), halfLifeDays));
}

/**
 * State for a score, exactly as conventions §5 defines it on min(1, E / E_ref): `current` ≥ 60,
 * `fading` ≥ 25, else `lapsed`; `no_evidence` when there is no active day on or before today.
 * Takes the unrounded percentage (an already shown score gives the same state: shown scores never
 * cross a threshold by rounding).
 * @throws TypeError for a score outside [0, 100].
 */
export function usageState(score: number, hasEvidence: boolean): UsageState {
  if (typeof score !== 'number' || !(score >= 0 && score <= 100)) {
    throw new TypeError(`score must be a number in [0, 100], got ${String(score)}`);
  }
  if (!hasEvidence) return 'no_evidence';
  if (score >= CURRENT_AT) return 'current';
  if (score >= FADING_AT) return 'fading';
  return 'lapsed';
}

/** Assesses recent usage in one pass: state, score, strength, recency and the 12-week strip. */
export function assessUsage(input: AssessUsageInput): UsageAssessment {
  const halfLifeDays = checkHalfLife(input.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS);
  const today = todayNumber(input.now);
  const ages = pastAges(input.activeDays, today);
  const strength = strengthOf(ages, halfLifeDays);
  const percent = percentOf(strength, halfLifeDays);
  const youngest = ages[0];
  const activeWeeksLast12 = Array.from({ length: 12 }, (_, i) => {
    const newestAge = (11 - i) * 7;
    return ages.some((age) => age >= newestAge && age <= newestAge + 6);
  });
  return {
    state: usageState(percent, youngest !== undefined),
    score: shownScore(percent),
    strength,
    lastActiveDate: youngest === undefined ? null : new Date((today - youngest) * MS_PER_DAY).toISOString().slice(0, 10),
    daysSinceLastUse: youngest ?? null,
    activeWeeksLast12,
    halfLifeDays,
  };
}
