/**
 * Deadlines for work that does not take an AbortSignal itself (a DNS query, an injected
 * resolver): the caller stops waiting when the signal aborts.
 */

/**
 * `promise`, or a rejection with the signal's reason as soon as `signal` aborts (the work
 * itself may go on; its result is then ignored).
 */
export function beforeDeadline<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
