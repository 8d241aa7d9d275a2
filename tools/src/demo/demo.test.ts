import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');

/** `npm run demo` as a user runs it (a smaller mailbox): its own stack, its own ports, its printed lines. */
it('prints the contact the incremental sync brought in when it searches the phonebook right after that sync', async () => {
  const { stdout } = await run(join(ROOT, 'node_modules', '.bin', 'tsx'), ['tools/src/demo/demo.ts'], {
    cwd: ROOT, env: { ...process.env, DEMO_CONTACTS: '300' }, timeout: 240_000, maxBuffer: 16 * 1024 * 1024,
  });
  const line = stdout.split('\n').find((text) => text.startsWith('Phonebook search "hopper":')) ?? '';
  const found = JSON.parse(line.slice(line.indexOf(':') + 1)) as Array<{ firstName: string; lastName: string; phoneE164: string }>;
  expect(found).toEqual([expect.objectContaining({ firstName: 'Grace', lastName: 'Hopper', phoneE164: '+12025550143' })]);
}, 300_000);
