import { memo } from 'react';
import type { TimelineEntry } from '../api';
import { useAgencyName } from '../agencies';
import { entryStyle, formatOccurred, humanise } from '../vocabulary';
import type { EntryMarks } from './timeline-view';

export interface EntriesTableProps {
  readonly entries: readonly TimelineEntry[];
  readonly marks: ReadonlyMap<string, EntryMarks>;
  readonly knowledge?: { readonly agency: string; readonly date: string };
  readonly selectable: boolean;
  readonly selected: readonly string[];
  readonly onToggle: (eventId: string) => void;
  readonly onOpen: (eventId: string) => void;
}

/** The same entries as the timeline, as a table: for printing, for screen readers, for the keyboard. */
export const EntriesTable = memo(function EntriesTable(props: EntriesTableProps) {
  const agencyName = useAgencyName();
  const selected = new Set(props.selected);
  return (
    <table className="entries-table" data-testid="entries-table">
      <caption>
        {props.entries.length} entries in order of occurrence
        {props.knowledge && ` · faded rows: not known to ${agencyName(props.knowledge.agency)} by ${props.knowledge.date}`}
      </caption>
      <thead>
        <tr>
          {props.selectable && <th scope="col"><span className="visually-hidden">Select as evidence</span></th>}
          <th scope="col">When</th>
          <th scope="col">Agency</th>
          <th scope="col">Entry</th>
          <th scope="col">Summary</th>
          <th scope="col">Marks</th>
          {props.knowledge && <th scope="col">Known then?</th>}
        </tr>
      </thead>
      <tbody>
        {props.entries.map((entry) => {
          const marks = props.marks.get(entry.eventId);
          return (
            <EntryRow
              key={entry.eventId}
              entry={entry}
              agency={agencyName(entry.entry.agency)}
              faded={!!marks?.faded}
              evidence={!!marks?.evidence}
              flagged={!!marks?.flagged}
              knowledgeShown={!!props.knowledge}
              selectable={props.selectable}
              selected={selected.has(entry.eventId)}
              onToggle={props.onToggle}
              onOpen={props.onOpen}
            />
          );
        })}
      </tbody>
    </table>
  );
});

interface EntryRowProps {
  readonly entry: TimelineEntry;
  readonly agency: string;
  readonly faded: boolean;
  readonly evidence: boolean;
  readonly flagged: boolean;
  readonly knowledgeShown: boolean;
  readonly selectable: boolean;
  readonly selected: boolean;
  readonly onToggle: (eventId: string) => void;
  readonly onOpen: (eventId: string) => void;
}

/**
 * One row, memoised on plain values: selecting a flag or moving the knowledge date changes the
 * marks of a few rows, and on a 2,000-entry child re-rendering every row took seconds.
 */
const EntryRow = memo(function EntryRow({ entry, agency, faded, evidence, flagged, knowledgeShown, selectable, selected, onToggle, onOpen }: EntryRowProps) {
  const style = entryStyle(entry.type);
  const classes = [faded ? 'faded' : '', evidence ? 'evidence' : ''].filter(Boolean).join(' ');
  return (
    <tr className={classes} data-event-id={entry.eventId} data-entry={`${entry.entry.agency}:${entry.entry.entryId}`} aria-current={evidence ? 'true' : undefined}>
      {selectable && (
        <td>
          <input
            type="checkbox"
            checked={selected}
            onChange={() => onToggle(entry.eventId)}
            aria-label={`Select ${style.label} of ${formatOccurred(entry.occurred.at, entry.occurred.precision)} as evidence`}
          />
        </td>
      )}
      <td className="nowrap">
        {formatOccurred(entry.occurred.at, entry.occurred.precision)}
        {entry.occurred.precision !== 'day' && <span className="muted small"> ({entry.occurred.precision})</span>}
      </td>
      <td>{agency}</td>
      <td className="nowrap">
        <span className={`chip ${style.tone}`} aria-hidden="true">{style.icon}</span> {style.label}
      </td>
      <td>
        <button type="button" className="link-button left" onClick={() => onOpen(entry.eventId)}>
          {typeof entry.details.summary === 'string' ? entry.details.summary : humanise(entry.type)}
        </button>
      </td>
      <td className="marks">
        {flagged && <span title="Evidence of a flag">⚑ flag</span>}
        {entry.corrected && <span title="Corrected: see its history">✎ corrected</span>}
        {entry.variantGroup && <span title="One of several accounts of the same happening">≋ variant</span>}
        {entry.householdAdult && <span title="About an adult in the child's household">adult in household</span>}
      </td>
      {knowledgeShown && <td>{faded ? 'not yet' : 'known'}</td>}
    </tr>
  );
});
