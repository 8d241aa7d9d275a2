import { TableClient, TableServiceClient } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';
import { QueueClient } from '@azure/storage-queue';

/**
 * How the app reaches its storage account (Tables and Queues): a connection string (Azurite locally, or an
 * account key), or the Functions app's managed identity with the endpoints the runtime's identity-based
 * `AzureWebJobsStorage__*` settings name — what the Bicep deploys (account keys are turned off there).
 */
export type StorageAccount =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'identity'; tableServiceUri: string; queueServiceUri: string };

/** A connection string, as tests and local tools give it. */
export function connectionStringAccount(connectionString: string): StorageAccount {
  return { kind: 'connectionString', connectionString };
}

let credential: DefaultAzureCredential | undefined;

/** One credential per process: it caches its tokens (managed identity on Azure, a developer's sign-in elsewhere). */
function sharedCredential(): DefaultAzureCredential {
  credential ??= new DefaultAzureCredential();
  return credential;
}

export function tableClient(account: StorageAccount, tableName: string): TableClient {
  if (account.kind === 'identity') return new TableClient(account.tableServiceUri, tableName, sharedCredential());
  return TableClient.fromConnectionString(account.connectionString, tableName, { allowInsecureConnection: isLoopbackHttp(account.connectionString) });
}

export function tableServiceClient(account: StorageAccount): TableServiceClient {
  if (account.kind === 'identity') return new TableServiceClient(account.tableServiceUri, sharedCredential());
  return TableServiceClient.fromConnectionString(account.connectionString, { allowInsecureConnection: isLoopbackHttp(account.connectionString) });
}

export function queueClient(account: StorageAccount, queueName: string): QueueClient {
  if (account.kind === 'identity') return new QueueClient(`${account.queueServiceUri.replace(/\/+$/, '')}/${queueName}`, sharedCredential());
  return new QueueClient(account.connectionString, queueName);
}

/** True when the connection string points at http://127.0.0.1 or localhost (Azurite). */
export function isLoopbackHttp(connectionString: string): boolean {
  return /Endpoint=http:\/\/(127\.0\.0\.1|localhost)[:/]/i.test(connectionString)
    || /UseDevelopmentStorage=true/i.test(connectionString);
}
