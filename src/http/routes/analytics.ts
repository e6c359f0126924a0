import { Router, type Request, type Response } from 'express';
import { adoptionCsv, followUpCsv, managersCsv } from '../../analytics/analytics-csv.js';
import { adoptionReport, type AnalyticsDeps } from '../../analytics/adoption-report.js';
import { followUpList } from '../../analytics/follow-up.js';
import { managerActivation } from '../../analytics/manager-activation.js';
import { authOf } from '../auth-context.js';
import { requireApiKeyOrSession, type SessionDeps } from '../middleware/session.js';
import { adoptionQuery, analyticsFilterQuery, followUpQuery } from '../schemas/analytics-query.js';
import { parseInput } from '../validate.js';

/** CSV when asked with `?format=csv` (links cannot set headers) or `Accept: text/csv`. */
function wantsCsv(req: Request, format: string | undefined): boolean {
  return format === 'csv' || (format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
}

function sendCsv(res: Response, filename: string, body: string): void {
  res.type('text/csv; charset=utf-8').attachment(filename).send(body);
}

/** Tenant-scoped filter from a validated query: the tenant always comes from the credentials. */
function filterOf(res: Response, query: { courseId?: string; from?: string; to?: string }) {
  return { tenantId: authOf(res).tenant.id, courseId: query.courseId, from: query.from, to: query.to };
}

/** `/v1/analytics`: adoption, manager activation and follow-up (admin API key or dashboard session). */
export function analyticsRouter(deps: AnalyticsDeps & SessionDeps): Router {
  const router = Router();
  router.use(requireApiKeyOrSession(deps));
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'private, no-store');
    next();
  });

  router.get('/adoption', (req, res) => {
    const query = parseInput(adoptionQuery, req.query, 'query');
    const report = adoptionReport(deps, { ...filterOf(res, query), groupBy: query.groupBy });
    if (wantsCsv(req, query.format)) return sendCsv(res, `adoption-${report.groupBy}-${report.courseId ?? 'all'}.csv`, adoptionCsv(report));
    res.json(report);
  });

  router.get('/managers', (req, res) => {
    const query = parseInput(analyticsFilterQuery, req.query, 'query');
    const report = managerActivation(deps, filterOf(res, query));
    if (wantsCsv(req, query.format)) return sendCsv(res, `managers-${report.courseId ?? 'all'}.csv`, managersCsv(report));
    res.json(report);
  });

  router.get('/follow-up', (req, res) => {
    const query = parseInput(followUpQuery, req.query, 'query');
    const list = followUpList(deps, { ...filterOf(res, query), limit: query.limit });
    if (wantsCsv(req, query.format)) return sendCsv(res, `follow-up-${list.courseId ?? 'all'}.csv`, followUpCsv(list));
    res.json(list);
  });

  return router;
}
