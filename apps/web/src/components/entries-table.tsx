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
          const style = entryStyle(entry.type);
          const classes = [marks?.faded ? 'faded' : '', marks?.evidence ? 'evidence' : ''].filter(Boolean).join(' ');
          return (
            <tr key={entry.eventId} className={classes} data-event-id={entry.eventId} data-entry={`${entry.entry.agency}:${entry.entry.entryId}`} aria-current={marks?.evidence ? 'true' : undefined}>
              {props.selectable && (
                <td>
                  <input
                    type="checkbox"
                    checked={selected.has(entry.eventId)}
                    onChange={() => props.onToggle(entry.eventId)}
                    aria-label={`Select ${style.label} of ${formatOccurred(entry.occurred.at, entry.occurred.precision)} as evidence`}
                  />
                </td>
              )}
              <td className="nowrap">
                {formatOccurred(entry.occurred.at, entry.occurred.precision)}
                {entry.occurred.precision !== 'day' && <span className="muted small"> ({entry.occurred.precision})</span>}
              </td>
              <td>{agencyName(entry.entry.agency)}</td>
              <td className="nowrap">
                <span className={`chip ${style.tone}`} aria-hidden="true">{style.icon}</span> {style.label}
              </td>
              <td>
                <button type="button" className="link-button left" onClick={() => props.onOpen(entry.eventId)}>
                  {typeof entry.details.summary === 'string' ? entry.details.summary : humanise(entry.type)}
                </button>
              </td>
              <td className="marks">
                {marks?.flagged && <span title="Evidence of a flag">⚑ flag</span>}
                {entry.corrected && <span title="Corrected: see its history">✎ corrected</span>}
                {entry.variantGroup && <span title="One of several accounts of the same happening">≋ variant</span>}
                {entry.householdAdult && <span title="About an adult in the child's household">adult in household</span>}
              </td>
              {props.knowledge && <td>{marks?.faded ? 'not yet' : 'known'}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});
