import { Button, FluentProvider, Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiClient } from '../api/apiClient';
import type { Me } from '../api/apiTypes';
import { ErrorNotice } from '../components/ErrorNotice/ErrorNotice';
import { TabShell } from '../components/TabShell/TabShell';
import type { HostPort, HostTheme } from '../host/hostPort';
import { ServicesProvider } from './appServices';
import { userMessageOf, type UserMessage } from './errorMessages';
import { loadMe } from './loadMe';
import { fluentTheme } from './themes';

/** Props of {@link App}. */
export interface AppProps {
  host: HostPort;
  apiBaseUrl: string;
  /** Test seam: the fetch the API client uses. */
  fetchFn?: typeof fetch;
  pollMs?: number;
}

/** The tab inside a host: follows its theme, signs in silently, then shows the pages. */
export function App({ host, apiBaseUrl, fetchFn, pollMs = 1000 }: AppProps) {
  const [theme, setTheme] = useState<HostTheme>(host.theme);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  const api = useMemo(() => new ApiClient(apiBaseUrl, () => host.getToken(), fetchFn), [apiBaseUrl, host, fetchFn]);
  const [me, setMe] = useState<Me>();
  const [error, setError] = useState<UserMessage>();
  const signIn = useCallback(() => {
    setError(undefined);
    loadMe(api, () => host.getToken()).then(setMe, (failure: unknown) => setError(userMessageOf(failure)));
  }, [api, host]);
  useEffect(signIn, [signIn]);
  // A failed re-read keeps what is shown: the page that asked for it shows its own outcome.
  const refreshMe = useCallback(() => loadMe(api, () => host.getToken()).then(setMe), [api, host]);
  return (
    <FluentProvider theme={fluentTheme(theme)} data-theme={theme}>
      {me && <ServicesProvider value={{ api, host, me, pollMs, refreshMe }}><TabShell /></ServicesProvider>}
      {!me && (
        <main style={{ minHeight: '100vh', padding: 24 }}>
          <h1 style={{ fontSize: 20 }}>Outlook Contact Sync</h1>
          {error ? <ErrorNotice message={error} onRetry={signIn} retryLabel="Sign in again" /> : <Spinner label="Signing in…" />}
          {error && !error.retry && <Button onClick={signIn}>Sign in again</Button>}
        </main>
      )}
    </FluentProvider>
  );
}
