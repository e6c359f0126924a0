/**
 * The recent-usage model (conventions §5), kept explainable: each distinct active UTC day
 * contributes 2^(−age/h), where age is in whole days and h is the half-life. The score
 * compares that strength with "used once a week, forever". Pure: the clock is an input.
 */

/** Default half-life in days. */
export const DEFAULT_HALF_LIFE_DAYS = 30;

const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

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

function dayNumber(day: string): number {
  const match = typeof day === 'string' ? ISO_DAY.exec(day) : null;
  if (match) {
    const [, y, m, d] = match.map(Number) as [number, number, number, number];
    const ms = Date.UTC(y, m - 1, d);
    // Date.UTC rolls 2024-02-30 over to March; a round trip catches impossible dates.
    if (new Date(ms).toISOString().slice(0, 10) === day) return ms / MS_PER_DAY;
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
  const ages = new Set<number>();
  for (const day of activeDays) {
    const age = today - dayNumber(day);
    if (age >= 0) ages.add(age); // a day after "now" has not happened yet
  }
  return [...ages].sort((a, b) => a - b);
}

function strengthOf(ages: readonly number[], halfLifeDays: number): number {
  let sum = 0;
  for (const age of ages) sum += 2 ** (-age / halfLifeDays);
  return sum;
}

function scoreOf(strength: number, halfLifeDays: number): number {
  return Math.round(100 * Math.min(1, strength / referenceStrength(halfLifeDays)));
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

/** Score 0–100: round(100 · min(1, E / E_ref)). */
export function usageScore(activeDays: readonly string[], now: Date, halfLifeDays: number = DEFAULT_HALF_LIFE_DAYS): number {
  return scoreOf(usageStrength(activeDays, now, halfLifeDays), halfLifeDays);
}

/**
 * State for a 0–100 score: `current` ≥ 60, `fading` ≥ 25, else `lapsed`; `no_evidence`
 * when there is no active day on or before today. Thresholds apply to the shown (rounded)
 * score so the page never shows "60" beside "fading".
 * @throws TypeError for a score outside [0, 100].
 */
export function usageState(score: number, hasEvidence: boolean): UsageState {
  if (typeof score !== 'number' || !(score >= 0 && score <= 100)) {
    throw new TypeError(`score must be a number in [0, 100], got ${String(score)}`);
  }
  if (!hasEvidence) return 'no_evidence';
  if (score >= 60) return 'current';
  if (score >= 25) return 'fading';
  return 'lapsed';
}

/** Assesses recent usage in one pass: state, score, strength, recency and the 12-week strip. */
export function assessUsage(input: AssessUsageInput): UsageAssessment {
  const halfLifeDays = checkHalfLife(input.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS);
  const today = todayNumber(input.now);
  const ages = pastAges(input.activeDays, today);
  const strength = strengthOf(ages, halfLifeDays);
  const score = scoreOf(strength, halfLifeDays);
  const youngest = ages[0];
  const activeWeeksLast12 = Array.from({ length: 12 }, (_, i) => {
    const newestAge = (11 - i) * 7;
    return ages.some((age) => age >= newestAge && age <= newestAge + 6);
  });
  return {
    state: usageState(score, youngest !== undefined),
    score,
    strength,
    lastActiveDate: youngest === undefined ? null : new Date((today - youngest) * MS_PER_DAY).toISOString().slice(0, 10),
    daysSinceLastUse: youngest ?? null,
    activeWeeksLast12,
    halfLifeDays,
  };
}
