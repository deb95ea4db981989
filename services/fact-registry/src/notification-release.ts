import { authorize, type AuditTrail, type Policy } from '@motlan/access';
import type { PendingNotification } from './store/notifications.ts';

/**
 * Every notification passes here on its way out, whatever the channel (the Kafka relay, the gRPC
 * stream, the REST page): a delivery is a disclosure of that citizen's fact to the subscriber, so
 * the policy's decision for (client, purpose, fact type) is written to the audit trail — and so
 * listed in the citizen's disclosures — before anything leaves, with the notification id as the
 * request id. A grant withdrawn since the subscription was made withholds what follows (audited
 * as denied), as a read would be refused.
 */
export class NotificationRelease {
  constructor(
    private readonly policy: Policy,
    private readonly trail: AuditTrail,
  ) {}

  /** The notifications that may go out, in the given order; resolves once every decision is durable. */
  async release(pending: readonly PendingNotification[]): Promise<PendingNotification[]> {
    const granted = pending.map(
      ({ client, notification }) =>
        authorize(this.policy, client, notification.purpose, [notification.fact!.type]).allowed,
    );
    await Promise.all(
      pending.map(({ client, notification }, index) =>
        this.trail.record({
          subject: notification.fact!.subject!.personalId,
          client,
          purpose: notification.purpose,
          factTypes: [notification.fact!.type],
          outcome: granted[index] ? 'granted' : 'denied',
          requestId: notification.id,
        }),
      ),
    );
    return pending.filter((_, index) => granted[index]);
  }
}
