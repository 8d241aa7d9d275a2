import { Button, Checkbox, Field, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { Policy } from '../../api/apiTypes';
import { useServices } from '../../app/appServices';
import { userMessageOf, type UserMessage } from '../../app/errorMessages';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { useAdminPageStyles } from './AdminPage.styles';

/** Schedule kinds an admin can allow (CONTRACTS.md); a stored older value (weekly) is shown too. */
const SCHEDULES: Record<string, string> = { hourly: 'Every hour', everyHours: 'Every few hours', daily: 'Daily', weekly: 'Weekly' };

/** Who may sync, and which schedules users may pick. */
export function PolicyForm() {
  const styles = useAdminPageStyles();
  const { api } = useServices();
  const [policy, setPolicy] = useState<Policy>();
  const [error, setError] = useState<UserMessage>();
  const [saved, setSaved] = useState(false);
  useEffect(() => { api.policy().then(setPolicy, (failure: unknown) => setError(userMessageOf(failure))); }, [api]);
  const save = useCallback(() => {
    if (!policy) return;
    setSaved(false);
    api.savePolicy(policy).then((stored) => { setPolicy(stored); setSaved(true); setError(undefined); }, (failure: unknown) => setError(userMessageOf(failure)));
  }, [api, policy]);
  if (!policy) return error ? <ErrorNotice message={error} /> : <Spinner label="Loading the sync policy…" />;
  const kinds = Object.keys(SCHEDULES).filter((kind) => kind !== 'weekly' || policy.allowedSchedules.includes('weekly'));
  const toggle = (kind: string, on: boolean) => setPolicy({
    ...policy, allowedSchedules: on ? [...policy.allowedSchedules, kind] : policy.allowedSchedules.filter((k) => k !== kind),
  });
  return (
    <form className={styles.form} aria-label="Sync policy" onSubmit={(event) => { event.preventDefault(); save(); }}>
      <Field label="Who may sync">
        <RadioGroup value={policy.whoMaySync} onChange={(_e, d) => setPolicy({ ...policy, whoMaySync: d.value === 'role' ? 'role' : 'everyone' })}>
          <Radio value="everyone" label="Everyone in the organisation" />
          <Radio value="role" label="Only people with the Contact Sync User role" />
        </RadioGroup>
      </Field>
      <fieldset>
        <legend>Schedules users may choose (none: manual syncs only)</legend>
        {kinds.map((kind) => (
          <Checkbox key={kind} label={SCHEDULES[kind]} checked={policy.allowedSchedules.includes(kind)} onChange={(_e, d) => toggle(kind, d.checked === true)} />
        ))}
      </fieldset>
      <Checkbox
        label="Instant sync: bring a change made in Outlook into Teams within a minute (Microsoft Graph change notifications; a daily safety sync still runs)"
        checked={policy.instantSync === true} onChange={(_e, d) => setPolicy({ ...policy, instantSync: d.checked === true })}
      />
      <div><Button appearance="primary" type="submit">Save policy</Button></div>
      {error && <ErrorNotice message={error} />}
      {saved && <MessageBar intent="success" role="status"><MessageBarBody>Policy saved.</MessageBarBody></MessageBar>}
    </form>
  );
}
