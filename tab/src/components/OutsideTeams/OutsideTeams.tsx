import { Button, Checkbox, Field, Input, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { DevIdentity } from '../../host/devHost';
import { useOutsideTeamsStyles } from './OutsideTeams.styles';

/** Props of {@link OutsideTeams}. */
export interface OutsideTeamsProps {
  /** Set in local mode: offers the development sign-in against the local Entra authority. */
  onDevSignIn?: (identity: DevIdentity) => void;
}

/** Opened in a plain browser: says to open the app in Teams (and, locally, offers a development sign-in). */
export function OutsideTeams({ onDevSignIn }: OutsideTeamsProps) {
  const styles = useOutsideTeamsStyles();
  const [userName, setUserName] = useState('Ada Account-Manager');
  const [admin, setAdmin] = useState(false);
  return (
    <main className={styles.root}>
      <Text as="h1" size={600} weight="semibold">Open Outlook Contact Sync in Microsoft Teams</Text>
      <Text>
        This app runs inside Teams: it signs you in with your Teams account. In Teams, select Apps, find Outlook Contact Sync and open it.
      </Text>
      {onDevSignIn && (
        <form className={styles.form} aria-label="Development sign-in" onSubmit={(event) => { event.preventDefault(); onDevSignIn({ userName, admin }); }}>
          <Text as="h2" size={400} weight="semibold">Local development sign-in</Text>
          <Text>This server runs locally: sign in as a test user of the local Entra authority.</Text>
          <Field label="Test user name"><Input value={userName} onChange={(_e, d) => setUserName(d.value)} /></Field>
          <Checkbox label="Sign in as an admin (ContactSync.Admin)" checked={admin} onChange={(_e, d) => setAdmin(d.checked === true)} />
          <div><Button appearance="primary" type="submit">Sign in locally</Button></div>
        </form>
      )}
    </main>
  );
}
