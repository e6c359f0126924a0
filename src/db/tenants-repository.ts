import { asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { prepared } from './prepared.js';
import { RecentRows } from './recent-rows.js';
import { tenants } from './schema.js';

/** A tenant row as the application sees it. */
export type Tenant = typeof tenants.$inferSelect;

/** Tenant rows by id, at most a second old (src/tenants/tenant-cache.ts); every write here forgets them. */
export const recentTenants = new RecentRows<Tenant>();

/** Inserts a tenant. The slug is unique; a duplicate throws the driver's constraint error. */
export function insertTenant(db: Db, tenant: typeof tenants.$inferInsert): void {
  recentTenants.invalidate();
  db.insert(tenants).values(tenant).run();
}

/** Finds a tenant by id. */
export function findTenantById(db: Db, id: string): Tenant | undefined {
  return prepared(db, 'tenantById', (d) => d.select().from(tenants).where(eq(tenants.id, sql.placeholder('id'))).prepare()).get({ id });
}

/** Finds a tenant by its public slug. */
export function findTenantBySlug(db: Db, slug: string): Tenant | undefined {
  return prepared(db, 'tenantBySlug', (d) => d.select().from(tenants).where(eq(tenants.slug, sql.placeholder('slug'))).prepare()).get({ slug });
}

/** Lists all tenants, oldest first (admin CLI only). */
export function listTenants(db: Db): Tenant[] {
  return db.select().from(tenants).orderBy(asc(tenants.createdAt), asc(tenants.slug)).all();
}

/** Counts tenants (an empty database gets the demo seed). */
export function countTenants(db: Db): number {
  return db.select({ n: count() }).from(tenants).get()?.n ?? 0;
}

/** Replaces a tenant's branding (logo included), usage-visibility and issuance settings. */
export function updateTenantSettings(
  db: Db,
  tenantId: string,
  changes: Partial<Pick<Tenant, 'branding' | 'usagePublic' | 'name' | 'logo' | 'logoType' | 'issuerIdentifier' | 'storeIssuedSubjects'>>,
): void {
  recentTenants.invalidate();
  db.update(tenants).set(changes).where(eq(tenants.id, tenantId)).run();
}
