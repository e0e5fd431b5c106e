import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from './plaintext';

describe('plain text from mail HTML', () => {
  it('keeps paragraphs apart, lists with dashes, links as "text (url)", images by alt text', () => {
    const html = `<html><head><title>T</title><style>p{color:red}</style></head><body>
      <div style="display:none">Preheader nobody sees</div>
      <table><tr><td><div>Sehr geehrte Frau Dr. M&uuml;ller,</div></td></tr><tr><td><p>Erster &amp; zweiter Satz.</p></td></tr></table>
      <ul><li>eins</li><li>zwei</li></ul>
      <a href="https://example.org/x">Mehr erfahren</a> <a href="mailto:a@b.de">a@b.de</a> <a href="#top">oben</a>
      <img src="x.png" alt="Prüfstand"><!-- a comment --><!--[if mso]><table><tr><td>Outlook</td></tr></table><![endif]-->
      <script>alert(1)</script></body></html>`;
    const text = htmlToText(html);
    expect(text).toBe(['Sehr geehrte Frau Dr. Müller,', '', 'Erster & zweiter Satz.', '', '- eins', '- zwei', 'Mehr erfahren (https://example.org/x) a@b.de oben Prüfstand'].join('\n'));
  });
  it('keeps markers from places whose text is left out', () => {
    const text = htmlToText('<div style="display:none">MARK1</div><p>a</p><!-- MARK2 -->', { keep: /MARK\d/g });
    expect(text).toContain('MARK1');
    expect(text).toContain('MARK2');
    expect(text).toContain('a');
  });
  it('decodes named and numeric references, refusing invalid code points', () => {
    expect(decodeEntities('&lt;b&gt; &#228; &#xFC; &#0; &nope;')).toBe('<b> ä ü \ufffd &nope;');
  });
});
