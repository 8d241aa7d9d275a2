import type { LocalStack } from '../localStack';
import type { SentActivity } from '../botConnector';
import { teamsActivities } from '../testing/teamsActivities';

/** The bot's part of the demo: install, `sync contacts` in chat, and the card posted when the sync ends. */
export async function runBotDemo(stack: LocalStack, tenantId: string, userId: string, log: (...parts: string[]) => void): Promise<void> {
  const conversationId = 'a:demo-personal-chat';
  const chat = teamsActivities(stack.botConnector.url, { tenantId, userId, conversationId });
  const post = async (activity: Record<string, unknown>) => {
    const response = await fetch(`${stack.host.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    if (response.status !== 200) throw new Error(`/api/messages answered ${response.status}`);
  };
  const before = stack.botConnector.sent.length;
  await post(chat.installationAdd());
  await post(chat.message('sync contacts'));
  await stack.host.drainQueues(60_000);
  const cards = (await stack.botConnector.waitForSent(conversationId, 2)).slice(0, 2);
  log(`Bot: "sync contacts" → ${headline(cards[0])}; when the sync ended → ${headline(cards[1])} ${facts(cards[1])}`);
  if (stack.botConnector.sent.length - before < 2) throw new Error('the bot sent no card');
}

/** The parts of a sent activity the demo prints. */
interface CardActivity {
  text?: string;
  attachments?: Array<{ content?: { body?: Array<{ text?: string; facts?: Array<{ title: string; value: string }> }> } }>;
}

function headline(sent: SentActivity | undefined): string {
  const activity = sent?.activity as CardActivity | undefined;
  return `"${activity?.attachments?.[0]?.content?.body?.[0]?.text ?? activity?.text ?? ''}"`;
}

function facts(sent: SentActivity | undefined): string {
  const body = (sent?.activity as CardActivity | undefined)?.attachments?.[0]?.content?.body ?? [];
  return (body.find((element) => element.facts)?.facts ?? []).map((fact) => `${fact.title} ${fact.value}`).join(', ');
}
