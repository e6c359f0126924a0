/**
 * The body of a signer-pool worker thread: signs Data Integrity credentials and VC-JWTs
 * on request. Loaded by the bootstrap in signer-pool.ts, from sources or from `dist/`.
 */
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createDocumentLoader, registerContext } from './document-loader.js';
import { signCredential, type SigningKey } from './sign-data-integrity.js';
import { signVcJwt, type SignVcJwtOptions } from './sign-jwt.js';
import { lowerThreadPriority } from './thread-priority.js';

/** A request from the pool to a worker. */
export type WorkerRequest =
  | { type: 'contexts'; contexts: Array<{ url: string; document: object }> }
  | { type: 'sign-di'; id: number; job: { credential: object; key: SigningKey; created?: Date } }
  | { type: 'sign-jwt'; id: number; job: SignVcJwtOptions }
  | { type: 'sign-both'; id: number; job: { credential: object; key: SigningKey; created?: Date } };

/** A worker's answer to one job. */
export type WorkerResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { name: string; message: string } };

/**
 * Both forms of one credential, serialised here so the main thread only stores strings (cheaper
 * to pass between threads than an object graph, and no JSON.stringify on the request path).
 */
export async function signBoth(
  job: { credential: object; key: SigningKey; created?: Date },
  documentLoader: ReturnType<typeof createDocumentLoader>,
): Promise<{ credentialJson: string; jwt: string }> {
  const { credential, key } = job;
  const [signed, jwt] = await Promise.all([
    signCredential({ ...job, documentLoader }),
    signVcJwt({ credential, kid: key.verificationMethod, secretKeyMultibase: key.secretKeyMultibase, publicKeyMultibase: key.publicKeyMultibase }),
  ]);
  return { credentialJson: JSON.stringify(signed), jwt };
}

/** Serves signing jobs arriving on `port` until the worker is terminated. */
export function runSignerWorker(port: MessagePort): void {
  const documentLoader = createDocumentLoader();
  // One job at a time: interleaving many async signs in one thread only adds memory and GC.
  let queue: Promise<void> = Promise.resolve();
  const handle = async (request: Extract<WorkerRequest, { id: number }>): Promise<void> => {
    try {
      const result =
        request.type === 'sign-di'
          ? await signCredential({ ...request.job, documentLoader })
          : request.type === 'sign-jwt'
            ? await signVcJwt(request.job)
            : await signBoth(request.job, documentLoader);
      port.postMessage({ id: request.id, ok: true, result } satisfies WorkerResponse);
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ id: request.id, ok: false, error: { name, message } } satisfies WorkerResponse);
    }
  };
  port.on('message', (request: WorkerRequest) => {
    if (request.type === 'contexts') {
      for (const { url, document } of request.contexts) registerContext(url, document);
      return;
    }
    queue = queue.then(() => handle(request));
  });
}

/** workerData flag set by the pool: only then does importing this module start serving. */
export const SIGNER_WORKER_FLAG = 'credenceSignerWorker';
/** workerData key for the nice value the worker lowers its own thread to (0: unchanged). */
export const SIGNER_NICENESS = 'credenceSignerNiceness';

const data = workerData as Record<string, unknown> | null;
if (!isMainThread && parentPort && data?.[SIGNER_WORKER_FLAG] === true) {
  lowerThreadPriority(Number(data[SIGNER_NICENESS] ?? 0));
  runSignerWorker(parentPort);
}
