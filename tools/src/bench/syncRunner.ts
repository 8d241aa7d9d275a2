/** Child-process entry: one engine sync (see `childMain.ts`). */
import { runAsChild } from './childMain';
import { runSyncJob } from './syncJob';

runAsChild(runSyncJob);
