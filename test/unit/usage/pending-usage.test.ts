import { PendingUsage } from '../../../src/usage/pending-usage.js';
import type { LoggedUsageBatch } from '../../../src/usage/usage-log.js';

const hash = (n: number) => n.toString(16).padStart(32, '0');
const batch = (seq: number, overrides: Partial<LoggedUsageBatch> = {}): LoggedUsageBatch => ({
  seq,
  tenantId: 'acme',
  sourceId: `source-${seq}`,
  statements: [[hash(seq), hash(1000 + seq)]],
  days: [['l1', 'c1', `2026-11-0${seq}`, 1]],
  ...overrides,
});
const l1 = { tenantId: 'acme', learnerId: 'l1', courseId: 'c1' };

describe('PendingUsage', () => {
  it('answers content hashes and days of the batches it holds, per tenant', () => {
    const pending = new PendingUsage();
    pending.add(batch(1));
    pending.add(batch(2, { tenantId: 'globex', days: [['l1', 'c1', '2026-11-09', 3]] }));
    expect(pending.contentHashOf('acme', hash(1))).toBe(hash(1001));
    expect(pending.contentHashOf('globex', hash(1))).toBeUndefined();
    expect(pending.contentHashOf('globex', hash(2))).toBe(hash(1002));
    expect(pending.daysOf(l1)).toEqual([{ day: '2026-11-01', sourceId: 'source-1' }]);
    expect(pending.daysOf({ ...l1, tenantId: 'globex' })).toEqual([{ day: '2026-11-09', sourceId: 'source-2' }]);
    expect(pending.daysOf({ ...l1, courseId: 'c2' })).toEqual([]);
    expect(pending.statementCount).toBe(2);
    expect(pending.seenThrough).toBe(2);
  });

  it('drops batches up to a folded sequence number, oldest first, keeping days later batches repeat', () => {
    const pending = new PendingUsage();
    pending.add(batch(1, { days: [['l1', 'c1', '2026-11-01', 1]] }));
    pending.add(batch(2, { days: [['l1', 'c1', '2026-11-01', 2], ['l1', 'c1', '2026-11-02', 1]] }));
    pending.trimThrough(1);
    expect(pending.contentHashOf('acme', hash(1))).toBeUndefined();
    expect(pending.contentHashOf('acme', hash(2))).toBe(hash(1002));
    expect(pending.daysOf(l1)).toEqual([
      { day: '2026-11-01', sourceId: 'source-2' },
      { day: '2026-11-02', sourceId: 'source-2' },
    ]);
    pending.trimThrough(2);
    expect(pending.daysOf(l1)).toEqual([]);
    expect(pending.statementCount).toBe(0);
  });

  it('ignores batches it has seen or skipped, so catching up from the log twice holds each once', () => {
    const pending = new PendingUsage();
    pending.skipThrough(3);
    pending.add(batch(3));
    expect(pending.statementCount).toBe(0);
    pending.add(batch(4));
    pending.add(batch(4));
    expect(pending.statementCount).toBe(1);
    pending.skipThrough(4);
    expect(pending.statementCount).toBe(0);
    expect(pending.seenThrough).toBe(4);
  });
});
