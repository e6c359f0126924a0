/** The analytics scope as conditions on `certificates c`: what the reports used before adoption_facts (test oracles only). */
import { sql, type SQL } from 'drizzle-orm';
import { addDays } from '../../src/calendar.js';
import type { AnalyticsScope } from '../../src/analytics/scope-sql.js';

/**
 * WHERE conditions on `certificates c` for a scope. Revoked certificates are left out (a
 * withdrawn award is not a completion the programme can count). `completed_at` is stored as a
 * UTC ISO string (`toISOString()`), so day bounds compare as text and use the
 * (tenant, course, completed_at) index.
 */
export function certificateScopeConditions(scope: AnalyticsScope): SQL {
  const parts: SQL[] = [sql`c.tenant_id = ${scope.tenantId}`, sql`c.revoked_at IS NULL`];
  if (scope.courseId !== undefined) parts.push(sql`c.course_id = ${scope.courseId}`);
  if (scope.from !== undefined) parts.push(sql`c.completed_at >= ${scope.from}`);
  if (scope.to !== undefined) parts.push(sql`c.completed_at < ${addDays(scope.to, 1)}`);
  return sql.join(parts, sql` AND `);
}

