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
  itemType: 'message' | 'meetingRequest';
  subject: string;
  from: DevAddress;
  to: DevAddress[];
  cc: DevAddress[];
  /** ISO 8601. */
  date: string;
  /** Meeting requests: when the meeting ends (Office.js item.end). */
  end?: string;
  bodyType: 'html' | 'text';
  /** '' for a mail without a body. */
  body: string;
  attachments: DevAttachment[];
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
