import { FluentProvider, Spinner, teamsLightTheme } from '@fluentui/react-components';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { loadTabConfig, type TabConfig } from './app/tabConfig';
import { OutsideTeams } from './components/OutsideTeams/OutsideTeams';
import { DevHost } from './host/devHost';
import type { HostPort } from './host/hostPort';
import { connectTeamsHost } from './host/teamsHost';

/** Finds the host (Teams, or none), then shows the tab or the "open in Teams" page. */
function Root() {
  const [start, setStart] = useState<{ config: TabConfig; host?: HostPort }>();
  useEffect(() => {
    void Promise.all([loadTabConfig(), connectTeamsHost()]).then(([config, host]) => setStart({ config, host }));
  }, []);
  if (!start) return <FluentProvider theme={teamsLightTheme}><Spinner label="Starting…" /></FluentProvider>;
  if (start.host) return <App host={start.host} apiBaseUrl={start.config.apiBaseUrl} />;
  const devSignIn = start.config.localMode
    ? (identity: { userName: string; admin: boolean }) => setStart({ ...start, host: new DevHost(identity) })
    : undefined;
  return <FluentProvider theme={teamsLightTheme}><OutsideTeams onDevSignIn={devSignIn} /></FluentProvider>;
}

const element = document.getElementById('root');
if (element) createRoot(element).render(<StrictMode><Root /></StrictMode>);
