import { memo, useEffect, useRef } from 'react';
import Arrow, { type ArrowSpec } from 'timeline-arrows';
import { DataSet } from 'vis-data/peer';
import { Timeline, type DataGroup, type DataItem, type TimelineOptions } from 'vis-timeline/peer';
import 'vis-timeline/styles/vis-timeline-graph2d.min.css';
import type { TimelineEntry } from '../api';
import { entryStyle, formatOccurred } from '../vocabulary';

/** How one entry is drawn beyond its type: set by the screen from flags, knowledge and selection. */
export interface EntryMarks {
  readonly faded?: boolean;
  readonly evidence?: boolean;
  readonly flagged?: boolean;
}

/** A sharing, referral or meeting that carried information into a lane: drawn as an arrow to a "received" mark. */
export interface Link {
  readonly fromEventId: string;
  readonly toAgency: string;
  readonly at: string;
  readonly title: string;
}

export interface TimelineViewProps {
  readonly entries: readonly TimelineEntry[];
  readonly agencies: readonly { readonly id: string; readonly name: string }[];
  readonly marks: ReadonlyMap<string, EntryMarks>;
  readonly links: readonly Link[];
  readonly knowledgeDate?: Date;
  readonly onKnowledgeDateChange?: (date: Date) => void;
  readonly selected: readonly string[];
  readonly onSelect: (eventIds: string[]) => void;
  /** Event ids to bring into view (a flag's evidence). */
  readonly focus?: readonly string[];
}

const KNOWLEDGE_BAR = 'knowledge-date';
const RECEIVED_PREFIX = 'received:';
/** Above this, neighbouring entries of a lane are drawn as one cluster until zoomed in. */
const CLUSTER_ABOVE = 400;
const DAY = 86_400_000;

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A date as precise as the agency recorded it: a month (or year, or "about") is a span, a day a point. */
export function spanOf(entry: TimelineEntry): { start: Date; end?: Date } {
  const at = new Date(entry.occurred.at);
  switch (entry.occurred.precision) {
    case 'month':
      return { start: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)), end: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1)) };
    case 'year':
      return { start: new Date(Date.UTC(at.getUTCFullYear(), 0, 1)), end: new Date(Date.UTC(at.getUTCFullYear() + 1, 0, 1)) };
    case 'approximate':
      return { start: new Date(at.getTime() - 15 * DAY), end: new Date(at.getTime() + 15 * DAY) };
    default:
      return { start: at };
  }
}

function itemOf(entry: TimelineEntry, marks: EntryMarks | undefined): DataItem {
  const style = entryStyle(entry.type);
  const span = spanOf(entry);
  const classes = ['entry', style.tone, `type-${entry.type}`];
  if (entry.householdAdult) classes.push('household');
  if (entry.variantGroup) classes.push('variant');
  if (entry.corrected) classes.push('corrected');
  if (marks?.faded) classes.push('faded');
  if (marks?.evidence) classes.push('evidence');
  if (marks?.flagged) classes.push('flagged');
  // Day-precise entries are drawn as a coloured mark with the type's icon (the label is in the tooltip,
  // the details and the table), so that a busy lane stays readable; spans carry their label inside.
  const label = span.end ? ` ${style.label}` : '';
  const badges = `${marks?.flagged ? '⚑' : ''}${style.icon}${label}${entry.corrected ? ' ✎' : ''}${entry.variantGroup ? ' ≋' : ''}${entry.householdAdult ? ' ᴬ' : ''}`;
  const summary = typeof entry.details.summary === 'string' ? entry.details.summary : '';
  return {
    id: entry.eventId,
    group: entry.entry.agency,
    start: span.start,
    ...(span.end ? { end: span.end, type: 'range' } : { type: 'point' }),
    content: escape(badges),
    className: classes.join(' '),
    title: escape(`${formatOccurred(entry.occurred.at, entry.occurred.precision)} · ${style.label}${summary ? `: ${summary}` : ''}${entry.householdAdult ? ' (about a household adult)' : ''}${entry.corrected ? ' (corrected)' : ''}${marks?.faded ? ' (not known to the chosen agency by the chosen date)' : ''}`),
  };
}

/**
 * Swaps every arrow at once. timeline-arrows adds (and redraws) one arrow at a time and finds the
 * ones to remove by the container's DOM id, so its own removal cannot serve a set that changes as
 * the knowledge date moves; its arrays are reset here instead, and the caller redraws once.
 */
function replaceArrows(set: Arrow, specs: ArrowSpec[]): void {
  const internals = set as unknown as { _dependency: ArrowSpec[]; _dependencyPath: SVGPathElement[]; _createPath(color?: string, line?: number): void };
  for (const path of internals._dependencyPath) path.remove();
  internals._dependencyPath = [];
  internals._dependency = specs;
  for (const spec of specs) internals._createPath(spec.color, spec.line);
}

function receivedItem(link: Link): DataItem {
  return {
    id: `${RECEIVED_PREFIX}${link.fromEventId}:${link.toAgency}`,
    group: link.toAgency,
    start: new Date(link.at),
    type: 'point',
    content: '⬇ in',
    className: 'received',
    title: escape(link.title),
    selectable: false,
  };
}

/**
 * A vis-timeline with one swimlane per agency. React owns the data; the timeline is created once
 * and its DataSets are updated in place, so a knowledge-date change redraws classes, not the DOM tree.
 */
export const TimelineView = memo(function TimelineView(props: TimelineViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const timeline = useRef<Timeline | undefined>(undefined);
  const items = useRef(new DataSet<DataItem>());
  const groups = useRef(new DataSet<DataGroup>());
  const arrows = useRef<Arrow | undefined>(undefined);
  const callbacks = useRef(props);
  callbacks.current = props;

  useEffect(() => {
    const many = props.entries.length > CLUSTER_ABOVE;
    const options: TimelineOptions = {
      stack: true,
      multiselect: true,
      selectable: true,
      orientation: { axis: 'both', item: 'top' },
      zoomMin: DAY,
      zoomMax: 20 * 365 * DAY,
      verticalScroll: true,
      maxHeight: '62vh',
      margin: { item: { horizontal: 2, vertical: 4 } },
      tooltip: { followMouse: true, overflowMethod: 'cap' },
      groupOrder: (a: DataGroup, b: DataGroup) => String(a.content).localeCompare(String(b.content)),
      ...(many ? { cluster: { maxItems: 3, titleTemplate: '{count} entries: zoom in to see them', showStipes: true, fitOnDoubleClick: true } } : {}),
    } as TimelineOptions;
    const created = new Timeline(container.current!, items.current, groups.current, options);
    // The lane labels scroll with the lanes: keyboard users reach them too (arrow keys scroll).
    container.current!.querySelectorAll('.vis-left, .vis-right').forEach((panel) => panel.setAttribute('tabindex', '0'));
    timeline.current = created;
    arrows.current = new Arrow(created, [], { color: '#8a1c7c', strokeWidth: 2, followRelationships: true });
    created.on('select', (event: { items: (string | number)[] }) => {
      callbacks.current.onSelect(event.items.map(String).filter((id) => !id.startsWith(RECEIVED_PREFIX)));
    });
    created.on('timechanged', (event: { id: string | number; time: Date }) => {
      if (event.id === KNOWLEDGE_BAR) callbacks.current.onKnowledgeDateChange?.(event.time);
    });
    return () => {
      created.destroy();
      timeline.current = undefined;
    };
    // The timeline is rebuilt only when clustering must be switched on or off.
  }, [props.entries.length > CLUSTER_ABOVE]);

  useEffect(() => {
    groups.current.clear();
    groups.current.add(props.agencies.map((a) => ({ id: a.id, content: escape(a.name), title: a.id, className: `lane lane-${a.id}` })));
  }, [props.agencies]);

  useEffect(() => {
    const next = [...props.entries.map((e) => itemOf(e, props.marks.get(e.eventId))), ...props.links.map(receivedItem)];
    const keep = new Set(next.map((i) => i.id));
    items.current.remove(items.current.getIds().filter((id) => !keep.has(id)));
    items.current.update(next);
  }, [props.entries, props.marks, props.links]);

  useEffect(() => {
    const set = arrows.current;
    if (!set) return;
    const specs: ArrowSpec[] = props.links.map((link, index) => ({ id: index, id_item_1: link.fromEventId, id_item_2: `${RECEIVED_PREFIX}${link.fromEventId}:${link.toAgency}`, title: link.title, direction: 1 }));
    // Variants: accounts of one happening, tied by a dashed line.
    const byGroup = new Map<string, string[]>();
    for (const e of props.entries) if (e.variantGroup) byGroup.set(e.variantGroup, [...(byGroup.get(e.variantGroup) ?? []), e.eventId]);
    for (const ids of byGroup.values()) for (let i = 1; i < ids.length; i++) specs.push({ id: specs.length, id_item_1: ids[0], id_item_2: ids[i], line: 1, direction: 0, color: '#555555', title: 'Accounts of the same happening' });
    replaceArrows(set, specs);
    timeline.current?.redraw();
  }, [props.links, props.entries]);

  useEffect(() => {
    const t = timeline.current;
    if (!t) return;
    if (props.knowledgeDate) {
      try {
        t.setCustomTime(props.knowledgeDate, KNOWLEDGE_BAR);
      } catch {
        t.addCustomTime(props.knowledgeDate, KNOWLEDGE_BAR);
        // In vis-timeline's runtime, missing from its Timeline typings.
        (t as unknown as { setCustomTimeMarker(title: string, id: string, editable: boolean): void }).setCustomTimeMarker('Knowledge date: drag me', KNOWLEDGE_BAR, false);
      }
    } else {
      try {
        t.removeCustomTime(KNOWLEDGE_BAR);
      } catch {
        // not shown
      }
    }
  }, [props.knowledgeDate]);

  useEffect(() => {
    timeline.current?.setSelection([...props.selected]);
  }, [props.selected]);

  useEffect(() => {
    const t = timeline.current;
    if (!t || !props.focus || props.focus.length === 0) return;
    t.focus([...props.focus], { animation: false });
    // A margin, so that evidence at either end is not cut by the edge.
    t.zoomOut(0.15, { animation: false });
  }, [props.focus]);

  useEffect(() => {
    if (props.entries.length > 0) timeline.current?.fit({ animation: false });
    // Fit once per child, not on every filter tweak of the knowledge view.
  }, [props.entries.length === 0]);

  // Zoom and pan from the keyboard too (the mouse: Ctrl + wheel, drag).
  const move = (fraction: number) => {
    const t = timeline.current;
    if (!t) return;
    const { start, end } = t.getWindow();
    const shift = (end.getTime() - start.getTime()) * fraction;
    t.setWindow(start.getTime() + shift, end.getTime() + shift, { animation: false });
  };
  return (
    <>
      <div className="timeline-controls" role="toolbar" aria-label="Zoom and pan the timeline">
        <button type="button" onClick={() => timeline.current?.zoomIn(0.5, { animation: false })}>Zoom in</button>
        <button type="button" onClick={() => timeline.current?.zoomOut(0.5, { animation: false })}>Zoom out</button>
        <button type="button" onClick={() => move(-0.3)}>← Earlier</button>
        <button type="button" onClick={() => move(0.3)}>Later →</button>
        <button type="button" onClick={() => timeline.current?.fit({ animation: false })}>Show all</button>
      </div>
      <div ref={container} className="timeline" data-testid="timeline" aria-label="Timeline: one lane per agency. The table below lists the same entries." role="region" />
    </>
  );
});
