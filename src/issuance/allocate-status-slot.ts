import type { Db } from '../db/client.js';
import { isStatusSlotTaken } from '../db/certificates-repository.js';
import { createStatusListRow, findNewestStatusList } from '../db/status-lists-repository.js';
import { pickRandomFreeIndex, STATUS_LIST_SIZE } from '../credentials/status-list.js';

/** A reserved position in one of the tenant's revocation status lists. */
export interface StatusSlot {
  listId: string;
  index: number;
}

/**
 * Picks a random free slot in the tenant's open status list. A list is closed once half its
 * slots are used so that random picks stay cheap and a list never reveals issuance order; the
 * certificates' unique (tenant, list, index) index settles any race.
 */
export function allocateStatusSlot(db: Db, options: { tenantId: string; at: string }): StatusSlot {
  let list = findNewestStatusList(db, options.tenantId);
  if (!list || list.allocated >= list.size / 2) {
    const listId = String(list ? Number(list.listId) + 1 : 1);
    createStatusListRow(db, { tenantId: options.tenantId, listId, size: STATUS_LIST_SIZE, updatedAt: options.at });
    list = findNewestStatusList(db, options.tenantId)!;
  }
  const { listId } = list;
  const index = pickRandomFreeIndex(
    (candidate) => isStatusSlotTaken(db, { tenantId: options.tenantId, statusListId: listId, statusIndex: candidate }),
    list.size,
  );
  if (index === null) throw new TypeError(`status list ${listId} unexpectedly full`);
  return { listId, index };
}
