/**
 * A worker_threads pool that signs credentials off the main thread (by default one worker per core;
 * the server sizes it by SIGNER_THREADS, see config.ts).
 *
 * Works from compiled `dist/` (workers run the sibling `signer-worker.js`) and from TypeScript
 * sources under Jest or tsx (Node 20 applies no loader hooks in workers, so the sources are
 * transpiled once by worker-source-build.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { registeredContexts } from './document-loader.js';
import type { SignedCredential, SigningKey } from './sign-data-integrity.js';
import type { SignVcJwtOptions } from './sign-jwt.js';
import { SIGNER_NICENESS, SIGNER_WORKER_FLAG, type WorkerRequest, type WorkerResponse } from './signer-worker.js';
import { buildWorkerFromSources } from '../worker-source-build.js';

/** A Data Integrity signing job (the worker uses its own closed document loader). */
export interface SignCredentialJob<T extends object = object> {
  credential: T;
  key: SigningKey;
  created?: Date;
}

/** A signer pool; call `close()` on shutdown. */
export interface SignerPool {
  /** Number of worker threads. */
  readonly size: number;
  /** Same result as signCredential (sign-data-integrity.ts). */
  signCredential<T extends object>(job: SignCredentialJob<T>): Promise<SignedCredential<T>>;
  /** Same result as signVcJwt (sign-jwt.ts). */
  signVcJwt(job: SignVcJwtOptions): Promise<string>;
  /** Both forms of one credential in one job, serialised (see signBoth in signer-worker.ts). */
  signForIssuance(job: SignCredentialJob): Promise<{ credentialJson: string; jwt: string }>;
  /** Terminates the workers; pending jobs reject. */
  close(): Promise<void>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  contextsSent: number;
}

/** The worker module: the compiled sibling in `dist/`, or a transpiled copy of the sources. */
function workerEntry(): URL {
  const here = import.meta.url;
  return new URL(here.endsWith('.js') ? new URL('./signer-worker.js', here) : buildWorkerFromSources('credentials', 'signer-worker'));
}

function toError(error: { name: string; message: string }): Error {
  return error.name === 'TypeError' ? new TypeError(error.message) : Object.assign(new Error(error.message), { name: error.name });
}

/**
 * V8 heap limits of a signer thread. It signs one job at a time, so a young generation of 6 MB
 * (2 MB semi-spaces instead of V8's default 8 to 16 MB) holds a job's short-lived objects:
 * measured about 25 MB less resident memory per thread after a burst of signing, for 0.05 ms
 * more scavenging per job (about 4% of a job's time in the thread).
 * The old generation keeps V8's limit: a capped one would kill the thread on a huge credential.
 */
const SIGNER_RESOURCE_LIMITS: Readonly<ResourceLimits> = Object.freeze({ maxYoungGenerationSizeMb: 6 });

/**
 * Starts `size` signer workers (default: the number of cores), each running at nice value
 * `niceness` (default 0: the same priority as the request thread; see thread-priority.ts) with
 * the V8 heap limits SIGNER_RESOURCE_LIMITS.
 * @throws TypeError for a size that is not a positive integer.
 */
export function createSignerPool(options: { size?: number; niceness?: number } = {}): SignerPool {
  const size = options.size ?? availableParallelism();
  const niceness = options.niceness ?? 0;
  if (!Number.isInteger(size) || size < 1 || size > 64) throw new TypeError('pool size must be an integer in [1, 64]');
  const entry = workerEntry();
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  const failAll = (slot: Slot, error: Error): void => {
    for (const pending of slot.pending.values()) pending.reject(error);
    slot.pending.clear();
  };

  const spawn = (): Slot => {
    const worker = new Worker(entry, { resourceLimits: SIGNER_RESOURCE_LIMITS, workerData: { [SIGNER_WORKER_FLAG]: true, [SIGNER_NICENESS]: niceness } });
    const slot: Slot = { worker, pending: new Map(), contextsSent: 0 };
    worker.unref();
    worker.on('message', (message: WorkerResponse) => {
      const pending = slot.pending.get(message.id);
      if (!pending) return;
      slot.pending.delete(message.id);
      if (slot.pending.size === 0) worker.unref();
      if (message.ok) pending.resolve(message.result);
      else pending.reject(toError(message.error));
    });
    worker.on('error', (error) => failAll(slot, error));
    worker.on('exit', (code) => {
      failAll(slot, new Error(closed ? 'signer pool closed' : `signer worker exited with code ${code}`));
      const index = slots.indexOf(slot);
      // Replace a crashed worker so the pool keeps its size.
      if (index !== -1 && !closed) slots[index] = spawn();
    });
    return slot;
  };

  for (let i = 0; i < size; i++) slots.push(spawn());

  const run = <R>(request: Omit<Extract<WorkerRequest, { id: number }>, 'id'>): Promise<R> => {
    if (closed) return Promise.reject(new Error('signer pool closed'));
    const slot = slots.reduce((best, s) => (s.pending.size < best.pending.size ? s : best));
    const contexts = registeredContexts();
    if (contexts.length > slot.contextsSent) {
      slot.worker.postMessage({ type: 'contexts', contexts: contexts.slice(slot.contextsSent) } satisfies WorkerRequest);
      slot.contextsSent = contexts.length;
    }
    const id = nextId++;
    return new Promise<R>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      slot.worker.ref();
      slot.worker.postMessage({ ...request, id } as WorkerRequest);
    });
  };

  return {
    size,
    signCredential<T extends object>(job: SignCredentialJob<T>) {
      return run<SignedCredential<T>>({ type: 'sign-di', job });
    },
    signVcJwt(job: SignVcJwtOptions) {
      return run<string>({ type: 'sign-jwt', job });
    },
    signForIssuance(job: SignCredentialJob) {
      return run<{ credentialJson: string; jwt: string }>({ type: 'sign-both', job });
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
