// Ratio base for the benchmarks: a plain Express 5 "hello" server, nothing else.
// Run by bench/lib/processes.ts as its own process; PORT and HOST come from the environment.
import express from 'express';

const app = express();
app.get('/hello', (_req, res) => {
  res.send('hello');
});
app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
