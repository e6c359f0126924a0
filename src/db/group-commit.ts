import type { Db } from './client.js';
import { sqliteConnectionOf } from './prepared.js';
import { inWriteTransaction } from './write-transaction.js';

interface WriteUnit {
  run(tx: Db): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const queues = new WeakMap<Db, WriteUnit[]>();
const savepointRunners = new WeakMap<object, (work: () => unknown) => unknown>();

/**
 * Runs `work` in a savepoint of the open transaction. better-sqlite3's nested transactions keep
 * their SAVEPOINT/RELEASE/ROLLBACK TO statements prepared; drizzle's nested transaction prepares
 * two raw statements per call (a tenth of a unit's cost in a burst of issuances).
 */
function inSavepoint(tx: Db, work: () => unknown): unknown {
  const connection = sqliteConnectionOf(tx);
  if (!connection) throw new TypeError('group commit needs a better-sqlite3 connection');
  let run = savepointRunners.get(connection);
  if (!run) savepointRunners.set(connection, (run = connection.transaction((inner: () => unknown) => inner())));
  return run(work);
}

/**
 * Stores the units in one transaction, without savepoints: the common case, where no unit fails,
 * pays for none. If one fails, the whole transaction is rolled back (nothing of any unit is
 * stored) and the group is run again with a savepoint per unit, so only the failing unit is lost.
 */
function flush(db: Db, units: WriteUnit[]): void {
  queues.delete(db);
  let values: unknown[];
  try {
    values = inWriteTransaction(db, (tx) => units.map((unit) => unit.run(tx)));
  } catch (error) {
    if (units.length === 1) units[0]!.reject(error);
    else flushInSavepoints(db, units);
    return;
  }
  units.forEach((unit, i) => unit.resolve(values[i]));
}

/** Stores the units in one transaction, each in its own savepoint: a unit that throws loses only its own writes. */
function flushInSavepoints(db: Db, units: WriteUnit[]): void {
  const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
  try {
    inWriteTransaction(db, (tx) => {
      for (const unit of units) {
        try {
          outcomes.push({ ok: true, value: inSavepoint(tx, () => unit.run(tx)) });
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
 * whose signatures arrive together) share one commit instead of paying for one each. A unit that
 * throws rolls back only its own writes and rejects only its own promise; the others are then run
 * a second time (see flush), so a unit must do nothing but its database writes. Resolves with the
 * unit's result once the shared transaction has committed, so a caller never answers before its
 * data is durable.
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
