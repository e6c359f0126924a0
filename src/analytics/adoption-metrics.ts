/**
 * Pure adoption arithmetic (conventions §6): checkpoints, rates, RAG status and the value
 * estimate. Counting happens in SQL (see `adoption-query.ts`); this module only shapes numbers.
 */

/** Days after completion at which adoption is measured. */
export const CHECKPOINTS = [30, 60, 90] as const;

/** A checkpoint: 30, 60 or 90 days after completion. */
export type Checkpoint = (typeof CHECKPOINTS)[number];

/**
 * A learner is weekly-active at day N with an active day in the 7 days ending at completion + N.
 * The adoption_facts triggers (migration 0007) store these windows (offsets N − 6 … N) per
 * certificate: changing the checkpoints or the week needs a migration that rebuilds the facts.
 */
export const WEEK_DAYS = 7;

/** RAG status of a group; `pending` while nobody in it has reached day 90. */
export type RagStatus = 'green' | 'amber' | 'red' | 'pending';

/** Adoption at one checkpoint: `rate` is null while `eligible` is 0. */
export interface AdoptionPoint {
  rate: number | null;
  active: number;
  eligible: number;
}

/** Adoption at 30, 60 and 90 days. */
export type AdoptionCurve = Record<`d${Checkpoint}`, AdoptionPoint>;

/** Builds a checkpoint from counts: active / eligible, or null when no one is eligible yet. */
export function adoptionPoint(active: number, eligible: number): AdoptionPoint {
  return { rate: eligible === 0 ? null : active / eligible, active, eligible };
}

/**
 * Status of the 90-day rate against `target`: green at or above it, amber at or above half of
 * it, red below; `pending` when no one's day 90 has passed (a rate of 0/0 is not a failure).
 */
export function ragStatus(d90Rate: number | null, target: number): RagStatus {
  if (d90Rate === null) return 'pending';
  if (d90Rate >= target) return 'green';
  if (d90Rate >= target / 2) return 'amber';
  return 'red';
}

/** Inputs of the value estimate, as configured on the course. */
export interface ValueInputs {
  minutesSavedPerActiveDay: number;
  hourlyCost: number;
}

/** An estimate of time and money saved, always labelled as such and carrying its inputs. */
export interface ValueEstimate extends ValueInputs {
  estimate: true;
  activeDays: number;
  hoursSaved: number;
  value: number;
}

/** Rounds to cents: estimates should not pretend to more precision than their inputs have. */
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Hours saved = active days since completion × minutes saved per day / 60; value = hours × hourly cost. */
export function valueEstimate(activeDays: number, inputs: ValueInputs): ValueEstimate {
  const hours = (activeDays * inputs.minutesSavedPerActiveDay) / 60;
  return { estimate: true, activeDays, ...inputs, hoursSaved: round2(hours), value: round2(hours * inputs.hourlyCost) };
}

/** The course's value inputs when both are set, else undefined (no estimate is shown). */
export function valueInputsOf(course: { minutesSavedPerActiveDay: number | null; hourlyCost: number | null }): ValueInputs | undefined {
  const { minutesSavedPerActiveDay, hourlyCost } = course;
  return minutesSavedPerActiveDay != null && hourlyCost != null ? { minutesSavedPerActiveDay, hourlyCost } : undefined;
}
