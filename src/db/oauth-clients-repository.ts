import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { prepared } from './prepared.js';
import { oauthClients } from './schema.js';

/** An OAuth 2.0 client row (never holds the secret itself, only its hash). */
export type OAuthClientRecord = typeof oauthClients.$inferSelect;

/** Stores a new OAuth client. */
export function insertOAuthClient(db: Db, client: typeof oauthClients.$inferInsert): void {
  db.insert(oauthClients).values(client).run();
}

/**
 * Finds a client by its id, whatever its tenant: the id is what the client presents, and the
 * row says which tenant it acts for (hot path of the token endpoint and of every token check).
 */
export function findOAuthClient(db: Db, clientId: string): OAuthClientRecord | undefined {
  return prepared(db, 'oauthClientById', (d) =>
    d.select().from(oauthClients).where(eq(oauthClients.clientId, sql.placeholder('clientId'))).prepare(),
  ).get({ clientId });
}

/** Lists a tenant's clients, oldest first. */
export function listOAuthClients(db: Db, tenantId: string): OAuthClientRecord[] {
  return db
    .select()
    .from(oauthClients)
    .where(eq(oauthClients.tenantId, tenantId))
    .orderBy(asc(oauthClients.createdAt), asc(oauthClients.clientId))
    .all();
}

/** Revokes a client of the tenant; returns false when the tenant has no such active client. */
export function revokeOAuthClient(db: Db, options: { tenantId: string; clientId: string; at: string }): boolean {
  const result = db
    .update(oauthClients)
    .set({ revokedAt: options.at })
    .where(and(eq(oauthClients.tenantId, options.tenantId), eq(oauthClients.clientId, options.clientId), isNull(oauthClients.revokedAt)))
    .run();
  return result.changes > 0;
}
