/**
 * Drift between the Agents Toolkit lifecycle (`teamsapp*.yml`), the files its steps read (manifests, Bicep
 * parameters) and `env/`: every `${{NAME}}` must be declared in the environment's file, and a name left
 * empty there must be written by an earlier step (an action's `writeToEnvironmentFile`, or a Bicep output
 * after `arm/deploy`) before a step needs it.
 */
import { placeholdersIn, type EnvValues } from '../appPackage/envFile';

/** One step of a lifecycle stage, as the toolkit's yml schema describes it. */
export interface LifecycleStep {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

/** A parsed `teamsapp*.yml`. */
export interface Lifecycle {
  version?: string;
  provision?: LifecycleStep[];
  deploy?: LifecycleStep[];
  publish?: LifecycleStep[];
}

/** What a lifecycle is checked against. */
export interface LifecycleContext {
  envName: string;
  env: EnvValues;
  /** SECRET_ names documented in `env/.env.<env>.user.example` (the admin or an action fills them). */
  documentedSecrets: ReadonlySet<string>;
  bicepOutputs: ReadonlySet<string>;
  /** Reads a file a step names (manifestPath, templates[].parameters), relative to the repository. */
  readFile: (relativePath: string) => string;
}

/**
 * Names an action fills by itself when they are empty, without a `writeToEnvironmentFile` line: arm/deploy
 * asks for the subscription and resource group (and writes them); aadApp/update makes the scope's id.
 */
export const FILLED_BY_ACTION: Readonly<Record<string, readonly string[]>> = {
  'arm/deploy': ['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'],
  'aadApp/update': ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID'],
};

/** Files a step reads whose placeholders the toolkit fills at that step. */
export function filesReadBy(step: LifecycleStep): string[] {
  const files: string[] = [];
  if (typeof step.with?.manifestPath === 'string') files.push(step.with.manifestPath);
  for (const template of (step.with?.templates as Array<{ parameters?: unknown }> | undefined) ?? []) {
    if (typeof template.parameters === 'string') files.push(template.parameters);
  }
  return files;
}

/** Every `${{NAME}}` a lifecycle uses, in its steps and in the files they read. */
export function namesUsed(lifecycle: Lifecycle, readFile: (relativePath: string) => string): Set<string> {
  const names = new Set<string>();
  for (const step of stepsOf(lifecycle)) {
    for (const name of placeholdersIn(JSON.stringify(step.with ?? {}))) names.add(name);
    for (const file of filesReadBy(step)) for (const name of placeholdersIn(readFile(file))) names.add(name);
  }
  return names;
}

/** Names used but declared neither in env/.env.<env> nor, for SECRET_*, in its .user.example. */
export function undeclaredNames(used: Iterable<string>, context: Pick<LifecycleContext, 'env' | 'documentedSecrets'>): string[] {
  return [...used].filter((name) => (name.startsWith('SECRET_') ? !context.documentedSecrets.has(name) : !context.env.has(name)));
}

/** Steps that need a name nobody has filled yet: the env file leaves it empty and no earlier step writes it. */
export function unsuppliedNames(lifecycle: Lifecycle, context: LifecycleContext): string[] {
  const supplied = new Set([...context.env].filter(([, value]) => value !== undefined).map(([name]) => name));
  for (const secret of context.documentedSecrets) supplied.add(secret);
  const problems: string[] = [];
  for (const stage of ['provision', 'deploy', 'publish'] as const) {
    for (const step of lifecycle[stage] ?? []) {
      for (const name of FILLED_BY_ACTION[step.uses] ?? []) supplied.add(name);
      const used = [JSON.stringify(step.with ?? {}), ...filesReadBy(step).map(context.readFile)].flatMap(placeholdersIn);
      for (const name of new Set(used)) {
        if (!supplied.has(name)) problems.push(`${stage} ${step.uses}: \${{${name}}} is empty in env/.env.${context.envName} and no earlier step writes it`);
      }
      for (const name of Object.values(step.writeToEnvironmentFile ?? {})) supplied.add(name);
      if (step.uses === 'arm/deploy') for (const output of context.bicepOutputs) supplied.add(output);
    }
  }
  return problems;
}

function stepsOf(lifecycle: Lifecycle): LifecycleStep[] {
  return [...(lifecycle.provision ?? []), ...(lifecycle.deploy ?? []), ...(lifecycle.publish ?? [])];
}
