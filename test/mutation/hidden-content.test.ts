/**
 * Each hidden-content rule on its own: text the sender hid (preheaders, mso-hide fallbacks, zero-size text) must
 * not reach a task description, and text that merely looks similar must stay.
 */
import { describe, expect, it } from 'vitest';
import { contentRoot, parseHtml, textOf } from '../../shared/sanitize/dom';
import {
  listedAttachments,
  removeHiddenElements,
  resolveImages,
  type EmailAttachment,
  type ImageOptions,
} from '../../shared/sanitize/images-and-hidden';

function visibleText(html: string): { text: string; removed: number } {
  const root = contentRoot(parseHtml(`<body>${html}<p>shown</p></body>`));
  const removed = removeHiddenElements(root);
  return { text: textOf(root).replace(/\s+/g, ' ').trim(), removed };
}

describe('hidden content rules, each on its own', () => {
  const hidden: [string, string][] = [
    ['the hidden attribute', '<div hidden>secret</div>'],
    ['a closed dialog', '<dialog>secret</dialog>'],
    ['display: none', '<div style="display:none">secret</div>'],
    ['display: none !important', '<div style="display: none !important">secret</div>'],
    ['visibility: hidden', '<span style="visibility:hidden">secret</span>'],
    ['visibility: collapse', '<span style="visibility:collapse">secret</span>'],
    ['mso-hide: all', '<div style="mso-hide:all">secret</div>'],
    ['opacity: 0', '<span style="opacity:0">secret</span>'],
    ['opacity: 0.0', '<span style="opacity:0.0">secret</span>'],
    ['opacity: .0', '<span style="opacity:.0">secret</span>'],
    ['opacity: 0 !important', '<span style="opacity:0!important">secret</span>'],
    ['font-size: 0', '<span style="font-size:0">secret</span>'],
    ['font-size: 0px', '<span style="font-size:0px">secret</span>'],
    ['font-size: 0.0em', '<span style="font-size:0.0em">secret</span>'],
    ['font-size: 0%', '<span style="font-size:0%">secret</span>'],
    ['font-size: 0pt', '<span style="font-size:0pt">secret</span>'],
    ['font-size: 0rem', '<span style="font-size:0rem">secret</span>'],
    ['max-height: 0 with overflow hidden', '<div style="max-height:0;overflow:hidden">secret</div>'],
    ['max-height: 0px with overflow hidden', '<div style="max-height:0px;overflow:hidden">secret</div>'],
  ];
  for (const [rule, html] of hidden) {
    it(`removes text hidden by ${rule}`, () => {
      expect(visibleText(html)).toEqual({ text: 'shown', removed: 1 });
    });
  }

  const visible: [string, string][] = [
    ['an open dialog', '<dialog open>kept</dialog>'],
    ['display: block', '<div style="display:block">kept</div>'],
    ['visibility: visible', '<span style="visibility:visible">kept</span>'],
    ['mso-hide: none', '<div style="mso-hide:none">kept</div>'],
    ['opacity: 0.5', '<span style="opacity:0.5">kept</span>'],
    ['opacity: 1', '<span style="opacity:1">kept</span>'],
    ['font-size: 0.5em', '<span style="font-size:0.5em">kept</span>'],
    ['font-size: 10px', '<span style="font-size:10px">kept</span>'],
    ['font-size: 0x (not a unit)', '<span style="font-size:0x">kept</span>'],
    ['max-height: 0 without overflow hidden', '<div style="max-height:0">kept</div>'],
    ['max-height: 10px with overflow hidden', '<div style="max-height:10px;overflow:hidden">kept</div>'],
    ['overflow hidden alone', '<div style="overflow:hidden">kept</div>'],
  ];
  for (const [rule, html] of visible) {
    it(`keeps text with ${rule}`, () => {
      expect(visibleText(html)).toEqual({ text: 'keptshown', removed: 0 });
    });
  }

  it('removes a hidden block once, with everything inside it', () => {
    expect(visibleText('<div hidden><span style="display:none">a</span><p>b</p></div>')).toEqual({
      text: 'shown',
      removed: 1,
    });
  });
});

describe('images', () => {
  const options: ImageOptions = {
    locale: 'en',
    attachments: [],
    maxInlineImageChars: 1_000,
    inlineImageBudgetChars: 1_000,
  };
  const PNG = 'data:image/png;base64,iVBORw0KGgo=';

  function images(html: string, extra: Partial<ImageOptions> = {}) {
    const root = contentRoot(parseHtml(`<body>${html}</body>`));
    const stats = resolveImages(root, { ...options, ...extra });
    return { stats, root };
  }

  it('removes tracking pixels of up to 2 px, keeps larger remote images as a link note', () => {
    for (const pixel of ['width="1" height="1"', 'width="2"', 'style="height:2px"', 'height=" 1.5 px "']) {
      expect(images(`<img src="https://t.example/p.gif" ${pixel}>`).stats.trackingRemoved, pixel).toBe(1);
    }
    const { stats, root } = images('<img src="https://cdn.example/a/logo%20big.png" width="3">');
    expect(stats).toEqual({ embedded: 0, replacedByNote: 0, remoteReplacedByLink: 1, trackingRemoved: 0 });
    expect(textOf(root)).toBe('[external image: logo big.png]');
  });

  it('embeds a cid image from its attachment by content id or by name, and notes it when it cannot', () => {
    const attachments: EmailAttachment[] = [
      { name: 'Logo.png', contentId: '<logo@x>', contentType: 'image/png', dataUrl: PNG },
    ];
    expect(images('<img src="cid:logo@x">', { attachments }).stats.embedded).toBe(1);
    expect(images('<img src="cid:logo.png">', { attachments }).stats.embedded).toBe(1);
    const pdf: EmailAttachment[] = [{ name: 'a.pdf', contentId: 'a', contentType: 'application/pdf', dataUrl: PNG }];
    const refused = images('<img src="cid:a">', { attachments: pdf });
    expect(refused.stats.replacedByNote).toBe(1);
    expect(textOf(refused.root)).toBe('[inline image: a.pdf]');
    expect(textOf(images('<img src="cid:missing@host">').root)).toBe('[inline image: missing]');
  });

  it('keeps data images within the caps and the shared budget, and notes the rest', () => {
    const twice = images(`<img src="${PNG}"><img src="${PNG}" alt="second">`, {
      inlineImageBudgetChars: PNG.length + 5,
    });
    expect(twice.stats).toMatchObject({ embedded: 1, replacedByNote: 1 });
    expect(textOf(twice.root)).toBe('[inline image: second]');
    expect(textOf(images(`<img src="${PNG}">`, { maxInlineImageChars: 10 }).root)).toBe('[image]');
  });

  it('lists only attachments that are not inline', () => {
    expect(listedAttachments([{ name: 'a', isInline: true }, { name: 'b' }])).toEqual([{ name: 'b' }]);
  });
});
