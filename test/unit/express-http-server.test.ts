import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createExpressServer } from '../../src/express-http-server.js';

const app = express();
app.use(express.json());
app.post('/echo/:name', (req, res) => {
  res.status(201).json({
    name: req.params.name,
    body: req.body as unknown,
    query: req.query.q,
    requestPrototype: Object.getPrototypeOf(req) === app.request,
    responsePrototype: Object.getPrototypeOf(res) === app.response,
    nodeClasses: req instanceof IncomingMessage && res instanceof ServerResponse,
  });
});

let server: Server;
let base: string;
/** Whether each request arrived with the app's prototypes before Express handled it. */
const arrivedWithAppPrototypes: boolean[] = [];

beforeAll(async () => {
  server = createExpressServer(app);
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    arrivedWithAppPrototypes.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createExpressServer', () => {
  it('serves the app as app.listen would, with requests and responses built on its prototypes', async () => {
    const response = await fetch(`${base}/echo/ada?q=1`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"x":1}' });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-powered-by')).toBe('Express');
    expect(await response.json()).toEqual({ name: 'ada', body: { x: 1 }, query: '1', requestPrototype: true, responsePrototype: true, nodeClasses: true });
    expect(arrivedWithAppPrototypes).toEqual([true]);
  });

  it('answers unknown routes with Express’s 404', async () => {
    const response = await fetch(`${base}/nowhere`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Cannot GET /nowhere');
  });
});
