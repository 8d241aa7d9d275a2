/**
 * Runs `work` on every item, at most `limit` at a time (e.g. point reads, which Table Storage serves in
 * parallel); the first failure fails the whole, once the running ones have settled.
 */
export async function inParallel<T>(items: Iterable<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const pending = [...items].reverse();
  const worker = async (): Promise<void> => {
    while (pending.length > 0) await work(pending.pop() as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, pending.length) }, worker));
}
