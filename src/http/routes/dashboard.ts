import express, { Router, type Request, type Response } from 'express';
import type { AnalyticsDeps } from '../../analytics/adoption-report.js';
import { dashboardData } from '../../analytics/dashboard-data.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { translator, type Language } from '../../i18n.js';
import { renderDashboard } from '../../views/dashboard/dashboard-page.js';
import { renderSignIn } from '../../views/dashboard/sign-in-page.js';
import { authenticateApiKey } from '../middleware/auth.js';
import { requestLanguage } from '../middleware/language.js';
import { createSessions, type SessionDeps } from '../middleware/session.js';
import { parseInput } from '../validate.js';
import { analyticsFilterQuery } from '../schemas/analytics-query.js';

/** Form posts must come from this origin: with SameSite=Lax this blocks login/logout CSRF too. */
function assertSameOrigin(req: Request): void {
  const origin = req.get('origin');
  if (origin === undefined) return; // non-browser clients send none; browsers always do on cross-site posts
  if (URL.canParse(origin) && new URL(origin).host === req.get('host')) return;
  throw new AppError('cross_origin_form', 403, 'Forms must be posted from the dashboard itself.', { field: 'Origin' });
}

/** Empty form fields ("All courses", blank dates) mean "no filter". */
function withoutEmpty(query: Request['query']): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''));
}

/** The form's language field (posts) or the usual ?lang= / Accept-Language choice. */
function formLanguage(req: Request): Language {
  const field = (req.body as { lang?: unknown } | undefined)?.lang;
  return field === 'nb' || field === 'en' ? field : requestLanguage(req);
}

function sendPage(res: Response, status: number, htmlText: string): void {
  res.status(status).set('Cache-Control', 'no-store').type('html').send(htmlText);
}

/**
 * `/dashboard`: sign in with an API key, see adoption analytics, sign out. Server-rendered HTML,
 * no scripts. Sessions are kept server-side (see {@link createSessions}) in `deps.db`, which must
 * be writable; the reports read `deps.analyticsDb` when given (a read-only connection).
 */
export function dashboardRouter(deps: AnalyticsDeps & SessionDeps & { analyticsDb?: Db }): Router {
  const router = Router();
  const sessions = createSessions(deps);
  const reports: AnalyticsDeps = { ...deps, db: deps.analyticsDb ?? deps.db };
  router.use(express.urlencoded({ extended: false, limit: '8kb' }));

  router.get('/sign-in', (req, res) => {
    const lang = requestLanguage(req);
    if (sessions.read(req)) return res.redirect(303, `/dashboard?lang=${lang}`);
    sendPage(res, 200, renderSignIn({ t: translator(lang), lang }));
  });

  router.post('/sign-in', (req, res) => {
    assertSameOrigin(req);
    const lang = formLanguage(req);
    const t = translator(lang);
    const token = typeof req.body?.apiKey === 'string' ? req.body.apiKey.trim() : '';
    let auth;
    try {
      auth = authenticateApiKey(deps.db, token);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return sendPage(res, 401, renderSignIn({ t, lang, error: t('dashboard:signIn.invalid') }));
    }
    if (auth.apiKey?.scope !== 'admin') return sendPage(res, 403, renderSignIn({ t, lang, error: t('dashboard:signIn.wrongScope') }));
    sessions.start(req, res, auth);
    res.redirect(303, `/dashboard?lang=${lang}`);
  });

  router.post('/sign-out', (req, res) => {
    assertSameOrigin(req);
    sessions.end(req, res);
    res.redirect(303, `/dashboard/sign-in?lang=${formLanguage(req)}`);
  });

  router.get('/', (req, res) => {
    const lang = requestLanguage(req);
    const auth = sessions.read(req);
    if (!auth) return res.redirect(303, `/dashboard/sign-in?lang=${lang}`);
    const { courseId, from, to } = parseInput(analyticsFilterQuery, withoutEmpty(req.query), 'query');
    const filter = { courseId, from, to };
    const data = dashboardData(reports, { tenantId: auth.tenant.id, ...filter });
    sendPage(res, 200, renderDashboard({ data, filter, tenantName: auth.tenant.name, t: translator(lang), lang }));
  });

  return router;
}
