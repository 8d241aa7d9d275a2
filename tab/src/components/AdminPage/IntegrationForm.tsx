import { Button, Field, Input, MessageBar, MessageBarBody, Spinner, Switch } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { Integration } from '../../api/apiTypes';
import { useServices } from '../../app/appServices';
import { codeOf, userMessageOf, type UserMessage } from '../../app/errorMessages';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { useAdminPageStyles } from './AdminPage.styles';
import { guidProblem } from './guid';

/** The Outlook integration: name, Application (client) ID and Directory (tenant) ID, each ID checked as a GUID. */
export function IntegrationForm() {
  const styles = useAdminPageStyles();
  const { api, me, refreshMe } = useServices();
  const [value, setValue] = useState<Integration>({ name: 'Outlook', clientId: '', tenantId: me.tenantId, enabled: true });
  const [loading, setLoading] = useState(true);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<UserMessage>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    api.integration().then(setValue, (failure: unknown) => {
      if (codeOf(failure) !== 'integration_missing') setError(userMessageOf(failure));
    }).finally(() => setLoading(false));
  }, [api]);
  const problems = {
    name: value.name.trim() ? undefined : 'Enter a name people will recognise, e.g. "Outlook (Contoso)".',
    clientId: guidProblem(value.clientId, 'Application (client) ID'),
    tenantId: guidProblem(value.tenantId, 'Directory (tenant) ID'),
  };
  const save = useCallback(() => {
    setTouched(true);
    setSaved(false);
    if (problems.name || problems.clientId || problems.tenantId) return;
    api.saveIntegration({ name: value.name.trim(), clientId: value.clientId.trim(), tenantId: value.tenantId.trim(), enabled: value.enabled })
      .then((stored) => {
        setValue(stored);
        setSaved(true);
        setError(undefined);
        // What depends on the integration (the "not set up" banner, which pages show) comes from GET /api/me.
        return refreshMe();
      })
      .catch((failure: unknown) => setError(userMessageOf(failure)));
  }, [api, refreshMe, value, problems.name, problems.clientId, problems.tenantId]);
  if (loading) return <Spinner label="Loading the Outlook integration…" />;
  const field = (key: 'name' | 'clientId' | 'tenantId') => ({
    validationState: touched && problems[key] ? 'error' as const : 'none' as const,
    validationMessage: touched ? problems[key] : undefined,
  });
  return (
    <form className={styles.form} aria-label="Outlook integration" onSubmit={(event) => { event.preventDefault(); save(); }}>
      <Field label="Integration name" required {...field('name')}>
        <Input value={value.name} onChange={(_e, d) => setValue({ ...value, name: d.value })} />
      </Field>
      <Field label="Application (client) ID" required hint="From the app registration's Overview page" {...field('clientId')}>
        <Input value={value.clientId} onChange={(_e, d) => setValue({ ...value, clientId: d.value })} />
      </Field>
      <Field label="Directory (tenant) ID" required hint="Your organisation's tenant ID" {...field('tenantId')}>
        <Input value={value.tenantId} onChange={(_e, d) => setValue({ ...value, tenantId: d.value })} />
      </Field>
      <Switch label="Outlook Sync enabled for the organisation" checked={value.enabled} onChange={(_e, d) => setValue({ ...value, enabled: d.checked })} />
      <div><Button appearance="primary" type="submit">Save integration</Button></div>
      {error && <ErrorNotice message={error} />}
      {saved && <MessageBar intent="success" role="status"><MessageBarBody>Integration saved.</MessageBarBody></MessageBar>}
    </form>
  );
}
