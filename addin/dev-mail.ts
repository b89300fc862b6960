/** Sample mails of the local Outlook host page (/dev/outlook) and the bridge between that page and the Office.js stub. */

export interface DevAddress {
  name: string;
  email: string;
}

export interface DevAttachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
  isInline: boolean;
  contentId?: string;
  /** The bytes, base64; what getAttachmentContentAsync returns. */
  base64?: string;
}

export interface DevMail {
  id: string;
  /** What the mail shows off, for the list ("Rich HTML newsletter"). */
  kind: string;
  /** `appointment`: a calendar item opened in read mode (Office.js itemType "appointment"). */
  itemType: 'message' | 'meetingRequest' | 'appointment';
  subject: string;
  from: DevAddress;
  to: DevAddress[];
  cc: DevAddress[];
  /** ISO 8601; for an appointment, when it starts (Office.js item.start). */
  date: string;
  /** Meeting requests and appointments: when the meeting ends (Office.js item.end). */
  end?: string;
  /** Appointments that are an occurrence of a recurring meeting: the series' id (Office.js item.seriesId). */
  seriesId?: string;
  location?: string;
  bodyType: 'html' | 'text';
  /** '' for a mail without a body. */
  body: string;
  attachments: DevAttachment[];
  /** Missing for a draft: then nothing is remembered about the mail. */
  internetMessageId?: string;
  conversationId?: string;
}

/** A notification message an add-in showed on the item (Office.js notificationMessages). */
export interface DevNotification {
  key: string;
  type: string;
  message: string;
  actions?: { actionText: string; commandId: string }[];
}

/** A function command's event: the host waits for completed(). */
export interface DevActionEvent {
  completed(options?: unknown): void;
}

export type DevTheme = 'light' | 'dark';

/** What the host page exposes to the stub inside the task pane frame (same origin, window.parent.devOutlook). */
export interface DevOutlookBridge {
  current(): DevMail | undefined;
  /** Registers a listener for selection changes; returns nothing (Office has no remove in this stub). */
  onSelectionChanged(listener: () => void): void;
  /** Registers a listener for theme changes (OfficeThemeChanged). */
  onThemeChanged(listener: () => void): void;
  displayLanguage: string;
  theme: DevTheme;
  /** The function file registers its function commands here (Office.actions.associate). */
  associate?(name: string, handler: (event: DevActionEvent) => unknown): void;
  /** Notification messages the add-in shows on the item, as the host's info bar. */
  notify?(mailId: string, notification: DevNotification): void;
}

export const DEV_THEMES: Record<DevTheme, Record<string, string>> = {
  light: {
    bodyBackgroundColor: '#ffffff',
    bodyForegroundColor: '#242424',
    controlBackgroundColor: '#ffffff',
    controlForegroundColor: '#242424',
  },
  dark: {
    bodyBackgroundColor: '#292929',
    bodyForegroundColor: '#ffffff',
    controlBackgroundColor: '#1f1f1f',
    controlForegroundColor: '#ffffff',
  },
};
