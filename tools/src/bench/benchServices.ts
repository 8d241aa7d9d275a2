import { TableServiceClient } from '@azure/data-tables';
import { type AzuriteInstance, startAzurite } from '../azurite/azuriteProcess';
import { killChildren } from './childProcesses';
import type { BenchEndpoints } from './jobTypes';
import { SimAdmin } from './simAdmin';
import { type SimulatorChild, startSimulatorChild } from './simulatorChild';

/** Azurite and the Graph simulator, each in its own process, for one bench run. */
export interface BenchServices {
  endpoints: BenchEndpoints;
  admin: SimAdmin;
  /** Deletes every table whose name starts with `prefix`. */
  dropTables(prefix: string): Promise<void>;
}

/**
 * Starts Azurite and the simulator, runs `work`, and stops both whatever happens — also on Ctrl+C or
 * SIGTERM, where measured child runs are killed first.
 */
export async function withBenchServices<T>(work: (services: BenchServices) => Promise<T>): Promise<T> {
  const started = await Promise.allSettled([startAzurite(), startSimulatorChild()]);
  const [azurite, simulator] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined)) as [AzuriteInstance?, SimulatorChild?];
  const stop = async (): Promise<void> => {
    killChildren(); // measured runs first: they talk to the two below
    await Promise.allSettled([azurite?.stop(), simulator?.stop()]);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\n${signal}: stopping Azurite, the simulator and any running measurement…\n`);
    void stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure || !azurite || !simulator) throw failure?.reason ?? new Error('a local part did not start');
    return await work(servicesOf(azurite, simulator));
  } finally {
    await stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function servicesOf(azurite: AzuriteInstance, simulator: SimulatorChild): BenchServices {
  const tables = TableServiceClient.fromConnectionString(azurite.connectionString, { allowInsecureConnection: true });
  return {
    endpoints: { graphBaseUrl: simulator.baseUrl, storageConnection: azurite.connectionString },
    admin: new SimAdmin(simulator.adminUrl),
    dropTables: async (prefix) => {
      const names: string[] = [];
      for await (const table of tables.listTables()) if (table.name?.startsWith(prefix)) names.push(table.name);
      await Promise.all(names.map((name) => tables.deleteTable(name)));
    },
  };
}
