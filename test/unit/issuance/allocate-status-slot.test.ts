import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { openDatabase, type DatabaseHandle } from '../../../src/db/client.js';
import { countAllocatedSlot, createStatusListRow, findNewestStatusList } from '../../../src/db/status-lists-repository.js';
import { insertIssuedCredential } from '../../../src/db/issued-credentials-repository.js';
import { allocateStatusSlot, assertStatusSlotFree, StatusSlotTaken } from '../../../src/issuance/allocate-status-slot.js';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';

describe('allocateStatusSlot', () => {
  let ctx: TestContext;
  let otherProcess: DatabaseHandle;
  beforeAll(async () => {
    ctx = await createTestContext();
    otherProcess = openDatabase(ctx.database.sqlite.name);
  });
  afterAll(async () => {
    otherProcess.close();
    await ctx.close();
  });

  const at = '2026-11-02T10:00:00.000Z';

  /** Stores a VC-API credential in a slot, as an issuance does (row and count in one transaction). */
  function store(handle: DatabaseHandle, tenantId: string, listId: string, index: number): void {
    handle.db.transaction((tx) => {
      assertStatusSlotFree(tx, tenantId, { listId, index });
      insertIssuedCredential(tx, { id: randomUUID(), tenantId, types: ['VerifiableCredential'], credentialId: null, subjectDigest: 'd', subjectJson: null, issuer: 'did:example:1', verificationMethod: 'did:example:1#k', statusListId: listId, statusIndex: index, issuedAt: at, revokedAt: null });
      countAllocatedSlot(tx, tenantId, listId);
    });
  }

  /** acme's slots handed out by the first test (reserved in memory, never stored). */
  let reserved: number[] = [];

  it('hands out distinct slots, reserved in memory until they are stored', () => {
    const tenantId = ctx.acme.tenant.id;
    // 31 picks from 64 slots: without the reservation some would repeat (all but certainly).
    createStatusListRow(ctx.database.db, { tenantId, listId: '1', size: 64, updatedAt: at });
    const slots = Array.from({ length: 31 }, () => allocateStatusSlot(ctx.database.db, { tenantId, at }));
    expect(new Set(slots.map((s) => s.listId))).toEqual(new Set(['1']));
    reserved = slots.map((s) => s.index);
    expect(new Set(reserved).size).toBe(31);
  });

  it('never picks a slot another process used, and closes a list at half full', async () => {
    const tenantId = ctx.globex.tenant.id;
    // A small list, so that picks would often collide: 64 slots, closed at 32.
    createStatusListRow(ctx.database.db, { tenantId, listId: '1', size: 64, updatedAt: at });
    const mine = allocateStatusSlot(ctx.database.db, { tenantId, at });
    store(ctx.database, tenantId, '1', mine.index);
    // Another process stores 24 more (it knows nothing of this one's memory).
    const theirs = [...Array(64).keys()].filter((i) => i !== mine.index).slice(0, 24);
    for (const index of theirs) store(otherProcess, tenantId, '1', index);
    await delay(1100); // the row is trusted for a second
    // Six picks with 39 of 63 slots free: a picker blind to theirs would hit one 94% of the time.
    const next = Array.from({ length: 6 }, () => allocateStatusSlot(ctx.database.db, { tenantId, at }));
    for (const slot of next) {
      expect(slot.listId).toBe('1');
      expect([mine.index, ...theirs]).not.toContain(slot.index);
      store(ctx.database, tenantId, '1', slot.index);
    }
    // 31 of 64 used: one more fits, then the list is half full and a new one opens.
    const last = allocateStatusSlot(ctx.database.db, { tenantId, at });
    expect(last.listId).toBe('1');
    store(ctx.database, tenantId, '1', last.index);
    expect(allocateStatusSlot(ctx.database.db, { tenantId, at }).listId).toBe('2');
    expect(findNewestStatusList(ctx.database.db, tenantId)?.listId).toBe('2');
  });

  it('reloads the taken slots when asked (a retry after a collision), and when the bits run out', () => {
    const tenantId = ctx.acme.tenant.id;
    // Another process stores 28 of the 33 slots this one has not handed out.
    const theirs = [...Array(64).keys()].filter((i) => !reserved.includes(i)).slice(0, 28);
    for (const index of theirs) store(otherProcess, tenantId, '1', index);
    // Stale bits would pick one of theirs 28 times in 33; refreshed, only a free one.
    const retry = allocateStatusSlot(ctx.database.db, { tenantId, at, refresh: true });
    expect(theirs).not.toContain(retry.index);
    // The refresh forgot this process's 31 unstored reservations: 36 slots are free, 35 after the retry.
    const rest = Array.from({ length: 35 }, () => allocateStatusSlot(ctx.database.db, { tenantId, at }));
    const mine = [retry.index, ...rest.map((slot) => slot.index)];
    expect(new Set(mine).size).toBe(36);
    for (const index of mine) expect(theirs).not.toContain(index);
    // Every bit is now set though the list is under half full: the next pick reloads from the database.
    expect(theirs).not.toContain(allocateStatusSlot(ctx.database.db, { tenantId, at }).index);
  });

  it('leaves the final word to the storing transaction: a slot taken meanwhile is refused', () => {
    const tenantId = ctx.acme.tenant.id;
    const slot = allocateStatusSlot(ctx.database.db, { tenantId, at });
    store(otherProcess, tenantId, slot.listId, slot.index);
    expect(() => assertStatusSlotFree(ctx.database.db, tenantId, slot)).toThrow(StatusSlotTaken);
  });
});
