import { REVIEW_KINDS, type ReviewKind } from '../vocabulary/review-kinds';
import type { ReviewPeriod } from '../events/review.events';
import { AGENCY_KINDS } from '../vocabulary/agency-kinds';
import { AGENCY_CUES, CHRONOLOGY_CSS } from './chronology-html-style';
import type { IntegratedChronologyRow } from './chronology-row';
import { escapeHtml, escapeLines } from './html';
import { findingWords, flagWords } from './row-words';

export interface ChronologyHtmlMeta {
  readonly title: string;
  readonly reviewKind: ReviewKind;
  readonly period: ReviewPeriod;
  /** ISO instant; passed in so the same rows always give the same document. */
  readonly generatedAt: string;
  readonly children: readonly string[];
}

const HEADINGS = ['Date', 'Child', 'Agency', 'Entry', 'What was known', 'Shared with', 'Flags', 'Review findings', 'Notes'] as const;

/**
 * A complete, self-contained HTML5 document to read on screen or print: no scripts, no external
 * assets. Every value is escaped; agency kinds are shown by colour and by words, and flagged rows
 * are marked in words as well as by their tint.
 */
export function chronologyHtml(rows: readonly IntegratedChronologyRow[], meta: ChronologyHtmlMeta): string {
  const flagged = rows.filter((r) => r.flags.length > 0).length;
  const children = meta.children.join(', ');
  const period = `${meta.period.from} to ${meta.period.to}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(meta.title)}</title>
<style>${CHRONOLOGY_CSS}</style>
</head>
<body>
<header>
<p class="marking">OFFICIAL-SENSITIVE: personal data about children and families</p>
<h1>${escapeHtml(meta.title)}</h1>
<dl class="meta">
<dt>Review</dt><dd>${escapeHtml(REVIEW_KINDS[meta.reviewKind] ?? meta.reviewKind)}</dd>
<dt>Period</dt><dd>${escapeHtml(period)}</dd>
<dt>Children</dt><dd>${escapeHtml(children)}</dd>
<dt>Entries</dt><dd>${rows.length}, of which ${flagged} flagged</dd>
<dt>Generated</dt><dd>${escapeHtml(generatedWords(meta.generatedAt))}</dd>
</dl>
<ul class="legend" aria-label="Agency kinds">
${AGENCY_KINDS.map((kind) => `<li class="kind-${kind}">${escapeHtml(AGENCY_CUES[kind].label)}</li>`).join('\n')}
</ul>
</header>
<main>
<table>
<caption>Integrated multi-agency chronology: ${escapeHtml(children)}, ${escapeHtml(period)}</caption>
<thead>
<tr>${HEADINGS.map((h) => `<th scope="col">${h}</th>`).join('')}</tr>
</thead>
<tbody>
${rows.length > 0 ? rows.map(rowHtml).join('\n') : `<tr><td class="empty" colspan="${HEADINGS.length}">No entries match this export.</td></tr>`}
</tbody>
</table>
</main>
<footer>
<p>Dates are shown as precisely as the recording agency knew them (“c.” marks an approximate date). Retracted entries are left out; corrections are noted. Flags are raised by Casetrail’s detection rules and are prompts for review, not findings.</p>
</footer>
</body>
</html>
`;
}

function rowHtml(row: IntegratedChronologyRow): string {
  const kind = row.agencyKind;
  const classes = [kind === undefined ? 'kind-unknown' : `kind-${kind}`, ...(row.flags.length > 0 ? ['flagged'] : [])];
  const kindLabel = kind === undefined ? 'Agency kind not known' : AGENCY_CUES[kind].label;
  const cells = [
    `<th scope="row">${escapeHtml(row.date)}${row.flags.length > 0 ? '<span class="marker">Flagged</span>' : ''}</th>`,
    `<td>${escapeHtml(row.child)}</td>`,
    `<td class="agency">${escapeHtml(row.agency)}<span class="kind-label">${escapeHtml(kindLabel)}</span></td>`,
    `<td>${escapeHtml(row.entryType)}<span class="ref">${escapeHtml(row.entryId)}</span></td>`,
    `<td>${escapeHtml(row.known)}${row.summary === undefined ? '' : `<span class="note">Agency’s note: ${escapeLines(row.summary)}</span>`}</td>`,
    `<td>${list(row.sharedWith)}</td>`,
    `<td>${list(row.flags.map(flagWords))}</td>`,
    `<td>${list(row.findings.map(findingWords))}</td>`,
    `<td>${list([...(row.household === undefined ? [] : [row.household]), ...row.corrections])}</td>`,
  ];
  return `<tr class="${classes.join(' ')}">${cells.join('')}</tr>`;
}

function list(items: readonly string[]): string {
  if (items.length === 0) return '';
  if (items.length === 1) return escapeLines(items[0]!);
  return `<ul>${items.map((item) => `<li>${escapeLines(item)}</li>`).join('')}</ul>`;
}

function generatedWords(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
