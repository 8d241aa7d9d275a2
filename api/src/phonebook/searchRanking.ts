import { soundCode } from './searchKeys';

/**
 * How well a folded query word matches a contact's word, 0 (not at all) to 1 (the same word): a word
 * typed in part ranks just under the whole word, then a slip of one or two letters (fewer for short
 * words), then a word that only sounds the same.
 */
export function wordScore(query: string, word: string): number {
  if (query === word) return 1;
  if (query.length >= 2 && word.startsWith(query)) return 0.8 + (0.15 * query.length) / word.length;
  const allowed = query.length <= 3 ? 0 : query.length <= 5 ? 1 : 2;
  const distance = allowed > 0 ? editDistance(query, word, allowed) : allowed + 1;
  if (distance <= allowed) return 0.7 - 0.15 * (distance - 1);
  return query.length >= 3 && soundCode(query) === soundCode(word) ? 0.4 : 0;
}

/** The best score of each query word among a contact's words; 0 when a query word matches none. */
export function contactScore(queryWords: string[], words: string[]): number {
  let total = 0;
  for (const query of queryWords) {
    const best = Math.max(0, ...words.map((word) => wordScore(query, word)));
    if (best === 0) return 0;
    total += best;
  }
  return total / queryWords.length;
}

/** Damerau–Levenshtein (optimal string alignment) distance, or `limit + 1` once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] ?? 0) + 1);
      current.push(value);
    }
    if (Math.min(...current) > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length] ?? limit + 1, limit + 1);
}
