/** GET/PUT /tab/api/notifications: the same notification settings as the bot's settings card. */
import type { Router } from 'express';
import { z } from 'zod';
import { RequestValidationError } from '../../server/api-errors';
import { jsonRoute as route } from '../../server/json-route';
import type { IdentifyRequest } from '../../server/request-identity';
import { DEFAULT_SETTINGS, type NotifyStore } from '../../shared/notify';
import { isDigestTime } from '../../shared/notify/schedule';
import type { TabNotifications } from '../api-types';

const settingsBody = z.object({
  assignments: z.boolean(),
  dueChanges: z.boolean(),
  digest: z.boolean(),
  digestTime: z.string().refine(isDigestTime),
  weekdaysOnly: z.boolean(),
});

export function notificationRoutes(api: Router, identify: IdentifyRequest, store: NotifyStore | undefined): void {
  api.get(
    '/notifications',
    route(identify, async (identity): Promise<TabNotifications> => {
      const person = await store?.get(identity);
      return { available: !!person, settings: person?.settings ?? DEFAULT_SETTINGS };
    }),
  );

  api.put(
    '/notifications',
    route(identify, async (identity, req): Promise<TabNotifications> => {
      const parsed = settingsBody.safeParse(req.body);
      if (!parsed.success) {
        throw new RequestValidationError('unreadable_request', String(parsed.error.issues[0]?.path[0] ?? 'settings'));
      }
      const person = await store?.get(identity);
      if (!person || !store) return { available: false, settings: DEFAULT_SETTINGS };
      const before = person.settings;
      const anyOn = (s: typeof before) => s.assignments || s.dueChanges || s.digest;
      await store.saveSettings(identity, parsed.data, !anyOn(before) && anyOn(parsed.data));
      return { available: true, settings: parsed.data };
    }),
  );
}
