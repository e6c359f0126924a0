import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the scheduling priority of the calling thread to `niceness` (0 – 19). On Linux every
 * thread has its own nice value, so a signer worker that calls this yields the CPU to the request
 * thread whenever both want it, and still uses every idle cycle. Best effort: returns false where
 * the thread id is not available (other systems) or the call is refused, and changes nothing.
 */
export function lowerThreadPriority(niceness: number): boolean {
  if (niceness <= 0) return false;
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>"; setpriority(2) with a tid targets that thread.
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return false;
    setPriority(threadId, niceness);
    return true;
  } catch {
    return false;
  }
}
