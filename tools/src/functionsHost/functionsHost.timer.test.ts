import path from 'node:path';
import { recorded } from './fixtures/fixtureRecorder';
import { startFunctionsHost, type FunctionsHost } from './index';

const modules = [path.join(__dirname, 'fixtures', 'timerTick.ts')];
const ticks = () => recorded.filter((r) => r.functionName === 'timerTick');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('functions host: timer triggers', () => {
  let host: FunctionsHost | undefined;
  afterEach(async () => {
    await host?.stop();
    recorded.length = 0;
  });

  it('runs a timer on demand with fireTimer, passing the Timer object, and not on its schedule when timers are off', async () => {
    host = await startFunctionsHost({ modules, enableTimers: false, logger: () => undefined });
    await sleep(1200);
    expect(ticks()).toHaveLength(0);
    await host.fireTimer('timerTick');
    expect(ticks()).toHaveLength(1);
    const timer = ticks()[0]?.input as { isPastDue: boolean; schedule: unknown; scheduleStatus: { next: string; last: string } };
    expect(timer).toMatchObject({ isPastDue: false, schedule: { adjustForDST: true } });
    expect(Date.parse(timer.scheduleStatus.next)).toBeGreaterThan(Date.now() - 1000);
    expect(Date.parse(timer.scheduleStatus.last)).not.toBeNaN();
  });

  it('rejects fireTimer for a name that is no timer function', async () => {
    host = await startFunctionsHost({ modules, enableTimers: false, logger: () => undefined });
    await expect(host.fireTimer('nope')).rejects.toThrow("No timer function named 'nope'");
  });

  it('fires a timer on its NCRONTAB schedule (every second) and stops firing on stop()', async () => {
    host = await startFunctionsHost({ modules, logger: () => undefined });
    expect(host.functions).toEqual([expect.objectContaining({ name: 'timerTick', triggerType: 'timerTrigger', schedule: '*/1 * * * * *' })]);
    await sleep(2600);
    expect(ticks().length).toBeGreaterThanOrEqual(2);
    await host.stop();
    const count = ticks().length;
    await sleep(1200);
    expect(ticks()).toHaveLength(count);
  });
});
