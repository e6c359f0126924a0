import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Express } from 'express';

/**
 * An HTTP server for `app` whose requests and responses are created with the app's own
 * prototypes (`app.request`, `app.response`), which `app.listen` gives them only afterwards.
 *
 * Why not `app.listen`: Express re-prototypes every request and response
 * (`Object.setPrototypeOf`), and V8 then promotes much of every request's garbage to the old
 * generation. Measured on a plain Express "hello" under load: about 30% of all allocation
 * promoted and a major collection every second, against none here (and twice the requests per
 * second). Objects created with the right prototype make that call a no-op.
 */
export function createExpressServer(app: Express): Server {
  // Plain constructor functions running Node's (plain functions too) on `this`: building the
  // objects with `Reflect.construct(IncomingMessage, args, Request)` instead still promoted most.
  function Request(this: IncomingMessage, ...args: unknown[]): void {
    Reflect.apply(IncomingMessage, this, args);
  }
  Request.prototype = app.request;
  function Response(this: ServerResponse, ...args: unknown[]): void {
    Reflect.apply(ServerResponse, this, args);
  }
  Response.prototype = app.response;
  return createServer(
    { IncomingMessage: Request as unknown as typeof IncomingMessage, ServerResponse: Response as unknown as typeof ServerResponse },
    app,
  );
}
