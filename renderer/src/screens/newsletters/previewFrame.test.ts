import { describe, expect, it } from 'vitest';
import { framedPreview } from './previewFrame';

describe('the preview document', () => {
  const html = '<!doctype html><html><head><title>x</title><style type="text/css">p{margin:0}</style></head><body style="background:#eee;"><div class="a" id="x" style="font-family:&quot;Helvetica&quot;, Arial;color:red">Hi style="x"</div><p style="a:b}</style><script>">x</p></body></html>';
  const out = framedPreview(html, 'abc+/=');

  it('starts the head with its own CSP, without script-src', () => {
    expect(out).toMatch(/<head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: https:; style-src 'unsafe-inline'; font-src data: https:"><title>/);
    expect(out).not.toContain('script-src');
  });

  it('turns style attributes into nonce’d rules that beat class rules', () => {
    expect(out).not.toMatch(/<[a-z][^<>]*\sstyle="/);
    expect(out).toContain('<body id="spx1">');
    expect(out).toContain('#spx1{background:#eee;}');
    expect(out).toContain('[data-spx="2"]:not(#spx-none){font-family:"Helvetica", Arial;color:red}');
    expect(out).toContain('<style nonce="abc+/=" type="text/css">p{margin:0}</style>');
    expect(out).toMatch(/<style nonce="abc\+\/=">\n#spx1\{/);
    // An element with its own id keeps it; its rule goes by a data attribute.
    expect(out).toContain('<div class="a" id="x" data-spx="2">');
    // Text that merely looks like an attribute stays text.
    expect(out).toContain('>Hi style="x"</div>');
  });

  it('drops a style value that would break out of its rule', () => {
    expect(out).not.toContain('</style><script>');
    expect(out).toContain('<p>x</p>');
  });
});
