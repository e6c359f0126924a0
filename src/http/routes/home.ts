import { Router } from 'express';
import { translator } from '../../i18n.js';
import { html, page } from '../../views/html.js';
import { requestLanguage } from '../middleware/language.js';

/** `GET /`: a landing page with a lookup form; `GET /verify?number=` redirects to the verify page. */
export function homeRouter(): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const lang = requestLanguage(req);
    const t = translator(lang);
    const body = html`<main><h1>${t('home:title')}</h1><p>${t('home:intro')}</p>
<form class="lookup" method="get" action="/verify"><label for="number" class="muted">${t('home:numberLabel')}</label>
<input id="number" name="number" required pattern="[0-9a-fA-F-]{36}" placeholder="xxxxxxxx-xxxx-4xxx-xxxx-xxxxxxxxxxxx">
<button class="button primary" type="submit">${t('home:verify')}</button></form></main>`;
    res.type('html').send(page({ lang, title: t('home:title'), body }));
  });
  router.get('/verify', (req, res) => {
    const number = typeof req.query.number === 'string' ? req.query.number.trim().toLowerCase() : '';
    res.redirect(303, `/verify/${encodeURIComponent(number || '-')}`);
  });
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  return router;
}
