import type { Logger } from 'pino';
import { renewCredentials, type RenewalDeps } from './renew-credentials.js';
import { MS_PER_DAY } from '../calendar.js';

/**
 * Runs credential renewal shortly after start and then once a day, in process. Failures are
 * logged, never thrown: the next run retries. Returns the timer so shutdown can clear it.
 */
export function scheduleDailyRenewal(deps: RenewalDeps & { logger: Logger }): NodeJS.Timeout {
  const run = () => {
    renewCredentials(deps).then(
      (report) => deps.logger.info({ checked: report.checked, renewed: report.renewed.length }, 'credential renewal run'),
      (error: unknown) => deps.logger.error({ err: error }, 'credential renewal failed'),
    );
  };
  setTimeout(run, 5_000).unref();
  const timer = setInterval(run, MS_PER_DAY);
  timer.unref();
  return timer;
}
