import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import type { Subscription } from '@microsoft/microsoft-graph-types';
import { mapGraphError, networkFailure } from '../graph/graphErrors';

/** Outlook contacts' longest subscription: 4230 minutes (Microsoft's subscription resource page). */
export const MAX_SUBSCRIPTION_MINUTES = 4230;

/** What we ask Graph for when creating a subscription. */
export interface SubscriptionRequest {
  folderId: string;
  notificationUrl: string;
  clientState: string;
  expiresAt: Date;
}

/** A subscription as Graph answered it. */
export interface CreatedSubscription {
  id: string;
  expiresAt: string;
}

/** The subscription API of Microsoft Graph, as the keeper uses it (`POST/PATCH/DELETE /subscriptions`). */
export interface SubscriptionApi {
  create(request: SubscriptionRequest): Promise<CreatedSubscription>;
  /** The new expiry; `undefined` when Graph no longer has the subscription (404: expired or removed). */
  renew(id: string, expiresAt: Date): Promise<string | undefined>;
  /** Deletes it; one Graph no longer has counts as deleted. */
  remove(id: string): Promise<void>;
}

/** {@link SubscriptionApi} over a Graph SDK client signed with the user's delegated token. */
export class GraphSubscriptionApi implements SubscriptionApi {
  constructor(private readonly client: Client) {}

  async create(request: SubscriptionRequest): Promise<CreatedSubscription> {
    const body: Subscription = {
      changeType: 'created,updated,deleted',
      resource: `me/contactFolders/${encodeURIComponent(request.folderId)}/contacts`,
      notificationUrl: request.notificationUrl,
      // One URL for both: the endpoint tells lifecycle events from changes by their `lifecycleEvent`.
      lifecycleNotificationUrl: request.notificationUrl,
      clientState: request.clientState,
      expirationDateTime: request.expiresAt.toISOString(),
    };
    const created = await this.call(() => this.client.api('/subscriptions').post(body) as Promise<Subscription>);
    if (!created?.id || !created.expirationDateTime) throw networkFailure(new Error('Graph created a subscription without an id or expiry'));
    return { id: created.id, expiresAt: created.expirationDateTime };
  }

  async renew(id: string, expiresAt: Date): Promise<string | undefined> {
    try {
      const renewed = await this.call(() => this.client.api(`/subscriptions/${encodeURIComponent(id)}`)
        .patch({ expirationDateTime: expiresAt.toISOString() } satisfies Subscription) as Promise<Subscription>);
      return renewed?.expirationDateTime ?? expiresAt.toISOString();
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.call(() => this.client.api(`/subscriptions/${encodeURIComponent(id)}`).delete() as Promise<unknown>);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** Graph's failures as the engine's errors (401/403 → reconnect_needed, 429 → throttled…); 404 kept as is. */
  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if ((error as Partial<GraphError>).statusCode === 404) throw error;
      const mapped = mapGraphError(error);
      throw mapped === 'network' ? networkFailure(error) : mapped;
    }
  }
}

function isNotFound(error: unknown): boolean {
  return (error as Partial<GraphError> | undefined)?.statusCode === 404;
}
