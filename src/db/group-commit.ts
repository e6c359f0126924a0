import type { Db } from './client.js';
import { inWriteTransaction } from './write-transaction.js';

interface WriteUnit {
  run(tx: Db): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const queues = new WeakMap<Db, WriteUnit[]>();

function flush(db: Db, units: WriteUnit[]): void {
  queues.delete(db);
  const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
  try {
    inWriteTransaction(db, (tx) => {
      for (const unit of units) {
        try {
          outcomes.push({ ok: true, value: tx.transaction((savepoint) => unit.run(savepoint)) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
  } catch (error) {
    // The shared commit failed: nothing of any unit was stored.
    for (const unit of units) unit.reject(error);
    return;
  }
  units.forEach((unit, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) unit.resolve(outcome.value);
    else unit.reject(outcome.error);
  });
}

/**
 * Runs the synchronous write `unit` in one transaction with every other unit submitted for the
 * same database in this turn of the event loop, so concurrent writers (a burst of issuances
 * whose signatures arrive together) share one commit instead of paying for one each. Each unit
 * runs in its own savepoint: a unit that throws rolls back only its own writes and rejects only
 * its own promise. Resolves with the unit's result once the shared transaction has committed,
 * so a caller never answers before its data is durable.
 */
export function inGroupCommit<T>(db: Db, unit: (tx: Db) => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let units = queues.get(db);
    if (!units) {
      const batch: WriteUnit[] = [];
      units = batch;
      queues.set(db, batch);
      setImmediate(() => flush(db, batch));
    }
    units.push({ run: unit, resolve: resolve as (value: unknown) => void, reject });
  });
}
