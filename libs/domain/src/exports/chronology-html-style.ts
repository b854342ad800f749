import { AGENCY_KINDS, type AgencyKind } from '../vocabulary/agency-kinds';

/** Each agency kind's cue: a colour for the eye, and words for everyone else (and every printer). */
export const AGENCY_CUES: Readonly<Record<AgencyKind, { readonly label: string; readonly colour: string }>> = {
  police: { label: 'Police', colour: '#1d4ed8' },
  childrens_social_care: { label: "Children's social care", colour: '#7e22ce' },
  health: { label: 'Health', colour: '#047857' },
  education: { label: 'Education', colour: '#b45309' },
  probation: { label: 'Probation', colour: '#475569' },
  housing: { label: 'Housing', colour: '#0e7490' },
  substance_misuse: { label: 'Substance misuse service', colour: '#be185d' },
  voluntary: { label: 'Voluntary sector', colour: '#4d7c0f' },
};

const UNKNOWN_COLOUR = '#9ca3af';

const kindRules = AGENCY_KINDS.map((kind) => `.kind-${kind} > .agency { border-left-color: ${AGENCY_CUES[kind].colour}; }`).join('\n');

/**
 * Inline, so the file stands alone when emailed or archived with a review. Printed: A4 landscape,
 * the header row repeated on every page, rows not split across pages, colours kept.
 */
export const CHRONOLOGY_CSS = `
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; line-height: 1.35; color: #111827; margin: 1.5rem; }
h1 { font-size: 1.4rem; margin: 0 0 0.5rem; }
.marking { font-weight: bold; letter-spacing: 0.05em; margin: 0 0 0.5rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0 0 1rem; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
.legend { margin: 0 0 1rem; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
.legend li { border-left: 0.6rem solid ${UNKNOWN_COLOUR}; padding-left: 0.35rem; }
${AGENCY_KINDS.map((kind) => `.legend .kind-${kind} { border-left-color: ${AGENCY_CUES[kind].colour}; }`).join('\n')}
table { border-collapse: collapse; width: 100%; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #d1d5db; padding: 0.3rem 0.4rem; vertical-align: top; text-align: left; }
thead th { background: #f3f4f6; }
tbody th { font-weight: normal; white-space: nowrap; }
td.agency { border-left: 0.6rem solid ${UNKNOWN_COLOUR}; }
${kindRules}
.kind-label, .ref { display: block; color: #4b5563; font-size: 0.85em; }
tr.flagged { background: #fef3c7; }
.marker { display: block; font-weight: bold; text-transform: uppercase; font-size: 0.8em; }
ul { margin: 0; padding-left: 1rem; }
.note { display: block; margin-top: 0.25rem; font-style: italic; }
.empty { text-align: center; font-style: italic; }
footer { margin-top: 1rem; font-size: 0.85em; color: #4b5563; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 8pt; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  tr, th, td { break-inside: avoid; page-break-inside: avoid; }
  caption { break-after: avoid; }
}
`;
