import { openDatabase } from '../../../src/db/client.js';

describe('certificates indexes', () => {
  it('serve a Certificates API page (tenant, in issue order, after a cursor) in index order, without sorting', () => {
    const database = openDatabase(':memory:');
    try {
      const plan = database.sqlite
        .prepare(
          `explain query plan select * from certificates where tenant_id = ? and (issued_at > ? or (issued_at = ? and number > ?))
           order by issued_at, number limit 51`,
        )
        .all('t', '2026-01-01', '2026-01-01', 'n') as Array<{ detail: string }>;
      const details = plan.map((row) => row.detail).join('\n');
      expect(details).toMatch(/certificates_tenant_issued_idx/);
      expect(details).not.toMatch(/TEMP B-TREE/);
    } finally {
      database.close();
    }
  });
});
