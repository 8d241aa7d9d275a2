import { Button, Field, MessageBar, MessageBarBody, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { DisconnectResult } from '../../api/apiTypes';
import { useServices } from '../../app/appServices';
import { userMessageOf, type UserMessage } from '../../app/errorMessages';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { useDisconnectPageStyles } from './DisconnectPage.styles';

/** Disconnect Outlook: the stored access is erased at once; the user chooses to keep or erase the synced contacts. */
export function DisconnectPage() {
  const styles = useDisconnectPageStyles();
  const { api } = useServices();
  const [choice, setChoice] = useState<'keep' | 'erase'>('keep');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<DisconnectResult>();
  const [error, setError] = useState<UserMessage>();
  const disconnect = () => {
    setBusy(true);
    api.disconnect(choice === 'erase').then((result) => { setDone(result); setError(undefined); },
      (failure: unknown) => setError(userMessageOf(failure))).finally(() => setBusy(false));
  };
  return (
    <section className={styles.root} aria-label="Disconnect Outlook">
      <Text>
        Disconnecting removes this app&apos;s access to your Outlook contacts at once: no sync, by you, the bot or a schedule, can
        read Outlook until you connect again.
      </Text>
      <Field label="Your synced contacts">
        <RadioGroup value={choice} onChange={(_e, data) => setChoice(data.value === 'erase' ? 'erase' : 'keep')}>
          <Radio value="keep" label="Keep them here (you can still search them)" />
          <Radio value="erase" label="Erase them, with their sync history" />
        </RadioGroup>
      </Field>
      <div><Button appearance="primary" onClick={disconnect} disabled={busy}>Disconnect Outlook</Button></div>
      {error && <ErrorNotice message={error} onRetry={disconnect} />}
      {done && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>
            Outlook is disconnected.{' '}
            {choice === 'erase' ? `${done.erased.contacts} contacts and their history were erased.` : 'Your synced contacts were kept.'}
            {' '}Select Outlook Sync on the Contacts page to connect again.
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
