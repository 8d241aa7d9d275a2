/**
 * The bot's Adaptive Cards as plain JSON (schema 1.5: the newest Teams renders in bot messages). Builders
 * are pure: the texts come from the sync's ids, counts and error codes, never from contact details.
 */

/** An Adaptive Card, as sent in an attachment of content type `application/vnd.microsoft.card.adaptive`. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
}

/** The card elements these builders use. */
export type CardElement =
  | { type: 'TextBlock'; text: string; wrap: true; weight?: 'Bolder'; size?: 'Medium'; color?: 'Attention' | 'Good'; isSubtle?: boolean }
  | { type: 'FactSet'; facts: Array<{ title: string; value: string }> };

/** Buttons: open the tab, or send a command back to the bot. */
export type CardAction =
  | { type: 'Action.OpenUrl'; title: string; url: string }
  | { type: 'Action.Submit'; title: string; data: { command: string } };

/** Counts of one sync, as the history keeps them. */
export interface CardCounts {
  new: number;
  updated: number;
  deleted: number;
  unchanged: number;
  skipped: number;
}

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

function card(body: CardElement[], actions: CardAction[]): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', body, actions };
}

function text(value: string, style: Omit<Extract<CardElement, { type: 'TextBlock' }>, 'type' | 'text' | 'wrap'> = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...style };
}

function openTab(tabUrl: string, title = 'Open Contact Sync'): CardAction {
  return { type: 'Action.OpenUrl', title, url: tabUrl };
}

const RETRY: CardAction = { type: 'Action.Submit', title: 'Try again', data: { command: 'sync contacts' } };

/** The contacts a sync went through: every outcome counts once. */
export function totalOf(counts: CardCounts): number {
  return counts.new + counts.updated + counts.deleted + counts.unchanged + counts.skipped;
}

function countFacts(counts: CardCounts): Array<{ title: string; value: string }> {
  return [
    { title: 'New', value: String(counts.new) }, { title: 'Updated', value: String(counts.updated) },
    { title: 'Deleted', value: String(counts.deleted) }, { title: 'Unchanged', value: String(counts.unchanged) },
    { title: 'Skipped', value: String(counts.skipped) },
  ];
}

/** `83 s`, `4 min 5 s`: how long a sync took. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
}

/** "N contacts synced", with each outcome and the duration, and a button to the tab. */
export function syncCompletedCard(counts: CardCounts, durationMs: number | undefined, tabUrl: string): AdaptiveCard {
  const total = totalOf(counts);
  const facts = countFacts(counts);
  if (durationMs !== undefined) facts.push({ title: 'Duration', value: formatDuration(durationMs) });
  return card([
    text(`${total} ${total === 1 ? 'contact' : 'contacts'} synced`, { weight: 'Bolder', size: 'Medium', color: 'Good' }),
    { type: 'FactSet', facts },
  ], [openTab(tabUrl)]);
}

/** A failed sync: what went wrong, what to do, and a retry button (sends `sync contacts`). */
export function syncFailedCard(reason: { code: string; message: string }, tabUrl: string): AdaptiveCard {
  return card([
    text('Your contact sync failed', { weight: 'Bolder', size: 'Medium', color: 'Attention' }),
    text(reason.message || 'The sync stopped before it finished.'),
    text(`Error code: ${reason.code}`, { isSubtle: true }),
  ], [RETRY, openTab(tabUrl)]);
}

/** No stored consent, or it stopped working: the button opens the tab, where the user connects Outlook. */
export function connectCard(tabUrl: string): AdaptiveCard {
  return card([
    text('Connect your Outlook contacts first', { weight: 'Bolder', size: 'Medium' }),
    text('Contact Sync needs your permission to read your Outlook contacts. Open the app, connect Outlook, then type **sync contacts** again.'),
  ], [openTab(tabUrl, 'Open Contact Sync to connect')]);
}

/** What a running (or queued) sync has done so far. */
export function syncProgressCard(progress: { state: 'queued' | 'running'; counts: CardCounts; startedAt: string | null }, tabUrl: string): AdaptiveCard {
  const heading = progress.state === 'queued' ? 'Your contact sync is about to start' : 'Your contact sync is running';
  const done = totalOf(progress.counts);
  return card([
    text(heading, { weight: 'Bolder', size: 'Medium' }),
    text(`${done} ${done === 1 ? 'contact' : 'contacts'} done so far. I will post the result here when it ends.`),
    { type: 'FactSet', facts: countFacts(progress.counts) },
  ], [openTab(tabUrl)]);
}

/** A sync was queued by `sync contacts`. */
export function syncStartedCard(tabUrl: string): AdaptiveCard {
  return card([
    text('Syncing your Outlook contacts', { weight: 'Bolder', size: 'Medium' }),
    text('I will post the result here when it ends.'),
  ], [openTab(tabUrl)]);
}

/** `sync status` before the first sync. */
export function noSyncYetCard(tabUrl: string): AdaptiveCard {
  return card([text('No sync yet. Type **sync contacts** to start one.')], [RETRY, openTab(tabUrl)]);
}

/** The card with one more line at the end (`sync status` adds the scheduled-sync line to each status card). */
export function withNote(base: AdaptiveCard, note: string): AdaptiveCard {
  return { ...base, body: [...base.body, text(note, { isSubtle: true })] };
}
