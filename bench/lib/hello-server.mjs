// Ratio base for the benchmarks: a plain Express 5 "hello" server, nothing else.
// Run by bench/lib/processes.ts as its own process; PORT and HOST come from the environment.
// `POST /hello` parses a JSON body like Credence does (1 MB limit) and answers 201 with a small
// JSON document: the base for POST endpoints sent the same body.
// With HELLO_EXPRESS_SERVER set to the compiled src/express-http-server.js, the same app is served
// the way Credence serves itself (createExpressServer) instead of by `app.listen`: a second,
// informational base that shows how much of a ratio comes from that server construction.
import express from 'express';

const app = express();
app.get('/hello', (_req, res) => {
  res.send('hello');
});
app.post('/hello', express.json({ limit: '1mb' }), (req, res) => {
  res.status(201).json({ received: typeof req.body === 'object' });
});
const server = process.env.HELLO_EXPRESS_SERVER
  ? (await import(process.env.HELLO_EXPRESS_SERVER)).createExpressServer(app)
  : app;
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
