import { jsonLdScript } from '../../../src/views/structured-data.js';

describe('jsonLdScript', () => {
  it('keeps any string inside the script element and round-trips it through JSON.parse', () => {
    const name = '</script><script>alert(1)</script> & <!-- \u2028';
    const element = jsonLdScript({ name }).value;
    const inner = element.slice('<script type="application/ld+json">'.length, -'</script>'.length);
    expect(inner).not.toMatch(/[<>&\u2028]/);
    expect(element.match(/<\/script/gi)).toHaveLength(1);
    expect(JSON.parse(inner)).toEqual({ name });
  });
});
