import type { Db } from '../db/client.js';
import { createStatusListRow, findNewestStatusList } from '../db/status-lists-repository.js';
import { isStatusSlotTaken } from '../db/status-slots-repository.js';
import { pickRandomFreeIndex, STATUS_LIST_SIZE } from '../credentials/status-list.js';

/** A reserved position in one of the tenant's revocation status lists. */
export interface StatusSlot {
  listId: string;
  index: number;
}

/** A slot that another issuance claimed between allocation and storing (retry with a new one). */
export class StatusSlotTaken extends Error {
  constructor() {
    super('status slot already taken');
    this.name = 'StatusSlotTaken';
  }
}

function slotTaken(db: Db, tenantId: string, slot: StatusSlot): boolean {
  return isStatusSlotTaken(db, { tenantId, statusListId: slot.listId, statusIndex: slot.index });
}

/**
 * Call inside the storing transaction: throws {@link StatusSlotTaken} when a certificate or a
 * VC-API credential took the slot meanwhile (each table's unique index only sees its own rows).
 */
export function assertStatusSlotFree(db: Db, tenantId: string, slot: StatusSlot): void {
  if (slotTaken(db, tenantId, slot)) throw new StatusSlotTaken();
}

/**
 * Picks a random free slot in the tenant's open status list. A list is closed once half its
 * slots are used so that random picks stay cheap and a list never reveals issuance order; the
 * certificates' and the VC-API issuance log's unique (tenant, list, index) indexes settle races.
 * Certificates and VC-API credentials share the lists: a slot is free when neither uses it.
 */
export function allocateStatusSlot(db: Db, options: { tenantId: string; at: string }): StatusSlot {
  let list = findNewestStatusList(db, options.tenantId);
  if (!list || list.allocated >= list.size / 2) {
    const listId = String(list ? Number(list.listId) + 1 : 1);
    createStatusListRow(db, { tenantId: options.tenantId, listId, size: STATUS_LIST_SIZE, updatedAt: options.at });
    list = findNewestStatusList(db, options.tenantId)!;
  }
  const { listId } = list;
  const index = pickRandomFreeIndex((candidate) => slotTaken(db, options.tenantId, { listId, index: candidate }), list.size);
  if (index === null) throw new TypeError(`status list ${listId} unexpectedly full`);
  return { listId, index };
}
