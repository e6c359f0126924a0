import { Router } from 'express';
import type { oas31 } from 'zod-openapi';
import { renderApiDocsPage } from '../../views/api-docs-page.js';
import { buildOpenApiDocument } from '../openapi/build-openapi-document.js';

/**
 * `GET /openapi.json` (the OpenAPI 3.1 description, CORS-enabled) and `GET /docs` (the same
 * description as a readable reference page). Both are built on first use and then cached.
 */
export function apiDocsRouter(deps: { publicUrl: string }): Router {
  const router = Router();
  let document: oas31.OpenAPIObject | undefined;
  let docsPage: string | undefined;
  const openApiDocument = () => (document ??= buildOpenApiDocument({ publicUrl: deps.publicUrl }));

  router.get('/openapi.json', (_req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(openApiDocument());
  });

  router.get('/docs', (_req, res) => {
    docsPage ??= renderApiDocsPage(openApiDocument(), { publicUrl: deps.publicUrl });
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('html').send(docsPage);
  });
  return router;
}
