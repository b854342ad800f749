import type { Flag } from '../api';
import { useAgencyName } from '../agencies';
import { RULES, THEMES, humanise } from '../vocabulary';

export interface FlagsPanelProps {
  readonly flags: readonly Flag[];
  readonly selected?: string;
  readonly onSelect: (flagId: string | undefined) => void;
}

function day(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** Flags grouped by practice theme; choosing one highlights its evidence and says why, in plain English. */
export function FlagsPanel({ flags, selected, onSelect }: FlagsPanelProps) {
  const agencyName = useAgencyName();
  const themes = Object.keys(THEMES).filter((theme) => flags.some((f) => f.theme === theme));
  const chosen = flags.find((f) => f.id === selected);
  return (
    <section className="flags-panel" aria-labelledby="flags-heading" data-testid="flags-panel">
      <h2 id="flags-heading">Flags ({flags.length})</h2>
      {flags.length === 0 && <p className="muted">No detection rule fired on this timeline.</p>}
      {themes.map((theme) => (
        <div key={theme} className="flag-theme">
          <h3>{THEMES[theme]}</h3>
          <ul>
            {flags
              .filter((f) => f.theme === theme)
              .map((flag) => (
                <li key={flag.id}>
                  <button type="button" className={`flag-button severity-${flag.severity ?? 'medium'}`} aria-pressed={flag.id === selected} onClick={() => onSelect(flag.id === selected ? undefined : flag.id)} data-rule={flag.rule}>
                    <span aria-hidden="true">⚑</span> {RULES[flag.rule]?.title ?? humanise(flag.rule)}
                    <span className="muted small"> · {day(flag.at)} · {flag.agencies.map(agencyName).join(', ')}</span>
                  </button>
                </li>
              ))}
          </ul>
        </div>
      ))}
      {chosen && (
        <div className="flag-explanation" role="region" aria-live="polite" aria-label="The selected flag" data-testid="flag-explanation">
          <h3>{RULES[chosen.rule]?.title ?? humanise(chosen.rule)}</h3>
          <p>{chosen.explanation.replace(/\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b/g, (id) => agencyName(id))}</p>
          <dl>
            <dt>The rule</dt>
            <dd>{RULES[chosen.rule]?.rule ?? chosen.rule}</dd>
            {chosen.missing && (
              <>
                <dt>Missing</dt>
                <dd>{chosen.missing.replace(/\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b/g, (id) => agencyName(id))}</dd>
              </>
            )}
            {chosen.delayDays !== undefined && (
              <>
                <dt>Delay</dt>
                <dd>{chosen.delayDays} day{chosen.delayDays === 1 ? '' : 's'} beyond what the rule allows</dd>
              </>
            )}
            {chosen.dueBy && (
              <>
                <dt>Due by</dt>
                <dd>{day(chosen.dueBy)}</dd>
              </>
            )}
            <dt>Agencies</dt>
            <dd>{chosen.agencies.map(agencyName).join(', ')}</dd>
            <dt>Practice theme</dt>
            <dd>{THEMES[chosen.theme] ?? chosen.theme}</dd>
            <dt>Evidence</dt>
            <dd>{chosen.evidence.length} entr{chosen.evidence.length === 1 ? 'y' : 'ies'}, highlighted on the timeline and in the table ({chosen.evidence.map((e) => `${e.role}: ${e.entry.agency}:${e.entry.entryId}`).join('; ')})</dd>
          </dl>
        </div>
      )}
    </section>
  );
}
