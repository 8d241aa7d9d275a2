import { contactWords, foldText, soundCode } from './searchKeys';
import { contactScore, editDistance, wordScore } from './searchRanking';

describe('folding and sound codes', () => {
  it.each([
    ['Müller', 'muller'], ['Ångström', 'angstrom'], ['Straße', 'strasse'], ['Øystein', 'oystein'], ['ＡＢＣ', 'abc'], ['Łukasz', 'lukasz'],
  ])('folds %s to %s', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it.each([
    ['john', 'jhon'], ['smith', 'smyth'], ['muller', 'mueller'], ['schmidt', 'smith'],
  ])('gives %s and %s the same code', (a, b) => {
    expect(soundCode(a)).toBe(soundCode(b));
  });

  it.each([['quart', 'quartermaine'], ['smi', 'smithers'], ['jo', 'johnson']])('makes the code of %s a beginning of the code of %s', (part, word) => {
    expect(soundCode(word).startsWith(soundCode(part))).toBe(true);
  });

  it('indexes names and company words, not single letters nor legal forms, once each', () => {
    expect(contactWords({ firstName: 'John J.', lastName: 'Smith', companyName: 'Smith & Sons Ltd' })).toEqual(['john', 'smith', 'sons']);
  });
});

describe('ranking', () => {
  it.each([
    ['abc', 'abc', 0], ['jhon', 'john', 1], ['smtih', 'smith', 1], ['mueller', 'muller', 1], ['kitten', 'sitting', 3],
  ])('edit distance of %s and %s is %i (transpositions count once)', (a, b, distance) => {
    expect(editDistance(a, b, 5)).toBe(distance);
  });

  it('ranks the whole word over a part of it, a part over a slip, a slip over a sound-alike, and strangers at 0', () => {
    const scores = [wordScore('smith', 'smith'), wordScore('smi', 'smith'), wordScore('smiht', 'smith'), wordScore('smyt', 'smith'), wordScore('jones', 'smith')];
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores[3]).toBeGreaterThan(0);
    expect(scores[4]).toBe(0);
  });

  it.each([
    ['smith john', ['john', 'smith'], true],
    ['muller', ['anna', 'muller'], true],
    ['jhon smyth', ['john', 'smith'], true],
    ['john jones', ['john', 'smith'], false],
  ])('"%s" against %j matches: %s (every query word must match, in any order)', (query, words, matches) => {
    expect(contactScore(query.split(' '), words) > 0).toBe(matches);
  });
});
