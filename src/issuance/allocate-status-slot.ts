import type { Db } from '../db/client.js';
import { sqliteConnectionOf } from '../db/prepared.js';
import { createStatusListRow, findNewestStatusList, type StatusListRecord } from '../db/status-lists-repository.js';
import { isStatusSlotTaken, takenStatusIndexes } from '../db/status-slots-repository.js';
import { getStatusBit, pickRandomFreeIndex, setStatusBit, STATUS_LIST_SIZE } from '../credentials/status-list.js';

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

/**
 * Call inside the storing transaction: throws {@link StatusSlotTaken} when a certificate or a
 * VC-API credential took the slot meanwhile (each table's unique index only sees its own rows).
 * This check, not the allocator's memory, is what keeps a slot to one credential.
 */
export function assertStatusSlotFree(db: Db, tenantId: string, slot: StatusSlot): void {
  if (isStatusSlotTaken(db, { tenantId, statusListId: slot.listId, statusIndex: slot.index })) throw new StatusSlotTaken();
}

/** How long the open list's row is trusted before it is read again (its `allocated` count). */
const ROW_TTL_MS = 1000;

/** What this process knows of a tenant's open list. */
interface OpenList {
  listId: string;
  size: number;
  /** The row's `allocated` when the taken bits were loaded. */
  allocatedAtLoad: number;
  /** Slots this process has handed out since the bits were loaded. */
  reservedSinceLoad: number;
  /** The row's `allocated` when last read, and when that was. */
  allocatedInRow: number;
  readAt: number;
  /** Slots this process has handed out since the row was last read. */
  reservedSinceRead: number;
  /** One bit per slot: used, or handed out by this process. */
  taken: Uint8Array;
}

const openLists = new WeakMap<object, Map<string, OpenList>>();

/** One bit per slot of the list, set for every slot a stored credential uses. */
function loadTaken(db: Db, tenantId: string, list: StatusListRecord): Uint8Array {
  const taken = new Uint8Array(Math.ceil(list.size / 8));
  for (const index of takenStatusIndexes(db, tenantId, list.listId)) setStatusBit(taken, index, true);
  return taken;
}

/** The newest list if it is under half full, else a new one. */
function newestOpenRow(db: Db, tenantId: string, at: string): StatusListRecord {
  const list = findNewestStatusList(db, tenantId);
  if (list && list.allocated < list.size / 2) return list;
  const listId = String(list ? Number(list.listId) + 1 : 1);
  createStatusListRow(db, { tenantId, listId, size: STATUS_LIST_SIZE, updatedAt: at });
  return findNewestStatusList(db, tenantId)!;
}

/**
 * The tenant's open list with the slots known to be taken. The bits are loaded once per list; the
 * row is re-read every second (and whenever the list looks half full), the bits again when the
 * row counts more slots than this process handed out (another process issued meanwhile) or when
 * `refresh` asks (a slot turned out taken). Slots being signed when the row was read are not in
 * its count yet, so a busy list may close a few dozen slots past half: harmless, the rule only
 * keeps picks cheap and indexes unguessable. A slot whose issuance failed stays marked until the
 * bits are next loaded. Loading forgets the slots still being signed: should one be picked again,
 * the storing transaction refuses it and the retry refreshes.
 */
function openListOf(db: Db, tenantId: string, at: string, refresh: boolean): OpenList {
  const connection = sqliteConnectionOf(db) ?? db;
  let lists = openLists.get(connection);
  if (!lists) openLists.set(connection, (lists = new Map()));
  const now = performance.now();
  const known = lists.get(tenantId);
  if (!refresh && known && now - known.readAt < ROW_TTL_MS && known.allocatedInRow + known.reservedSinceRead < known.size / 2) return known;
  const row = newestOpenRow(db, tenantId, at);
  if (known?.listId === row.listId) {
    if (refresh || row.allocated > known.allocatedAtLoad + known.reservedSinceLoad) {
      known.taken = loadTaken(db, tenantId, row);
      known.allocatedAtLoad = row.allocated;
      known.reservedSinceLoad = 0;
    }
    known.allocatedInRow = row.allocated;
    known.readAt = now;
    known.reservedSinceRead = 0;
    return known;
  }
  const open: OpenList = {
    listId: row.listId,
    size: row.size,
    allocatedAtLoad: row.allocated,
    reservedSinceLoad: 0,
    allocatedInRow: row.allocated,
    readAt: now,
    reservedSinceRead: 0,
    taken: loadTaken(db, tenantId, row),
  };
  lists.set(tenantId, open);
  return open;
}

/**
 * Picks a random free slot in the tenant's open status list and reserves it in this process, so
 * concurrent issuances never pick the same one. A list is closed once half its slots are used so
 * that random picks stay cheap and a list never reveals issuance order. Certificates and VC-API
 * credentials share the lists: a slot is free when neither uses it. The pick reads no rows (the
 * list's taken slots are kept in memory); {@link assertStatusSlotFree} inside the storing
 * transaction settles races with other processes. Retrying after {@link StatusSlotTaken}, pass
 * `refresh: true` to reload the taken slots from the database first.
 */
export function allocateStatusSlot(db: Db, options: { tenantId: string; at: string; refresh?: boolean }): StatusSlot {
  const refresh = options.refresh ?? false;
  const pick = (list: OpenList) => pickRandomFreeIndex((candidate) => getStatusBit(list.taken, candidate), list.size);
  let open = openListOf(db, options.tenantId, options.at, refresh);
  let index = pick(open);
  if (index === null && !refresh) {
    // Every bit set, though the list is under half full: slots of failed issuances. Reload.
    open = openListOf(db, options.tenantId, options.at, true);
    index = pick(open);
  }
  if (index === null) throw new TypeError(`status list ${open.listId} unexpectedly full`);
  setStatusBit(open.taken, index, true);
  open.reservedSinceLoad++;
  open.reservedSinceRead++;
  return { listId: open.listId, index };
}
