/** Notification settings: which proactive cards a person gets, and when the digest comes. */
import { z } from 'zod';
import { messageCard, notifySettingsCard } from '../../shared/cards';
import { t } from '../../shared/cards/strings';
import { DEFAULT_SETTINGS, type NotifySettings } from '../../shared/notify';
import { isDigestTime } from '../../shared/notify/schedule';
import { verb, type Domain, type HandlerContext } from '../domain';
import { banner, requireIdentity } from '../turn';

const noData = z.object({});
const settingsInput = z.looseObject({});

const anyOn = (s: NotifySettings) => s.assignments || s.dueChanges || s.digest;

function noChat(c: HandlerContext) {
  return messageCard(c.turn.ctx, {
    title: t(c.turn.ctx.locale, 'notifySettingsTitle'),
    text: t(c.turn.ctx.locale, 'notifySettingsNoChat'),
    tone: 'warning',
  });
}

async function show(c: HandlerContext) {
  const person = c.deps.notify ? await c.deps.notify.get(requireIdentity(c.turn)) : undefined;
  if (!person) return noChat(c);
  return notifySettingsCard(c.turn.ctx, person.settings);
}

const flag = (value: unknown, fallback: boolean) =>
  value === true || value === 'true' ? true : value === false || value === 'false' ? false : fallback;

export const notifications: Domain = {
  name: 'notifications',
  commands: [
    {
      id: 'notifications',
      names: { en: ['notifications', 'notify'], de: ['benachrichtigungen'] },
      argument: 'none',
      help: { en: 'Choose your notifications', de: 'Benachrichtigungen einstellen' },
      run: async (c) => [await show(c)],
    },
  ],
  verbs: {
    'notify.settings': verb(noData, show),
    'notify.save': verb(settingsInput, async (c, _data, raw) => {
      const identity = requireIdentity(c.turn);
      const person = c.deps.notify ? await c.deps.notify.get(identity) : undefined;
      if (!person || !c.deps.notify) return noChat(c);
      const old = person.settings;
      const time = typeof raw.digestTime === 'string' ? raw.digestTime.trim().slice(0, 5) : old.digestTime;
      const next: NotifySettings = {
        assignments: flag(raw.assignments, old.assignments),
        dueChanges: flag(raw.dueChanges, old.dueChanges),
        digest: flag(raw.digest, old.digest),
        digestTime: time || DEFAULT_SETTINGS.digestTime,
        weekdaysOnly: flag(raw.weekdaysOnly, old.weekdaysOnly),
      };
      if (!isDigestTime(next.digestTime))
        return notifySettingsCard(
          c.turn.ctx,
          { ...next, digestTime: time },
          {
            text: t(c.turn.ctx.locale, 'notifySettingsBadTime'),
            tone: 'attention',
          },
        );
      // Switched on again after everything was off: the next check records without notifying.
      await c.deps.notify.saveSettings(identity, next, !anyOn(old) && anyOn(next));
      return notifySettingsCard(c.turn.ctx, next, banner(c.turn.ctx, 'notifySettingsSaved'));
    }),
  },
};
