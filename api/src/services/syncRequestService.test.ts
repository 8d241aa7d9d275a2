import { AppError } from '../errors/appError';
import type { CallerIdentity } from '../identity';
import type { LeaseRow } from '../storage/syncLeaseRepository';
import type { SyncJob } from './syncJobQueue';
import { SyncRequestService } from './syncRequestService';

const caller: CallerIdentity = {
  tenantId: 't1', userId: 'u1', name: '', upn: '', roles: [], scopes: ['access_as_user'], rawToken: 'sso-token',
};
const reserved: LeaseRow = { syncId: 'reserved-1', historyKey: 'k', holder: 'queued', expiresAt: 10, syncFinished: false };

function serviceWith(options: { whoMaySync?: 'everyone' | 'role'; exchange?: () => Promise<string>; background?: () => Promise<string>; send?: () => Promise<void>; lease?: LeaseRow } = {}) {
  const calls: string[] = [];
  const sent: SyncJob[] = [];
  const service = new SyncRequestService({
    settings: { getPolicy: () => Promise.resolve(options.whoMaySync ? { whoMaySync: options.whoMaySync, allowedSchedules: [], mergeStrategy: 'outlookWins' as const, defaultRegion: 'US', instantSync: false } : undefined) },
    broker: {
      exchange: (token, who) => { calls.push(`exchange ${token} ${who.tenantId}/${who.userId}`); return options.exchange?.() ?? Promise.resolve('graph'); },
      tokenForBackground: (tenantId, userId) => { calls.push(`stored grant ${tenantId}/${userId}`); return options.background?.() ?? Promise.resolve('graph'); },
    },
    now: () => 5,
    leases: () => Promise.resolve({
      peek: (mailbox) => { calls.push(`peek ${mailbox.userId}`); return Promise.resolve(options.lease); },
      reserve: (mailbox, start, ms) => { calls.push(`reserve ${mailbox.userId} fresh=${start.fresh} ${ms}`); return Promise.resolve(reserved); },
      acquire: (_mailbox, start) => {
        calls.push(`acquire ${start.reservedSyncId}`);
        return Promise.resolve({
          row: reserved, keepAlive: () => undefined, check: () => undefined, renew: () => Promise.resolve(), abandon: () => undefined,
          handOver: () => Promise.resolve(), release: (finished) => { calls.push(`release ${finished}`); return Promise.resolve(); },
        });
      },
    }),
    queue: { send: (job) => { sent.push(job); return options.send?.() ?? Promise.resolve(); } },
  });
  return { service, calls, sent };
}

describe('sync request', () => {
  it('exchanges the SSO token, reserves the lease for 10 minutes and queues the caller\'s job', async () => {
    const { service, calls, sent } = serviceWith();
    await expect(service.requestSync(caller, { full: true })).resolves.toEqual({ syncId: 'reserved-1' });
    expect(calls).toEqual(['peek u1', 'exchange sso-token t1/u1', 'reserve u1 fresh=true 600000']);
    expect(sent).toEqual([{ tenantId: 't1', userId: 'u1', syncId: 'reserved-1', full: true, trigger: 'manual' }]);
  });

  it('refuses a caller without the role under policy "role" before asking Entra', async () => {
    const { service, calls } = serviceWith({ whoMaySync: 'role' });
    await expect(service.requestSync(caller, { full: false })).rejects.toMatchObject({ code: 'forbidden' });
    expect(calls).toEqual([]);
  });

  it('reserves nothing when consent is missing', async () => {
    const { service, calls } = serviceWith({ exchange: () => Promise.reject(new AppError('consent_required', 'allow')) });
    await expect(service.requestSync(caller, { full: false })).rejects.toMatchObject({ code: 'consent_required' });
    expect(calls).toEqual(['peek u1', 'exchange sso-token t1/u1']);
  });

  it.each([
    ['a queued sync', reserved],
    ['a running sync', { ...reserved, holder: 'worker-1' }],
  ])('answers 409 for %s from the lease alone, without asking Entra', async (_name, lease) => {
    const { service, calls } = serviceWith({ lease });
    await expect(service.requestSync(caller, { full: false })).rejects.toMatchObject({ code: 'sync_running', details: { syncId: 'reserved-1' } });
    expect(calls).toEqual(['peek u1']);
  });

  it('asks Entra and reserves when the last lease has expired', async () => {
    const { service, calls } = serviceWith({ lease: { ...reserved, expiresAt: 5 } });
    await expect(service.requestSync(caller, { full: false })).resolves.toEqual({ syncId: 'reserved-1' });
    expect(calls).toEqual(['peek u1', 'exchange sso-token t1/u1', 'reserve u1 fresh=false 600000']);
  });

  it('gives the reservation back when the job cannot be queued', async () => {
    const { service, calls } = serviceWith({ send: () => Promise.reject(new Error('queue down')) });
    await expect(service.requestSync(caller, { full: false })).rejects.toThrow('queue down');
    expect(calls.slice(-2)).toEqual(['acquire reserved-1', 'release false']);
  });
});

describe('background sync request (bot, schedule)', () => {
  const mailbox = { tenantId: 't1', userId: 'u1' };

  it.each(['bot', 'schedule'] as const)('queues a %s sync on the stored consent after the lease is free', async (trigger) => {
    const { service, calls, sent } = serviceWith();
    await expect(service.requestBackgroundSync(mailbox, trigger)).resolves.toEqual({ syncId: 'reserved-1' });
    expect(calls).toEqual(['peek u1', 'stored grant t1/u1', 'reserve u1 fresh=false 600000']);
    expect(sent).toEqual([{ tenantId: 't1', userId: 'u1', syncId: 'reserved-1', full: false, trigger }]);
  });

  it('answers reconnect_needed and reserves nothing when the stored consent no longer works', async () => {
    const { service, calls, sent } = serviceWith({ background: () => Promise.reject(new AppError('reconnect_needed', 'open the app')) });
    await expect(service.requestBackgroundSync(mailbox, 'bot')).rejects.toMatchObject({ code: 'reconnect_needed' });
    expect(calls).toEqual(['peek u1', 'stored grant t1/u1']);
    expect(sent).toEqual([]);
  });

  it('answers 409 with the running sync without touching the stored consent', async () => {
    const { service, calls } = serviceWith({ lease: { ...reserved, holder: 'worker-1' } });
    await expect(service.requestBackgroundSync(mailbox, 'schedule')).rejects.toMatchObject({ code: 'sync_running', details: { syncId: 'reserved-1' } });
    expect(calls).toEqual(['peek u1']);
  });
});
