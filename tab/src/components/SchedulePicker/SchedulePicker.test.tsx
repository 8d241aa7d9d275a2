/** @jest-environment jsdom */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Me } from '../../api/apiTypes';
import { FakeApi, apiError, status } from '../../testing/fakeApi';
import { FakeHost } from '../../testing/fakeHost';
import { renderTab } from '../../testing/renderTab';
import { browserTimeZone } from './scheduleText';

const NEXT = '2026-12-02T06:30:00.000Z';

function me(patch: Partial<Me> = {}): Me {
  return { tenantId: 't', userId: 'u', displayName: 'U', isAdmin: false, maySync: true, connected: true, reconnectNeeded: false, ...patch };
}

function api(who: Me): FakeApi {
  return new FakeApi()
    .on('GET', '/api/me', { status: 200, body: who })
    .on('GET', '/api/sync/status', { status: 200, body: status() })
    .on('GET', '/api/contacts', { status: 200, body: { contacts: [], more: false } });
}

function schedule(): Promise<HTMLElement> {
  return screen.findByRole('region', { name: 'Scheduled sync' });
}

describe('SchedulePicker', () => {
  it('off → daily at a time in the browser time zone is saved, and the next run is shown in local time', async () => {
    const bodies: unknown[] = [];
    const fake = api(me({ allowedSchedules: ['off', 'everyHours', 'daily'] }))
      .on('PUT', '/api/me/schedule', (_url, init) => {
        const body = JSON.parse(init.body as string) as Record<string, unknown>;
        bodies.push(body);
        return { status: 200, body: { ...body, nextRunAt: NEXT } };
      });
    renderTab(new FakeHost(), fake);
    const section = await schedule();
    expect(within(section).getByText('Scheduled sync is off.')).toBeTruthy();
    expect(within(section).getByRole('radio', { name: 'Off' })).toHaveProperty('checked', true);
    await userEvent.click(within(section).getByRole('radio', { name: 'Daily at a set time' }));
    const time = within(section).getByLabelText('Time of day');
    await userEvent.clear(time);
    await userEvent.type(time, '07:30');
    expect(within(section).getByLabelText('Time zone')).toHaveProperty('value', browserTimeZone());
    await userEvent.click(within(section).getByRole('button', { name: 'Save schedule' }));
    expect(await within(section).findByText(`Next scheduled sync: ${new Date(NEXT).toLocaleString()}.`)).toBeTruthy();
    expect(bodies).toEqual([{ kind: 'daily', dailyAt: '07:30', timeZone: browserTimeZone() }]);
  });

  it('every N hours sends only the hours', async () => {
    const bodies: unknown[] = [];
    const fake = api(me()).on('PUT', '/api/me/schedule', (_url, init) => {
      bodies.push(JSON.parse(init.body as string));
      return { status: 200, body: { kind: 'everyHours', everyHours: 6, nextRunAt: NEXT } };
    });
    renderTab(new FakeHost(), fake);
    const section = await schedule();
    await userEvent.click(within(section).getByRole('radio', { name: 'Every few hours' }));
    await userEvent.selectOptions(within(section).getByLabelText('Hours between syncs'), '6');
    await userEvent.click(within(section).getByRole('button', { name: 'Save schedule' }));
    expect(await within(section).findByText(/^Next scheduled sync:/)).toBeTruthy();
    expect(bodies).toEqual([{ kind: 'everyHours', everyHours: 6 }]);
  });

  it('offers only the kinds the policy allows (off always)', async () => {
    renderTab(new FakeHost(), api(me({ allowedSchedules: ['daily'] })));
    const section = await schedule();
    const offered = within(section).getAllByRole('radio').map((radio) => radio.getAttribute('value'));
    expect(offered).toEqual(['off', 'daily']);
    expect(within(section).queryByRole('radio', { name: 'Every hour' })).toBeNull();
  });

  it('a 403 forbidden says which schedules the admin allows, and stops offering the others', async () => {
    const fake = api(me()).on('PUT', '/api/me/schedule', {
      status: 403, body: { code: 'forbidden', message: 'not allowed', correlationId: 'corr-9', details: { allowedSchedules: ['off', 'daily'] } },
    });
    renderTab(new FakeHost(), fake);
    const section = await schedule();
    await userEvent.click(within(section).getByRole('radio', { name: 'Every hour' }));
    await userEvent.click(within(section).getByRole('button', { name: 'Save schedule' }));
    expect(await within(section).findByText('Your admin does not allow this schedule.')).toBeTruthy();
    expect(within(section).getByText(/Your admin allows: Off, Daily at a set time\./)).toBeTruthy();
    expect(within(section).getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual(['off', 'daily']);
    expect(within(section).getByText('Scheduled sync is off.')).toBeTruthy();
  });

  it('consent required: Connect Outlook opens consent from the click, then saves again', async () => {
    let consented = false;
    const fake = api(me()).on('PUT', '/api/me/schedule', () => (consented
      ? { status: 200, body: { kind: 'hourly', nextRunAt: NEXT } } : apiError(403, 'consent_required')));
    const host = new FakeHost();
    host.onConsent = () => { consented = true; };
    renderTab(host, fake);
    const section = await schedule();
    await userEvent.click(within(section).getByRole('radio', { name: 'Every hour' }));
    await userEvent.click(within(section).getByRole('button', { name: 'Save schedule' }));
    expect(await within(section).findByText('Outlook Sync needs your permission to read your Outlook contacts.')).toBeTruthy();
    await userEvent.click(within(section).getByRole('button', { name: 'Connect Outlook' }));
    expect(await within(section).findByText(`Next scheduled sync: ${new Date(NEXT).toLocaleString()}.`)).toBeTruthy();
    expect(host.consentCalls).toBe(1);
  });

  it('shows the saved schedule from GET /api/me, and a paused one says how to resume', async () => {
    renderTab(new FakeHost(), api(me({ schedule: { kind: 'daily', dailyAt: '18:15', timeZone: 'Europe/Berlin', reconnectNeeded: true } })));
    const section = await schedule();
    expect(within(section).getByRole('radio', { name: 'Daily at a set time' })).toHaveProperty('checked', true);
    expect(within(section).getByLabelText('Time of day')).toHaveProperty('value', '18:15');
    expect(within(section).getByLabelText('Time zone')).toHaveProperty('value', 'Europe/Berlin');
    expect(within(section).getByText(/paused until you connect Outlook again: select Outlook Sync once/)).toBeTruthy();
  });

  it('is not shown to a user the policy does not let sync', async () => {
    renderTab(new FakeHost(), api(me({ maySync: false })));
    expect(await screen.findByRole('region', { name: 'Outlook Sync' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Scheduled sync' })).toBeNull();
  });

  it('every control has an accessible name', async () => {
    renderTab(new FakeHost(), api(me()));
    const section = await schedule();
    expect(within(section).getByRole('radiogroup', { name: 'How often Outlook Sync runs on its own' })).toBeTruthy();
    await userEvent.click(within(section).getByRole('radio', { name: 'Daily at a set time' }));
    expect(within(section).getByLabelText('Time of day')).toBeTruthy();
    expect(within(section).getByRole('combobox', { name: 'Time zone' })).toBeTruthy();
    expect(within(section).getByRole('button', { name: 'Save schedule' })).toBeTruthy();
  });
});

describe('instant sync on the Contacts page', () => {
  it('says instant sync is on, with the folders watched, only when GET /api/me says so', async () => {
    renderTab(new FakeHost(), api(me({ instantSync: { folders: 3 } })));
    expect(await screen.findByRole('note')).toHaveProperty('textContent', expect.stringMatching(/^Instant sync is on: .*within a minute\s*\(3 contact folders watched\)\.$/));
  });

  it('says nothing of instant sync when it is off', async () => {
    renderTab(new FakeHost(), api(me()));
    await schedule();
    expect(screen.queryByText(/Instant sync/)).toBeNull();
  });
});
