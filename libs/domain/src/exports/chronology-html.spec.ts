import { aRow } from '../testing/chronology-rows';
import { chronologyHtml, type ChronologyHtmlMeta } from './chronology-html';

const meta: ChronologyHtmlMeta = {
  title: 'Northshire LCSPR 2024/01',
  reviewKind: 'local_practice_review',
  period: { from: '2024-01-01', to: '2024-05-31' },
  generatedAt: '2024-06-01T12:00:00.000Z',
  children: ['child-1', 'child-2'],
};
const flag = { id: 'f1', rule: 'unshared-risk', severity: 'high', explanation: 'police-a did not share it with csc-b.' } as const;
const bodyRows = (html: string) => html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>')).match(/<tr[^>]*>.*?<\/tr>/gs) ?? [];

describe(chronologyHtml.name, () => {
  const html = chronologyHtml([aRow(), aRow({ eventId: 'evt-2', agency: 'csc-b', agencyKind: 'childrens_social_care', flags: [flag] })], meta);

  it('is a complete HTML5 document in English with a title', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Northshire LCSPR 2024/01</title>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('says what it covers', () => {
    expect(html).toContain('<dd>Local child safeguarding practice review</dd>');
    expect(html).toContain('<dd>2024-01-01 to 2024-05-31</dd>');
    expect(html).toContain('<dd>child-1, child-2</dd>');
    expect(html).toContain('<dd>2, of which 1 flagged</dd>');
    expect(html).toContain('<dd>2024-06-01 12:00 UTC</dd>');
    expect(html).toContain('<caption>Integrated multi-agency chronology: child-1, child-2, 2024-01-01 to 2024-05-31</caption>');
  });

  it('has one table: a header row of column headers, then a row per entry headed by its date', () => {
    expect(html.match(/<table>/g)).toHaveLength(1);
    const head = html.slice(html.indexOf('<thead>'), html.indexOf('</thead>'));
    expect(head.match(/<th scope="col">/g)).toHaveLength(9);
    const rows = bodyRows(html);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/^<tr[^>]*><th scope="row">2024-05-03/);
  });

  it('repeats the header row on every printed page and keeps rows whole', () => {
    const print = html.slice(html.indexOf('@media print'), html.indexOf('</style>'));
    expect(print).toContain('thead { display: table-header-group; }');
    expect(html).toContain('break-inside: avoid');
    expect(html).toContain('@page { size: A4 landscape;');
  });

  it('cues each agency kind by colour and by words', () => {
    const [police, socialCare] = bodyRows(html);
    expect(police).toContain('class="kind-police"');
    expect(police).toContain('<td class="agency">police-a<span class="kind-label">Police</span></td>');
    expect(socialCare).toContain('<td class="agency">csc-b<span class="kind-label">Children&#39;s social care</span></td>');
    expect(html).toMatch(/\.kind-police > \.agency \{ border-left-color: #[0-9a-f]{6}; \}/);
  });

  it('marks a flagged row in words as well as by its tint', () => {
    const [plain, flagged] = bodyRows(html);
    expect(flagged).toContain('class="kind-childrens_social_care flagged"');
    expect(flagged).toContain('<span class="marker">Flagged</span>');
    expect(flagged).toContain('unshared-risk (high): police-a did not share it with csc-b.');
    expect(plain).not.toContain('Flagged');
    expect(html).toContain('tr.flagged {');
  });

  it('escapes every value, so a summary cannot run script or break the table', () => {
    const hostile = chronologyHtml(
      [
        aRow({
          summary: '<script>alert("x")</script>\nsecond line',
          agency: 'a&b"',
          entryId: "<img src=x onerror='1'>",
          sharedWith: ['<b>csc</b>', 'two'],
          findings: [{ findingId: 'F<1>', theme: 'daily_life', text: '</td></tr></table>' }],
          corrections: ['Corrected on 2024-05-05: summary <i> → </i> (reason: typo)'],
          household: 'About household adult <adult>',
        }),
      ],
      { ...meta, title: '</title><script>x()</script>', children: ['<child>'] },
    );
    expect(hostile).not.toMatch(/<script|<img|<b>|<i>|<\/i>|<adult>|<child>|<\/td><\/tr><\/table>/);
    expect(hostile).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>second line');
    expect(hostile).toContain('<title>&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;</title>');
    expect(hostile).toContain('a&amp;b&quot;');
    expect(hostile).toContain('&lt;img src=x onerror=&#39;1&#39;&gt;');
    expect(hostile).toContain('<ul><li>&lt;b&gt;csc&lt;/b&gt;</li><li>two</li></ul>');
    expect(bodyRows(hostile)).toHaveLength(1);
  });

  it('stands alone: no scripts, links or external assets', () => {
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|@import|url\(/i);
  });

  it('says so when no entry matches', () => {
    const empty = chronologyHtml([], meta);
    expect(bodyRows(empty)).toEqual(['<tr><td class="empty" colspan="9">No entries match this export.</td></tr>']);
    expect(empty).toContain('<dd>0, of which 0 flagged</dd>');
  });

  it('shows a row whose agency kind is unknown with words for that too', () => {
    const { agencyKind: _kind, ...row } = aRow();
    expect(chronologyHtml([row], meta)).toContain('<span class="kind-label">Agency kind not known</span>');
  });

  it('gives the same document for the same input', () => {
    expect(chronologyHtml([aRow()], meta)).toBe(chronologyHtml([aRow()], meta));
  });
});
