import type { Request, Response } from 'express';

/**
 * Answers a public image request: `ETag`, five minutes of `Cache-Control`, CORS for any origin
 * (wallets and share previews fetch images cross-site), and `304 Not Modified` when the request's
 * `If-None-Match` already names these bytes. Set `Vary` before calling when the image depends on it.
 */
export function sendPublicImage(req: Request, res: Response, image: { bytes: Buffer; etag: string; type: string }): void {
  res.setHeader('ETag', image.etag);
  res.setHeader('Cache-Control', 'public, max-age=300');
  res.setHeader('Access-Control-Allow-Origin', '*');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.type(image.type).send(image.bytes);
}
