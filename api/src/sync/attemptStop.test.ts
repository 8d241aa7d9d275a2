import { AppError } from '../errors/appError';
import type { HeldLease } from '../storage/syncLeaseRepository';
import { AttemptStop } from './attemptStop';
import type { SyncRun } from './pageImporter';

/** A lease that only records what is asked of it; `lose` plays the renewal timer finding it taken. */
function fakeLease() {
  let onLost: ((error: AppError) => void) | undefined;
  const lease = {
    row: { syncId: 's', historyKey: 'k', holder: 'h', expiresAt: 0, syncFinished: false },
    keepAlive: (callback: (error: AppError) => void) => { onLost = callback; },
    check: () => undefined, renew: () => Promise.resolve(), release: () => Promise.resolve(),
    handOver: () => Promise.resolve(), abandon: () => undefined,
  } satisfies HeldLease;
  return { lease, lose: (error: AppError) => onLost?.(error) };
}

const runOf = (): SyncRun => ({ syncId: 's', store: {} as SyncRun['store'], now: () => '', problems: [], mayHaveMarkers: false });
const budgetElapsed = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('when an attempt stops', () => {
  it('stops the rounds once the budget is spent and a page was stored', async () => {
    const { lease } = fakeLease();
    const stop = new AttemptStop(lease, 0);
    const run = runOf();
    stop.watch(run);
    stop.pageStored();
    await budgetElapsed();
    expect({ stopped: run.stopped, budgetSpent: stop.budgetSpent }).toEqual({ stopped: true, budgetSpent: true });
    stop.end();
  });

  it('lets an attempt that stored nothing yet go on to its first page, then stops it', async () => {
    const { lease } = fakeLease();
    const stop = new AttemptStop(lease, 0);
    const run = runOf();
    stop.watch(run);
    await budgetElapsed();
    expect(run.stopped).toBeUndefined();
    stop.pageStored();
    expect(run.stopped).toBe(true);
    stop.end();
  });

  it('stops the rounds at once when the lease is lost, and remembers why', () => {
    const { lease, lose } = fakeLease();
    const stop = new AttemptStop(lease, undefined);
    const run = runOf();
    stop.watch(run);
    const lost = new AppError('sync_running', 'lost', { details: { leaseLost: true } });
    lose(lost);
    expect({ stopped: run.stopped, lost: stop.lost }).toEqual({ stopped: true, lost });
    stop.end();
  });
});
