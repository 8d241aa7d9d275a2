/**
 * Resolves `%Name%` app-setting references in binding properties (queue names, schedules), as the
 * Functions host does before it starts a trigger.
 */
export function resolveAppSettingReferences(value: string, env: NodeJS.ProcessEnv = process.env): string {
  return value.replace(/%([^%]+)%/g, (_, name: string) => {
    const setting = env[name];
    if (setting === undefined) throw new Error(`The app setting '${name}' referenced as '%${name}%' is not set`);
    return setting;
  });
}

/**
 * The storage connection string named by a binding's `connection` (default `AzureWebJobsStorage`);
 * like the host, `AzureWebJobs<name>` is tried too. Identity-based connections (`<name>__queueServiceUri`)
 * are not supported here.
 */
export function storageConnectionString(connection: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const name = typeof connection === 'string' && connection ? connection : 'AzureWebJobsStorage';
  const value = env[name] ?? env[`AzureWebJobs${name}`];
  if (!value) throw new Error(`The app setting '${name}' (a storage connection string) is not set`);
  return value;
}

/**
 * Merges app settings into `process.env` (function code reads them there, as on Azure) and returns
 * the function that puts the previous values back.
 */
export function applyAppSettings(settings: Record<string, string> = {}): () => void {
  const previous = Object.entries(settings).map(([name]) => [name, process.env[name]] as const);
  Object.assign(process.env, settings);
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
