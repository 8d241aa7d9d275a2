import { randomUUID } from 'node:crypto';

/** The bot's id in local activities (`28:` + its app id, as Teams names bots). */
export const LOCAL_BOT_ID = '28:00000000-0000-4000-8000-00000000b07b';

/** A Teams user in a personal chat with the bot. */
export interface TeamsChatUser {
  tenantId: string;
  userId: string;
  /** The personal conversation's id (`a:…` in Teams). */
  conversationId: string;
}

/** Activities as Teams posts them to `/api/messages` for a personal chat (msteams channel). */
export function teamsActivities(serviceUrl: string, user: TeamsChatUser) {
  const base = (type: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    type, id: randomUUID(), timestamp: new Date().toISOString(), channelId: 'msteams', serviceUrl,
    from: { id: `29:${user.userId}`, aadObjectId: user.userId, name: 'Ada Account-Manager' },
    recipient: { id: LOCAL_BOT_ID, name: 'Contact Sync' },
    conversation: { id: user.conversationId, conversationType: 'personal', tenantId: user.tenantId },
    channelData: { tenant: { id: user.tenantId } },
    ...extra,
  });
  return {
    installationAdd: () => base('installationUpdate', { action: 'add' }),
    membersAdded: () => base('conversationUpdate', { membersAdded: [{ id: LOCAL_BOT_ID }, { id: `29:${user.userId}` }] }),
    uninstall: () => base('installationUpdate', { action: 'remove' }),
    message: (text: string) => base('message', { text, textFormat: 'plain' }),
    /** A card button (Action.Submit) pressed: Teams sends its data as `value`. */
    submit: (value: Record<string, unknown>) => base('message', { value }),
  };
}
