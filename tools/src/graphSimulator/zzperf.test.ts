import { generateNames, generatePhones, generateEmails, formatPhone } from './contactGenerator';
import { CULTURES } from './generatorCultures';
import { SeededRandom } from './seededRandom';
it('perf', () => {
  const rng = new SeededRandom(1);
  const c = CULTURES[1]!;
  const out: Record<string, number> = {};
  function time(name: string, f: () => unknown) { const t = Date.now(); for (let i = 0; i < 100000; i++) f(); out[name] = Date.now() - t; }
  time('names', () => generateNames(rng, c));
  time('phones', () => generatePhones(rng, c));
  time('emails', () => generateEmails(rng, c, 'Zoé Dubois', 5));
  time('format', () => formatPhone(rng, '+33 1 ## ## ## ##'));
  time('iso', () => new Date(1600000000000 + rng.int(1e10)).toISOString().replace('.000Z', 'Z'));
  time('rng', () => rng.next());
  time('pick', () => rng.pick(CULTURES));
  time('chance', () => rng.chance(0.5));
  console.log(out);
});
