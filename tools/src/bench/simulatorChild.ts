import path from 'node:path';
import { spawnTsx, stopChild } from './childProcesses';

const MAIN = path.join(__dirname, '../graphSimulator/main.ts');
const READY = /Graph simulator: (\S+)/;

/** The Graph simulator running in its own process. */
export interface SimulatorChild {
  /** `http://127.0.0.1:<port>/v1.0`. */
  baseUrl: string;
  /** `http://127.0.0.1:<port>/_sim`: the admin API. */
  adminUrl: string;
  stop(): Promise<void>;
}

/** Starts `graphSimulator/main.ts` on a free port and waits for the line that says where it listens. */
export async function startSimulatorChild(timeoutMs = 60_000): Promise<SimulatorChild> {
  const child = spawnTsx(MAIN, ['--port', '0']);
  let output = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the Graph simulator did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = READY.exec(output);
      if (match?.[1]) { clearTimeout(timer); resolve(match[1]); }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the Graph simulator exited (${code}):\n${output}`)); });
  }).catch(async (error: unknown) => {
    await stopChild(child);
    throw error;
  });
  child.stdout?.resume();
  return { baseUrl, adminUrl: baseUrl.replace(/\/v1\.0$/, '/_sim'), stop: () => stopChild(child) };
}
