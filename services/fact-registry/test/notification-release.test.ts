import { describe, expect, it } from 'vitest';
import { parsePolicy, type AuditTrail, type DisclosureRecord } from '@motlan/access';
import { NotificationRelease } from '../src/notification-release.ts';
import type { PendingNotification } from '../src/store/notifications.ts';

const policy = parsePolicy({
  clients: {
    'military-personnel-db': {
      subscribes: { citizensHeldBy: 'military-personnel-db' },
      purposes: { '1.004222': ['residence.permanent'] },
    },
  },
});

function pending(id: string, type: string, client = 'military-personnel-db'): PendingNotification {
  return {
    client,
    seq: id,
    notification: {
      id,
      subscriptionId: 'sub',
      cursor: `1.${id}`,
      purpose: '1.004222',
      supersedesFactId: '',
      changedAt: '2026-12-01T00:00:00.000Z',
      fact: {
        id: `fact-${id}`,
        subject: { personalId: '001099012345' },
        type,
        valueJson: '{}',
        provenance: null,
      },
    },
  };
}

describe('NotificationRelease', () => {
  it('audits every delivery under the citizen, and withholds (audited denied) what the policy no longer grants', async () => {
    const recorded: DisclosureRecord[] = [];
    const trail = {
      record: async (entry: DisclosureRecord) => void recorded.push(entry),
    } as unknown as AuditTrail;
    const release = new NotificationRelease(policy, trail);
    const out = await release.release([
      pending('1', 'residence.permanent'),
      pending('2', 'identity.full_name'), // the grant for this type was withdrawn
      pending('3', 'residence.permanent', 'someone-else'),
      pending('4', 'residence.permanent'),
    ]);
    expect(out.map((entry) => entry.notification.id)).toEqual(['1', '4']);
    expect(recorded.map((entry) => [entry.requestId, entry.outcome, entry.subject, entry.factTypes])).toEqual(
      [
        ['1', 'granted', '001099012345', ['residence.permanent']],
        ['2', 'denied', '001099012345', ['identity.full_name']],
        ['3', 'denied', '001099012345', ['residence.permanent']],
        ['4', 'granted', '001099012345', ['residence.permanent']],
      ],
    );
  });

  it('releases nothing when the audit cannot be written', async () => {
    const trail = { record: async () => Promise.reject(new Error('database down')) } as unknown as AuditTrail;
    await expect(
      new NotificationRelease(policy, trail).release([pending('1', 'residence.permanent')]),
    ).rejects.toThrow('database down');
  });
});
