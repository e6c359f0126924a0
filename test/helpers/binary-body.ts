import type request from 'supertest';

/** Buffers a supertest response's body as raw bytes (PDFs, PNGs), whatever its content type. */
export function binaryBody(req: request.Test): request.Test {
  return req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}
