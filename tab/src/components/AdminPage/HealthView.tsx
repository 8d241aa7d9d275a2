import { Button, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { OrgHealth } from '../../api/apiTypes';
import { useServices } from '../../app/appServices';
import { userMessageOf, type UserMessage } from '../../app/errorMessages';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { formatTime } from '../SyncPanel/syncText';
import { useAdminPageStyles } from './AdminPage.styles';

/** The company's sync health (GET /api/org/health): counts, then users page by page. */
export function HealthView() {
  const styles = useAdminPageStyles();
  const { api } = useServices();
  const [health, setHealth] = useState<OrgHealth>();
  const [error, setError] = useState<UserMessage>();
  const load = useCallback((token?: string) => {
    api.health(token).then((page) => {
      setHealth((previous) => (token && previous ? { ...page, users: [...previous.users, ...page.users] } : page));
      setError(undefined);
    }, (failure: unknown) => setError(userMessageOf(failure)));
  }, [api]);
  useEffect(() => load(), [load]);
  if (error) return <ErrorNotice message={error} onRetry={() => load()} />;
  if (!health) return <Spinner label="Loading sync health…" />;
  const c = health.counts;
  return (
    <section className={styles.form} aria-label="Sync health">
      <div className={styles.counts}>
        <Text>{c.users} users</Text><Text>{c.syncedLast24h} synced in the last 24 hours</Text><Text>{c.running} syncing now</Text>
        <Text>{c.failing} failing</Text><Text>{c.reconnectNeeded} must reconnect</Text><Text>{c.throttled} throttled</Text>
        {c.instantSync !== undefined && <>
          <Text>{c.instantSync} on instant sync</Text><Text>{c.instantExpiringSoon ?? 0} instant subscriptions expiring within a day</Text>
          <Text>{c.instantFailing ?? 0} instant sync failures</Text>
        </>}
      </div>
      <div className={styles.table}>
        <Table aria-label="Users' syncs" size="small">
          <TableHeader><TableRow>
            <TableHeaderCell>User</TableHeaderCell><TableHeaderCell>Last sync</TableHeaderCell><TableHeaderCell>State</TableHeaderCell>
            <TableHeaderCell>Instant sync</TableHeaderCell>
          </TableRow></TableHeader>
          <TableBody>
            {health.users.map((user) => (
              <TableRow key={user.userId}>
                <TableCell>{user.displayName || user.userId}</TableCell>
                <TableCell>{formatTime(user.lastSyncAt)}</TableCell>
                <TableCell>{user.reconnectNeeded ? 'Must reconnect Outlook' : user.errorCode ? `${user.state} (${user.errorCode})` : user.state}</TableCell>
                <TableCell>{instantText(user.instant)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {health.continuationToken && <div><Button onClick={() => load(health.continuationToken)}>Show more users</Button></div>}
    </section>
  );
}

/** A user's instant sync in words: off, on until when, or what failed. */
export function instantText(instant: OrgHealth['users'][number]['instant']): string {
  if (!instant) return 'Off';
  if (instant.errorCode === 'reconnect_needed') return 'Stopped: must reconnect Outlook';
  const until = instant.subscriptions > 0 ? `On (${instant.subscriptions} ${instant.subscriptions === 1 ? 'folder' : 'folders'}, renewed before ${formatTime(instant.expiresAt)})` : 'Off';
  return instant.errorCode ? `${until}; last renewal failed (${instant.errorCode})` : until;
}
