/**
 * Malformed and hostile mail bodies whose meaning depends on parsing HTML exactly as a browser does: unclosed
 * foreign and raw-text elements, implied and stray end tags, misnesting, table foster-parenting, comments and CDATA
 * in odd places, character references. Each has text after the tricky part, so swallowed text shows.
 * No remote images and no stylesheet-hidden text: the description shows notes instead of the former, and the
 * sanitizer does not evaluate stylesheets for the latter.
 */
export const MALFORMED_MAILS: Record<string, string> = {
  'unclosed svg, then paragraphs': '<p>Before</p><svg><circle r="1"></circle><p>After the svg</p><div>More text</div>',
  'unclosed svg with text inside': '<div>Start <svg><text>svg words</text><b>bold breaks out</b> tail</div><p>End</p>',
  'unclosed math': '<p>Intro</p><math><mi>x</mi><mo>=</mo><p>Text after math</p><p>Last line</p>',
  'math with mtext holding html': '<math><mtext><b>in mtext</b></mtext></math><p>after math</p>',
  'svg foreignObject': '<svg><foreignObject><p>inside foreign</p></foreignObject></svg><p>after svg</p>',
  'unclosed template then end of body': '<p>Visible</p><template><p>inert</p></template><p>After template</p>',
  'template never closed': '<p>Shown</p><div>Also shown</div><template><p>swallowed by the template',
  'unclosed table': '<table><tr><td>Cell one<td>Cell two<p>Still in cell two<tr><td>Row two',
  'text directly in a table (foster parenting)': '<table>Foster text<tr><td>cell</td></tr>after row</table>After table',
  'table in a paragraph': '<p>Para <table><tr><td>in table</td></tr></table> after table</p><p>next</p>',
  'unclosed paragraphs': '<p>One<p>Two<div>Three</div>Four<p>Five',
  'stray end tags': '</p>Text</div></span></table>More</br>End</td></tr>Done',
  'misnested inline formatting': '<b>bold <i>both</b> italic</i> plain <u>under <s>strike</u> struck</s> end',
  'adoption agency across paragraphs': '<p><b>one<p>two</b>three</p><p>four</p>',
  'block inside a link': '<a href="https://example.com/a">link <div>block in link</div> tail</a> after',
  'nested links': '<a href="https://example.com/1">first <a href="https://example.com/2">second</a> rest</a> end',
  'list items without lists': '<li>orphan one<li>orphan two</li><ul><li>real<li>also real</ul>after list',
  'headings misnested': '<h1>Title <h2>Sub</h1> text</h2><p>body</p>',
  'comments in odd places':
    '<p>A<!-- hidden -->B</p><!-- x --><table><!-- in table --><tr><td>C<!--td--></td></tr></table>D',
  'abruptly closed comments': '<p>one<!-->two<!--->three<!-- a -- b -->four</p>',
  'Outlook conditional comments':
    '<!--[if mso]><p>only for Outlook</p><![endif]--><!--[if !mso]><!--><p>for everyone else</p><!--<![endif]--><p>Regards</p>',
  'unclosed comment at the end': '<p>Kept text</p><p>Also kept</p><!-- the rest <p>is a comment',
  'CDATA in html content': '<p>A<![CDATA[B]]>C</p><p>D<![CDATA[ <b>bold</b> ]]>E</p>',
  'CDATA inside svg': '<svg><![CDATA[ svg cdata ]]></svg><p>after svg cdata</p>',
  'processing instruction and bogus markup':
    '<?xml version="1.0"?><p>text<?php echo 1 ?> more</p><!doctype html><p>last</p>',
  'character references':
    '<p>&amp;lt;script&amp;gt; &#x3C;b&#x3E; &notit; &notin; &#128; &#150; &#0; &#xD800; &nbsp &copy2024 &Auml;rger</p>',
  'control characters and NUL': '<p>a\u0000b\u0001c\u200bd\ufeffe</p>',
  'unterminated attribute': '<p title="unterminated>Text</p><p>Next</p>"<p>Done</p>',
  'broken tag names': '<div <p>>text</div><p>1<2 and 3>2</p><p>a < b</p><p><3 love</p>',
  'self-closing non-void tags': '<p/>self-closing p</p><div/>div text<span/>span text',
  'script and style in body': '<p>A</p><script>document.write("injected")</script><style>p{}</style><p>B</p>',
  'noscript holding markup (mXSS)': '<p>before</p><noscript><p title="</noscript><b>after noscript</b>">',
  'svg style holding markup (mXSS)': '<svg><style><img src="data:," onerror="alert(1)"></style></svg><p>after</p>',
  'raw-text elements unclosed late': '<p>visible</p><title>title text</title><xmp><b>xmp</b></xmp><p>tail</p>',
  'frameset and iframe': '<p>top</p><iframe srcdoc="<p>framed</p>">fallback</iframe><frameset><p>after frameset</p>',
  'object and embed fallback': '<object data="x.swf"><p>object fallback</p></object><embed src="x"><p>after</p>',
  'event handlers and script urls':
    '<body onload="alert(1)"><a href="javascript:alert(1)">click</a> <div onclick="alert(2)">div</div> <a href="https://example.com" onmouseover="alert(3)">ok link</a></body>',
  'html and body tags in the middle': '<p>first</p><html><body><p>second</p></body></html><p>third</p>',
  'head content after body': '<body><p>body text</p></body><head><title>late</title></head><p>late text</p>',
  'sections and forms become blocks':
    '<p>a</p><section>in section</section><article>in article</article><form>in form</form><p>b</p>',
  'deep nesting of unclosed divs': `${'<div>'.repeat(200)}deep text${'</span>'.repeat(50)}<p>after</p>`,
};
