import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from '../api/apiClient';
import type { Me } from '../api/apiTypes';
import type { HostPort } from '../host/hostPort';

/** What every page reads: the API client, the host (sign-in, consent) and who the user is. */
export interface AppServices {
  api: ApiClient;
  host: HostPort;
  me: Me;
  /** How often to poll a running sync (ms). */
  pollMs: number;
  /** Reads `me` again (GET /api/me), after a change it depends on (the integration saved). */
  refreshMe: () => Promise<void>;
}

const ServicesContext = createContext<AppServices | undefined>(undefined);

/** Provides {@link AppServices} to the pages. */
export function ServicesProvider(props: { value: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={props.value}>{props.children}</ServicesContext.Provider>;
}

/** The app's services; only inside {@link ServicesProvider}. */
export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}
