import { describe, expect, it } from 'vitest';
import {
  byteLength,
  capText,
  htmlToPlainText,
  sanitizeTeamsMessageHtml,
  truncateHtml,
} from '../../shared/sanitize/index';
import { findActiveContent } from './active-content';

describe('sanitizeTeamsMessageHtml', () => {
  it('turns mentions into bold @names and emoji (both forms) into their characters', () => {
    const out = sanitizeTeamsMessageHtml(
      '<p>Hi <at id="0">Max Mustermann</at>, thanks <emoji id="1f44d_thumbsup" alt="👍" title="Like"></emoji> ' +
        '<img alt="😀" itemtype="http://schema.skype.com/Emoji" itemscope="" src="https://statics.teams.cdn.office.net/evergreen-assets/personal-expressions/v2/assets/emoticons/smile/default/20_f.png" width="20" height="20" style="width:20px;height:20px;"></p>',
    );
    expect(out).toBe('<p>Hi <strong>@Max Mustermann</strong>, thanks 👍 😀</p>');
  });

  it('keeps code blocks as preformatted code with their whitespace and escapes the code', () => {
    const out = sanitizeTeamsMessageHtml(
      '<codeblock class="TypeScript"><code><span>if (a &lt; b) {</span>\n  <span>run();</span>\n}</code></codeblock><p>and <code>inline</code></p>',
    );
    expect(out).toBe('<pre><code>if (a &lt; b) {\n  run();\n}</code></pre><p>and <code>inline</code></p>');
  });

  it('replaces hosted images (which need a Teams login) by a localized note and drops attachment placeholders', () => {
    const html =
      '<p>Screenshot:</p><img src="https://graph.microsoft.com/v1.0/chats/1/messages/2/hostedContents/abc/$value" alt="">' +
      '<attachment id="5b7d6c7e"></attachment>';
    expect(sanitizeTeamsMessageHtml(html)).toBe('<p>Screenshot:</p><span>[image]</span>');
    expect(sanitizeTeamsMessageHtml(html, { locale: 'de' })).toBe('<p>Screenshot:</p><span>[Bild]</span>');
  });

  it('keeps formatting, lists, links and the reply quote', () => {
    const out = sanitizeTeamsMessageHtml(
      '<blockquote itemscope itemtype="http://schema.skype.com/Reply" itemid="1"><strong itemprop="mri">Eva</strong><p itemprop="preview">old</p></blockquote>' +
        '<ul><li><b>one</b></li><li><a href="https://contoso.sharepoint.com/x" title="doc">doc</a></li></ul>',
    );
    expect(out).toBe(
      '<blockquote><strong>Eva</strong><p>old</p></blockquote><ul><li><b>one</b></li><li><a title="doc" href="https://contoso.sharepoint.com/x" target="_blank" rel="noopener noreferrer nofollow">doc</a></li></ul>',
    );
    expect(findActiveContent(out)).toEqual([]);
  });
});

describe('htmlToPlainText', () => {
  it('renders blocks as lines, list items with bullets, decodes entities and ignores scripts and styles', () => {
    const value = htmlToPlainText(
      '<style>p{color:red}</style><h1>Release</h1><p>Tom &amp; Jerry&nbsp;say &lt;hi&gt;</p><ul><li>one</li><li>two</li></ul><script>alert(1)</script><table><tr><td>a</td><td>b</td></tr></table>',
      500,
    );
    expect(value).toBe('Release\nTom & Jerry say <hi>\n• one\n• two\na b');
  });

  it('still gives the words of markup nested too deeply to parse (a card preview must not fail)', () => {
    const deep = `<p>Start &amp; more</p>${'<div>'.repeat(2000)}deep&nbsp;text<script>x()</script>`;
    expect(() => sanitizeTeamsMessageHtml(deep)).toThrow('HTML too complex');
    expect(htmlToPlainText(deep)).toBe('Start & more deep text');
  });

  it('caps at maxLength characters with an ellipsis, on a word boundary, counting emoji as one', () => {
    const value = htmlToPlainText('<p>alpha beta gamma delta epsilon</p>', 20);
    expect(value).toBe('alpha beta gamma…');
    expect(Array.from(value).length).toBeLessThanOrEqual(20);
    expect(capText('😀😀😀😀😀', 3)).toBe('😀😀…');
    expect(capText('short', 10)).toBe('short');
  });
});

describe('truncateHtml', () => {
  it('closes open elements and never cuts inside a tag or entity', () => {
    const html = '<p>one <b>two &amp; three</b> four</p><p>five</p>';
    const note = '<p>…</p>';
    const result = truncateHtml(html, 33, note);
    expect(result.truncated).toBe(true);
    expect(result.html).toBe('<p>one <b>two</b></p><p>…</p>');
    expect(truncateHtml(html, 1000, note)).toEqual({ html, truncated: false });
  });
});

describe('byteLength', () => {
  it('equals the UTF-8 encoding length for ASCII, umlauts, CJK, emoji and lone surrogates', () => {
    const encoder = new TextEncoder();
    for (const value of ['', 'abc', 'Grüße', '日本語', '😀👍🏽', 'a\uD800b', '\uDC00', 'x\uD83D']) {
      expect(byteLength(value)).toBe(encoder.encode(value).length);
    }
  });
});
