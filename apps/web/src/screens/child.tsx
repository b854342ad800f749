import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { enc, getJson, postJson, query, type Flag, type Session, type Timeline, type TimelineEntry } from '../api';
import { useAgencyName } from '../agencies';
import { EntriesTable } from '../components/entries-table';
import { FlagsPanel } from '../components/flags-panel';
import { Failure, Loaded } from '../components/status';
import { TimelineView, type EntryMarks, type Link } from '../components/timeline-view';
import { href } from '../router';
import { may } from '../session';
import { useAsync, useDebounced } from '../use-async';
import { CATEGORIES, THEMES, entryStyle, formatOccurred, humanise, isoDay } from '../vocabulary';

interface Filters {
  readonly agencies: readonly string[];
  readonly types: readonly string[];
  readonly category: string;
  readonly from: string;
  readonly to: string;
}

const NO_FILTERS: Filters = { agencies: [], types: [], category: '', from: '', to: '' };

function filterQuery(f: Filters) {
  return { agency: f.agencies, type: f.types, category: f.category || undefined, from: f.from || undefined, to: f.to || undefined };
}

/** Who a sharing, referral, answer or meeting carried information to. */
function recipientsOf(entry: TimelineEntry): string[] {
  const d = entry.details as Record<string, unknown>;
  switch (entry.type) {
    case 'information_shared':
    case 'referral':
      return typeof d.to === 'string' ? [d.to] : [];
    case 'information_response': {
      const answers = d.answers as { agency?: string } | undefined;
      return d.response === 'disclosed' && answers?.agency ? [answers.agency] : [];
    }
    case 'meeting':
      return Array.isArray(d.attended) ? (d.attended as string[]).filter((a) => a !== entry.entry.agency) : [];
    default:
      return [];
  }
}

export function ChildScreen({ session, child, review }: { session: Session; child: string; review?: string }) {
  const agencyName = useAgencyName();
  const allowed = may.readChild(session.role);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [view, setView] = useState<'timeline' | 'table'>('timeline');
  const [knowledgeAgency, setKnowledgeAgency] = useState<string>(session.role === 'practitioner' ? session.agency : '');
  const [knowledgeDate, setKnowledgeDate] = useState<string>('');
  const [selectedFlag, setSelectedFlag] = useState<string | undefined>();
  const [selected, setSelected] = useState<string[]>([]);
  const [opened, setOpened] = useState<string | undefined>();
  const [filtersOpen, setFiltersOpen] = useState(false);

  // Refused before asking: a leader or administrator never fetches a child's timeline.
  const [timeline] = useAsync(() => getJson<Timeline>(session, `/children/${enc(child)}/timeline${query(filterQuery(filters))}`), [child, filters, session.token], allowed);
  const [flags] = useAsync(() => getJson<{ flags: Flag[] }>(session, `/children/${enc(child)}/flags`), [child, session.token], allowed && may.readFlags(session.role));
  const knowing = knowledgeAgency !== '' && knowledgeDate !== '';
  const askedDate = useDebounced(knowledgeDate, 250);
  const [known] = useAsync(
    () => getJson<Timeline>(session, `/children/${enc(child)}/timeline${query({ ...filterQuery(filters), asKnownBy: knowledgeAgency, asOf: askedDate })}`),
    [child, filters, knowledgeAgency, askedDate, session.token],
    allowed && knowing && askedDate !== '',
  );

  const entries = timeline.state === 'ready' ? timeline.value.entries : [];
  const flagList = flags.state === 'ready' ? flags.value.flags : [];
  const lanes = useMemo(() => {
    const ids = new Set(entries.map((e) => e.entry.agency));
    if (knowledgeAgency) ids.add(knowledgeAgency);
    return [...ids].map((id) => ({ id, name: agencyName(id) })).sort((a, b) => a.name.localeCompare(b.name));
  }, [entries, knowledgeAgency, agencyName]);
  const period = useMemo(() => {
    const times = entries.map((e) => Date.parse(e.occurred.at));
    return times.length ? { from: isoDay(new Date(Math.min(...times))), to: isoDay(new Date(Math.max(...times))) } : undefined;
  }, [entries]);

  const knownIds = useMemo(() => (knowing && known.state === 'ready' ? new Set(known.value.entries.map((e) => e.eventId)) : undefined), [knowing, known]);
  const evidenceIds = useMemo(() => new Set(flagList.find((f) => f.id === selectedFlag)?.evidence.map((e) => e.eventId) ?? []), [flagList, selectedFlag]);
  const toggle = useCallback((id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id])), []);
  const tableKnowledge = useMemo(() => (knowing && askedDate ? { agency: knowledgeAgency, date: askedDate } : undefined), [knowing, knowledgeAgency, askedDate]);
  // The bar follows the settled date: redrawing 2,000 entries on every step of a slider would lag.
  const knowledgeBar = useMemo(() => (knowing && askedDate ? new Date(`${askedDate}T12:00:00Z`) : undefined), [knowing, askedDate]);
  const onKnowledgeDateChange = useCallback((date: Date) => setKnowledgeDate(isoDay(date)), []);
  const onTimelineSelect = useCallback((ids: string[]) => {
    setSelected(ids);
    if (ids.length === 1) setOpened(ids[0]);
  }, []);
  const focusIds = useMemo(() => (evidenceIds.size > 0 ? [...evidenceIds] : undefined), [evidenceIds]);
  const flaggedIds = useMemo(() => new Set(flagList.flatMap((f) => f.evidence.map((e) => e.eventId))), [flagList]);
  const marks = useMemo(() => {
    const map = new Map<string, EntryMarks>();
    for (const e of entries) map.set(e.eventId, { faded: knownIds ? !knownIds.has(e.eventId) : false, evidence: evidenceIds.has(e.eventId), flagged: flaggedIds.has(e.eventId) });
    return map;
  }, [entries, knownIds, evidenceIds, flaggedIds]);
  const links = useMemo<Link[]>(() => {
    if (!knowing) return [];
    const until = Date.parse(`${askedDate}T23:59:59.999Z`);
    return entries
      .filter((e) => e.entry.agency !== knowledgeAgency && recipientsOf(e).includes(knowledgeAgency) && Date.parse(e.occurred.at) <= until)
      .map((e) => ({ fromEventId: e.eventId, toAgency: knowledgeAgency, at: e.occurred.at, title: `${entryStyle(e.type).label} from ${agencyName(e.entry.agency)} to ${agencyName(knowledgeAgency)}, ${formatOccurred(e.occurred.at, e.occurred.precision)}` }));
  }, [entries, knowing, knowledgeAgency, askedDate, agencyName]);

  if (!allowed) {
    return (
      <div className="notice notice-error" role="alert" data-testid="refusal">
        <h1>Not available to your role</h1>
        <p>
          A {session.role} sees {session.role === 'leader' ? 'aggregate statistics only, never a child' : 'reviews and statistics, not a child\'s timeline'}. Casetrail did not ask for this child's records.
        </p>
        {may.readStatistics(session.role) && <a href={href({ name: 'dashboard' })}>Go to the leadership dashboard</a>}
      </div>
    );
  }

  const closureOf = (agency: string): string | undefined =>
    entries.filter((e) => e.entry.agency === agency && e.type === 'involvement_closed').map((e) => e.occurred.at.slice(0, 10)).sort().pop();
  const startKnowledge = (agency: string) => {
    setKnowledgeAgency(agency);
    if (!agency) return setKnowledgeDate('');
    if (knowledgeDate) return;
    // "What did they know when they closed the case": start at the agency's last closure, else the last entry.
    setKnowledgeDate(closureOf(agency) ?? period?.to ?? isoDay(new Date()));
  };

  const applyFilters = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const filtersActive = filters !== NO_FILTERS;
  const openedEntry = entries.find((e) => e.eventId === opened);
  const knownCount = knownIds ? entries.filter((e) => knownIds.has(e.eventId)).length : undefined;
  const presentTypes = [...new Set(entries.map((e) => e.type))];
  const sliderDays = period ? Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) : 0;
  const sliderValue = period && knowledgeDate ? Math.round((Date.parse(knowledgeDate) - Date.parse(period.from)) / 86_400_000) : 0;

  return (
    <div className="child-screen">
      <div className="title-row">
        <h1>
          Child <span className="mono">{child}</span>
        </h1>
        {review && <a href={href({ name: 'review', review })}>← Review {review}</a>}
      </div>
      {session.role === 'practitioner' && <p className="lead">What {agencyName(session.agency)} recorded or was told about this child.</p>}
      {timeline.state === 'ready' && timeline.value.household.length > 0 && (
        <details className="muted small household-list">
          <summary>
            {timeline.value.household.length} household adult{timeline.value.household.length === 1 ? '' : 's'} over time: their entries are marked ᴬ
          </summary>
          <ul>
            {timeline.value.household.map((h, i) => (
              <li key={`${h.adult}-${i}`}>
                {h.adult}: {humanise(h.relation)} from {h.from.slice(0, 10)}
                {h.to ? ` to ${h.to.slice(0, 10)}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}



      <div className={`workspace${openedEntry || may.readFlags(session.role) || (review && may.recordFindings(session.role)) ? '' : ' no-side'}`}>
        <div className="main-column">
          <section className="knowledge" aria-labelledby="knowledge-heading">
            <h2 id="knowledge-heading">What did they know, and when?</h2>
            <div className="knowledge-controls">
              {session.role === 'practitioner' ? (
                <span>Agency: <strong>{agencyName(session.agency)}</strong></span>
              ) : (
                <label>
                  Agency
                  <select value={knowledgeAgency} onChange={(e) => startKnowledge(e.target.value)} data-testid="knowledge-agency">
                    <option value="">— everything every agency recorded —</option>
                    {lanes.map((lane) => (
                      <option key={lane.id} value={lane.id}>{lane.name}</option>
                    ))}
                  </select>
                </label>
              )}
              <label>
                Date
                <input type="date" value={knowledgeDate} min={period?.from} max={period?.to} onChange={(e) => { if (!knowledgeAgency) startKnowledge(session.agency); setKnowledgeDate(e.target.value); }} data-testid="knowledge-date" />
              </label>
              {closureOf(knowledgeAgency) && (
            <button type="button" onClick={() => setKnowledgeDate(closureOf(knowledgeAgency)!)} title="Set the date to when this agency last closed its involvement">
              When it closed the case
            </button>
          )}
          {period && knowledgeAgency && (
                <label className="slider">
                  <span className="visually-hidden">Knowledge date</span>
                  <input
                    type="range"
                    min={0}
                    max={sliderDays}
                    value={sliderValue}
                    aria-valuetext={knowledgeDate}
                    onChange={(e) => setKnowledgeDate(isoDay(new Date(Date.parse(period.from) + Number(e.target.value) * 86_400_000)))}
                  />
                </label>
              )}
            </div>
            {knowing ? (
              <p role="status" data-testid="knowledge-status">
                {known.state === 'ready' && knownCount !== undefined ? (
                  <>
                    By <strong>{formatOccurred(known.value.perspective.asOf ?? `${askedDate}T00:00:00Z`, 'day')}</strong>, {agencyName(knowledgeAgency)} knew <strong data-testid="known-count">{knownCount}</strong> of {entries.length} entries (<span data-testid="faded-count">{entries.length - knownCount}</span> faded);{' '}
                    {links.length} sharing{links.length === 1 ? '' : 's'}, referral{links.length === 1 ? '' : 's'} or meeting{links.length === 1 ? '' : 's'} had carried information to it. Drag the purple bar on the timeline to move the date.
                  </>
                ) : known.state === 'failed' ? (
                  <Failure error={known.error} what="the knowledge view" />
                ) : (
                  'Working out what was known…'
                )}
              </p>
            ) : (
              <p className="muted">Choose an agency to fade out what it did not know by a date, and see every sharing or referral that reached it.</p>
            )}
          </section>
          <details className="filters-box" open={filtersOpen} onToggle={(e) => setFiltersOpen((e.target as HTMLDetailsElement).open)}>
            <summary>Filters: agency, entry type, risk category, period{filtersActive ? " (some applied)" : ""}</summary>
          <form className="filters" onSubmit={applyFilters} aria-label="Filters">
            <fieldset>
              <legend>Agencies</legend>
              {lanes.map((lane) => (
                <label key={lane.id} className="check">
                  <input
                    type="checkbox"
                    checked={draft.agencies.includes(lane.id)}
                    onChange={() => setDraft((d) => ({ ...d, agencies: d.agencies.includes(lane.id) ? d.agencies.filter((a) => a !== lane.id) : [...d.agencies, lane.id] }))}
                  />
                  {lane.name}
                </label>
              ))}
            </fieldset>
            <label>
              Entry type
              <select value={draft.types[0] ?? ''} onChange={(e) => setDraft((d) => ({ ...d, types: e.target.value ? [e.target.value] : [] }))}>
                <option value="">all</option>
                {(presentTypes.length ? presentTypes : []).concat(draft.types.filter((t) => !presentTypes.includes(t))).map((t) => (
                  <option key={t} value={t}>{entryStyle(t).label}</option>
                ))}
              </select>
            </label>
            <label>
              Risk category
              <select value={draft.category} onChange={(e) => setDraft((d) => ({ ...d, category: e.target.value }))}>
                <option value="">all</option>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>{humanise(c)}</option>
                ))}
              </select>
            </label>
            <label>
              From <input type="date" value={draft.from} onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))} />
            </label>
            <label>
              To <input type="date" value={draft.to} onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} />
            </label>
            <button type="submit">Apply filters</button>
            <button type="button" onClick={() => { setDraft(NO_FILTERS); setFilters(NO_FILTERS); }}>Clear</button>
          </form>
          </details>
          <div className="view-bar">
          <div className="tabs" role="tablist" aria-label="View">
            <button type="button" role="tab" aria-selected={view === 'timeline'} onClick={() => setView('timeline')}>Timeline</button>
            <button type="button" role="tab" aria-selected={view === 'table'} onClick={() => setView('table')}>Table (print, screen readers)</button>
          </div>
          <button type="button" className="print-button" onClick={() => { setView('table'); setTimeout(() => window.print(), 50); }}>Print</button>
          </div>
          <Loaded value={timeline} what="the timeline">
            {(t) => (
              <>
                {view === 'timeline' && (
                  <TimelineView
                    entries={t.entries}
                    agencies={lanes}
                    marks={marks}
                    links={links}
                    knowledgeDate={knowledgeBar}
                    onKnowledgeDateChange={onKnowledgeDateChange}
                    selected={selected}
                    onSelect={onTimelineSelect}
                    focus={focusIds}
                  />
                )}
                {view === 'timeline' && (
                  <div className="legend">
                    <ul className="legend-chips" aria-label="Key to the timeline">
                      {presentTypes.map((type) => (
                        <li key={type}>
                          <span className={`chip ${entryStyle(type).tone}`}>{entryStyle(type).icon}</span> {entryStyle(type).label}
                        </li>
                      ))}
                    </ul>
                    <p className="muted small">
                      Entries sit where they happened; a date known only to the month or year is drawn as a span. ⚑ flag evidence · ✎ corrected (history in its details) · ≋ another account of the same happening, tied by a dashed line · ᴬ and dashed outline: about a household adult. Zoom with Ctrl + mouse wheel, pan by dragging; hover or select an entry for its details.
                    </p>
                  </div>
                )}
                <div className={view === 'timeline' ? 'table-below' : ''}>
                  {view === 'timeline' && <h2 className="small-heading">The same entries as a table</h2>}
                  <EntriesTable
                    entries={t.entries}
                    marks={marks}
                    knowledge={tableKnowledge}
                    selectable={!!review && may.recordFindings(session.role)}
                    selected={selected}
                    onToggle={toggle}
                    onOpen={setOpened}
                  />
                </div>
                {t.retracted.length > 0 && <p className="muted small">{t.retracted.length} retracted entr{t.retracted.length === 1 ? 'y is' : 'ies are'} kept apart and not drawn.</p>}
              </>
            )}
          </Loaded>
        </div>
        <aside className="side-column">
          {openedEntry && <EntryDetails entry={openedEntry} onClose={() => setOpened(undefined)} />}
          {may.readFlags(session.role) && (
            <Loaded value={flags} what="the flags">
              {(f) => <FlagsPanel flags={f.flags} selected={selectedFlag} onSelect={setSelectedFlag} />}
            </Loaded>
          )}
          {review && may.recordFindings(session.role) && (
            <FindingForm
              session={session}
              review={review}
              entries={entries}
              selected={selected}
              suggestedTheme={flagList.find((f) => f.id === selectedFlag)?.theme}
              onUseEvidence={() => setSelected([...evidenceIds])}
              evidenceAvailable={evidenceIds.size > 0}
              onRecorded={() => setSelected([])}
            />
          )}
        </aside>
      </div>
    </div>
  );
}

function EntryDetails({ entry, onClose }: { entry: TimelineEntry; onClose: () => void }) {
  const agencyName = useAgencyName();
  const style = entryStyle(entry.type);
  const details = Object.entries(entry.details).filter(([key]) => key !== 'summary');
  return (
    <section className="card entry-details" aria-labelledby="entry-heading" data-testid="entry-details">
      <h2 id="entry-heading">
        <span className={`chip ${style.tone}`} aria-hidden="true">{style.icon}</span> {style.label}
      </h2>
      <p>{typeof entry.details.summary === 'string' ? entry.details.summary : ''}</p>
      <dl>
        <dt>Agency</dt>
        <dd>{agencyName(entry.entry.agency)} (entry {entry.entry.entryId})</dd>
        <dt>Happened</dt>
        <dd>{formatOccurred(entry.occurred.at, entry.occurred.precision)} ({entry.occurred.precision})</dd>
        <dt>Recorded</dt>
        <dd>{formatOccurred(entry.recordedAt, 'day')}</dd>
        {entry.householdAdult && (
          <>
            <dt>About</dt>
            <dd>Household adult {entry.householdAdult}</dd>
          </>
        )}
        {entry.variantGroup && (
          <>
            <dt>Variant</dt>
            <dd>One of several accounts of the same happening ({entry.variantGroup})</dd>
          </>
        )}
        {details.map(([key, value]) => (
          <div key={key} className="dl-row">
            <dt>{humanise(key)}</dt>
            <dd>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd>
          </div>
        ))}
      </dl>
      {entry.history.length > 0 && (
        <>
          <h3>History</h3>
          <ol className="history">
            {entry.history.map((h) => (
              <li key={h.eventId}>
                {humanise(h.kind)} on {formatOccurred(h.recordedAt, 'day')} by {agencyName(h.entry.agency)}: {h.reason}
                {h.changes && (
                  <ul>
                    {Object.entries(h.changes).map(([field, change]) => (
                      <li key={field}>
                        {humanise(field)}: {JSON.stringify(change.from)} → {JSON.stringify(change.to)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      <button type="button" onClick={onClose}>Close</button>
    </section>
  );
}

function FindingForm(props: {
  session: Session;
  review: string;
  entries: readonly TimelineEntry[];
  selected: readonly string[];
  suggestedTheme?: string;
  evidenceAvailable: boolean;
  onUseEvidence: () => void;
  onRecorded: () => void;
}) {
  const [theme, setTheme] = useState('');
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<{ ok: true; id: string } | { ok: false; error: Error } | undefined>();
  const [busy, setBusy] = useState(false);
  const chosenTheme = theme || props.suggestedTheme || '';
  const evidence = props.entries.filter((e) => props.selected.includes(e.eventId)).map((e) => `${e.entry.agency}:${e.entry.entryId}`);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const findingId = `F-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
    try {
      await postJson(props.session, `/reviews/${enc(props.review)}/findings`, { findingId, theme: chosenTheme, text, evidence });
      setOutcome({ ok: true, id: findingId });
      setText('');
      props.onRecorded();
    } catch (error) {
      setOutcome({ ok: false, error: error as Error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card finding-form" onSubmit={submit} aria-labelledby="finding-heading" data-testid="finding-form">
      <h2 id="finding-heading">Record a finding</h2>
      <p className="muted small">Select the entries it rests on (tick them in the table, or Ctrl+click on the timeline).</p>
      <p>
        <strong data-testid="selected-count">{evidence.length}</strong> entr{evidence.length === 1 ? 'y' : 'ies'} selected.{' '}
        {props.evidenceAvailable && (
          <button type="button" className="link-button" onClick={props.onUseEvidence}>Use the selected flag's evidence</button>
        )}
      </p>
      <label htmlFor="finding-theme">Practice theme</label>
      <select id="finding-theme" value={chosenTheme} onChange={(e) => setTheme(e.target.value)} required>
        <option value="">Choose a theme</option>
        {Object.entries(THEMES).map(([id, label]) => (
          <option key={id} value={id}>{label}</option>
        ))}
      </select>
      <label htmlFor="finding-text">Finding</label>
      <textarea id="finding-text" rows={4} value={text} onChange={(e) => setText(e.target.value)} required />
      <button type="submit" className="primary" disabled={busy || evidence.length === 0 || !chosenTheme || !text.trim()}>Record finding</button>
      {outcome?.ok === true && (
        <p role="status" className="notice notice-ok">
          Finding {outcome.id} recorded. <a href={href({ name: 'review', review: props.review })}>See it in the review</a>
        </p>
      )}
      {outcome?.ok === false && <Failure error={outcome.error} what="the finding" />}
    </form>
  );
}
