import { Validator } from '@seriousme/openapi-schema-validator';
import express, { Router, type Express } from 'express';
import request from 'supertest';
import type { oas31 } from 'zod-openapi';
import { SCOPES } from '../../src/http/scopes.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

/** The parts of Express 5 (router 2.x) layers that say which routes an app has. */
interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
  rawPath?: unknown;
  slash?: boolean;
}

const toOpenApiPath = (path: string) => (path.replace(/\/+$/, '') || '/').replace(/:(\w+)/g, '{$1}');

/**
 * Every `METHOD /path` an Express app routes, nested routers included. Router 2.x keeps each
 * mount path as `layer.rawPath` (`slash` for routers mounted without one).
 */
function routesOf(stack: RouterLayer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const paths = ([] as string[]).concat(layer.route.path);
      const methods = Object.keys(layer.route.methods).filter((m) => m !== '_all');
      return paths.flatMap((path) => methods.map((method) => `${method.toUpperCase()} ${toOpenApiPath(prefix + path)}`));
    }
    if (!layer.handle?.stack) return [];
    if (!layer.slash && typeof layer.rawPath !== 'string') throw new TypeError(`cannot read the mount path ${String(layer.rawPath)}: update routesOf`);
    return routesOf(layer.handle.stack, layer.slash ? prefix : prefix + (layer.rawPath as string));
  });
}

const appRoutes = (app: Express) => [...new Set(routesOf((app as unknown as { router: { stack: RouterLayer[] } }).router.stack))].sort();

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function documentedOperations(document: oas31.OpenAPIObject): Array<{ key: string; path: string; operation: oas31.OperationObject }> {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] ? [{ key: `${method.toUpperCase()} ${path}`, path, operation: item[method] }] : [])),
  );
}

let ctx: TestContext;
let document: oas31.OpenAPIObject;

beforeAll(async () => {
  ctx = await createTestContext();
  const res = await request(ctx.app).get('/openapi.json').expect(200);
  document = res.body as oas31.OpenAPIObject;
});
afterAll(() => ctx.close());

describe('route enumeration', () => {
  it('finds routes of nested routers under their mount paths', () => {
    const app = express();
    const inner = Router();
    inner.get('/', () => undefined);
    inner.post('/:id/things', () => undefined);
    const outer = Router();
    outer.use('/inner', inner);
    app.use('/v9', outer);
    app.use(Router().put('/bare', () => undefined));
    expect(appRoutes(app)).toEqual(['GET /v9/inner', 'POST /v9/inner/{id}/things', 'PUT /bare']);
  });

  it('finds the routes of the real app', () => {
    const routes = appRoutes(ctx.app);
    expect(routes).toEqual(expect.arrayContaining(['POST /v1/courses', 'PATCH /v1/courses/{id}', 'GET /credentials/{file}', 'GET /', 'GET /openapi.json']));
    expect(routes.length).toBeGreaterThan(40);
  });
});

describe('GET /openapi.json', () => {
  it('is JSON, open to any origin, with this server as its server', async () => {
    const res = await request(ctx.app).get('/openapi.json').expect(200);
    expect(res.type).toBe('application/json');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.servers).toEqual([{ url: ctx.publicUrl }]);
  });

  it('validates as OpenAPI 3.1', async () => {
    const result = await new Validator().validate(document as unknown as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('describes every route the app has', () => {
    const documented = new Set(documentedOperations(document).map((o) => o.key));
    expect(appRoutes(ctx.app).filter((route) => !documented.has(route))).toEqual([]);
  });

  it('describes no route the app lacks', () => {
    const routes = new Set(appRoutes(ctx.app));
    expect(documentedOperations(document).map((o) => o.key).filter((key) => !routes.has(key))).toEqual([]);
  });

  it('gives every operation a summary, responses, an id and an explicit security', () => {
    for (const { key, operation } of documentedOperations(document)) {
      expect([key, typeof operation.summary, operation.operationId !== undefined, Array.isArray(operation.security)]).toEqual([key, 'string', true, true]);
      expect(Object.keys(operation.responses ?? {}).length).toBeGreaterThan(0);
    }
  });

  it('requires a known scope on every tenant route', () => {
    const PUBLIC = new Set(['POST /v1/verify']);
    const tenantRoutes = documentedOperations(document).filter(
      (o) => (o.path.startsWith('/v1/') && !PUBLIC.has(o.key)) || ['/xapi/statements', '/credentials/issue', '/credentials/status'].includes(o.path),
    );
    expect(tenantRoutes.length).toBeGreaterThan(15);
    for (const { key, operation } of tenantRoutes) {
      const scopes = (operation.security ?? []).flatMap((requirement) => Object.values(requirement).flat());
      expect([key, scopes.length > 0]).toEqual([key, true]);
      for (const scope of scopes) expect(SCOPES).toContain(scope);
    }
  });

  it('declares every security scheme it uses, with OAuth scopes described', () => {
    const schemes = document.components?.securitySchemes ?? {};
    const used = new Set(documentedOperations(document).flatMap((o) => (o.operation.security ?? []).flatMap((r) => Object.keys(r))));
    for (const name of used) expect(Object.keys(schemes)).toContain(name);
    const oauth = schemes.oauth2 as oas31.SecuritySchemeObject;
    expect(oauth.flows?.clientCredentials?.tokenUrl).toBe('/oauth/token');
    expect(Object.keys(oauth.flows?.clientCredentials?.scopes ?? {}).sort()).toEqual([...SCOPES].sort());
  });
});

describe('documented refusals', () => {
  const codesOf = (path: string, method: 'get' | 'post' | 'patch', status: number): string[] => {
    const response = document.paths?.[path]?.[method]?.responses?.[String(status)] as { 'x-problem-codes'?: string[] } | undefined;
    return response?.['x-problem-codes'] ?? [];
  };

  it.each([
    ['post', '/v1/courses', '/v1/courses', { id: 'x' }, 400],
    ['get', '/v1/courses/{id}', '/v1/courses/nope', undefined, 404],
    ['post', '/v1/certificates/{number}/revoke', '/v1/certificates/nope/revoke', { reason: 'r' }, 404],
    ['patch', '/v1/tenant', '/v1/tenant', { colour: 'red' }, 400],
    ['post', '/credentials/issue', '/credentials/issue', { credential: 'not an object' }, 400],
    ['post', '/credentials/status', '/credentials/status', { credentialId: 'urn:uuid:unknown', credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }] }, 404],
  ] as const)('%s %s answers a documented code', async (method, path, url, body, status) => {
    const res = await request(ctx.app)[method](url).set('Authorization', `Bearer ${ctx.acme.apiKey}`).send(body as object | undefined).expect(status);
    expect(res.type).toBe('application/problem+json');
    expect(codesOf(path, method, status)).toContain(res.body.code);
  });

  it('lists the scope refusal of tenant routes', async () => {
    const res = await request(ctx.app).get('/v1/courses').expect(401);
    expect(codesOf('/v1/courses', 'get', 401)).toContain(res.body.code);
  });
});
