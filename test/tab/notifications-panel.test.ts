// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { TabNotifications, TabNotifySettings } from '../../tab/api-types';
import { notificationsPanel } from '../../tab/web/views/notifications';

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function fakeApi(available: boolean) {
  const saved: TabNotifySettings[] = [];
  let settings: TabNotifySettings = {
    assignments: true,
    dueChanges: true,
    digest: true,
    digestTime: '08:30',
    weekdaysOnly: true,
  };
  return {
    saved,
    notifications: async (): Promise<TabNotifications> => ({ available, settings }),
    saveNotifications: async (next: TabNotifySettings): Promise<TabNotifications> => {
      saved.push(next);
      settings = next;
      return { available, settings };
    },
  };
}

describe('tab notification settings panel', () => {
  it('shows the current settings and saves what the person changed', async () => {
    const api = fakeApi(true);
    const panel = notificationsPanel(api, 'en');
    document.body.append(panel);
    await settled();
    const box = (name: string) => panel.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    expect(box('assignments').checked).toBe(true);
    expect(box('digestTime').value).toBe('08:30');
    box('dueChanges').checked = false;
    box('digestTime').value = '07:15';
    panel.querySelector('form')!.requestSubmit();
    await settled();
    expect(api.saved).toEqual([
      { assignments: true, dueChanges: false, digest: true, digestTime: '07:15', weekdaysOnly: true },
    ]);
    expect(panel.textContent).toContain('Notification settings saved.');
  });

  it('tells a person without a bot chat where to start, in German', async () => {
    const panel = notificationsPanel(fakeApi(false), 'de');
    await settled();
    expect(panel.textContent).toContain('Schreiben Sie dem InLoox-Bot in Teams einmal eine Nachricht');
    expect(panel.querySelector('form')).toBeNull();
  });
});
