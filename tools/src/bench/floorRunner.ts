/** Child-process entry: one I/O floor run (see `childMain.ts`). */
import { runAsChild } from './childMain';
import { runFloorJob } from './floorJob';

runAsChild(runFloorJob);
