import type { SyncCommandsPort, SyncStatusSummary } from './botPorts';
import type { IncomingTurn, OutgoingMessage } from './botTransport';
import {
  connectCard, noSyncYetCard, syncCompletedCard, syncFailedCard, syncProgressCard, syncStartedCard, totalOf, withNote,
} from './cards';
import { type BotCommand, helpText, parseCommand } from './commands';
import type { BotUser, ConversationStore } from './conversationStore';
import { scheduleLine } from './scheduleText';

type CardMessage = Extract<OutgoingMessage, { card: unknown }>;

/** What {@link BotService} needs. */
export interface BotServiceDeps {
  commands: SyncCommandsPort;
  conversations: ConversationStore;
  /** The deep link that opens the app's Contacts tab in Teams. */
  tabUrl: string;
}

/**
 * What the bot does with each activity: keeps the conversation reference (on installation, idempotently,
 * and refreshed on every message: the serviceUrl can change, and writing again lifts a pause), and answers
 * the commands. Never a dead end: anything it cannot do ends in a card that says what to do.
 */
export class BotService {
  constructor(private readonly deps: BotServiceDeps) {}

  async handle(turn: IncomingTurn): Promise<void> {
    if (turn.kind === 'other') return;
    if (!turn.user) {
      if (turn.kind === 'message') await turn.reply({ text: 'I can only help you in Microsoft Teams, signed in with your work account.' });
      return;
    }
    if (turn.kind === 'uninstalled') {
      await this.deps.conversations.forget(turn.user);
      return;
    }
    await this.deps.conversations.save(turn.user, turn.conversation);
    if (turn.kind === 'installed') return;
    const command = parseCommand(turn.text);
    await turn.reply(await this.answer(command, turn.user));
  }

  private async answer(command: BotCommand | undefined, user: BotUser): Promise<OutgoingMessage> {
    switch (command) {
      case 'sync contacts': return this.startSync(user);
      case 'sync status': return this.statusMessage(await this.deps.commands.status(user));
      case 'help': return { text: helpText() };
      default: return { text: `Sorry, I did not get that. ${helpText()}` };
    }
  }

  private async startSync(user: BotUser): Promise<OutgoingMessage> {
    const outcome = await this.deps.commands.startSync(user);
    if (outcome.kind === 'connect') return { card: connectCard(this.deps.tabUrl), summary: 'Connect Outlook first' };
    if (outcome.kind === 'running') return this.statusMessage(await this.deps.commands.status(user));
    return { card: syncStartedCard(this.deps.tabUrl), summary: 'Syncing your Outlook contacts' };
  }

  /** The status card, with when the next scheduled sync runs (or that scheduled sync is off) under it. */
  private statusMessage(status: SyncStatusSummary): OutgoingMessage {
    const message = this.statusCard(status);
    if (!status.schedule) return message;
    return { ...message, card: withNote(message.card, scheduleLine(status.schedule)) };
  }

  private statusCard(status: SyncStatusSummary): CardMessage {
    const { tabUrl } = this.deps;
    switch (status.state) {
      case 'queued':
      case 'running':
        return { card: syncProgressCard({ state: status.state, counts: status.counts, startedAt: status.startedAt }, tabUrl), summary: 'Your sync is running' };
      case 'completed':
        return { card: syncCompletedCard(status.counts, durationOf(status), tabUrl), summary: `${totalOf(status.counts)} contacts synced` };
      case 'failed':
        return { card: syncFailedCard(status.error ?? { code: 'internal', message: '' }, tabUrl), summary: 'Your contact sync failed' };
      default:
        return { card: noSyncYetCard(tabUrl), summary: 'No sync yet' };
    }
  }
}

function durationOf(status: SyncStatusSummary): number | undefined {
  if (!status.startedAt || !status.endedAt) return undefined;
  const ms = Date.parse(status.endedAt) - Date.parse(status.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
