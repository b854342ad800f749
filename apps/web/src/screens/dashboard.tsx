import { useState } from 'react';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip, type ChartOptions } from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';
import { getJson, query, type Session } from '../api';
import { useAgencyName } from '../agencies';
import { Loaded } from '../components/status';
import { may } from '../session';
import { useAsync } from '../use-async';
import { RULES, THEMES, humanise } from '../vocabulary';

ChartJS.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, Tooltip, Legend);

/** A count as /stats gives it: withheld (null, suppressed) when it is small enough to point at a family. */
interface Count {
  readonly count: number | null;
  readonly suppressed?: boolean;
}

interface FlagStats {
  readonly suppressBelow: number;
  readonly total: Count;
  readonly childrenFlagged: Count;
  readonly byRule: readonly ({ readonly rule: string } & Count)[];
  readonly byTheme: readonly ({ readonly theme: string } & Count)[];
  readonly byAgency: readonly ({ readonly agency: string } & Count)[];
  readonly byMonth: readonly ({ readonly month: string } & Count)[];
}

interface ShareStats {
  readonly overall: { readonly concerns: Count; readonly reached: Count; readonly notReached: Count; readonly medianDays: number | null; readonly p90Days: number | null };
  readonly pairs: readonly { readonly from: string; readonly to: string; readonly concerns: Count; readonly reached: Count; readonly notReached: Count; readonly medianDays: number | null; readonly p90Days: number | null }[];
}

interface IncidentStats {
  readonly total: Count;
  readonly byYear: readonly ({ readonly year: number; readonly kind: string } & Count)[];
}

const INK = '#1d3f6e';
const ACCENT = '#8a1c7c';

const barOptions = (label: string, horizontal = false): ChartOptions<'bar'> => ({
  responsive: true,
  maintainAspectRatio: false,
  indexAxis: horizontal ? 'y' : 'x',
  animation: false,
  plugins: { legend: { display: false }, tooltip: { enabled: true } },
  scales: { [horizontal ? 'x' : 'y']: { beginAtZero: true, title: { display: true, text: label }, ticks: { precision: 0 } } },
});

const shown = (c: Count | undefined) => (c?.count ?? 0);
const said = (c: Count | undefined, below: number) => (c?.suppressed ? `fewer than ${below} (withheld)` : String(c?.count ?? 0));

/** Aggregates only, from /stats: no child, no person, and small counts withheld by the server. */
export function DashboardScreen({ session }: { session: Session }) {
  const agencyName = useAgencyName();
  const [period, setPeriod] = useState({ from: '', to: '' });
  const allowed = may.readStatistics(session.role);
  const q = query({ from: period.from || undefined, to: period.to || undefined });
  const [flags] = useAsync(() => getJson<FlagStats>(session, `/stats/flags${q}`), [q, session.token], allowed);
  const [share] = useAsync(() => getJson<ShareStats>(session, `/stats/time-to-share${q}`), [q, session.token], allowed);
  const [incidents] = useAsync(() => getJson<IncidentStats>(session, `/stats/incidents${q}`), [q, session.token], allowed);

  if (!allowed) {
    return (
      <div className="notice notice-error" role="alert" data-testid="refusal">
        <h1>Not available to your role</h1>
        <p>The leadership dashboard is for leaders and administrators.</p>
      </div>
    );
  }

  return (
    <div className="dashboard">
      <h1>Leadership dashboard</h1>
      <p className="lead">Aggregates across the partnership: no child and no person is shown. Counts below the disclosure threshold are withheld by the server and drawn as zero.</p>
      <form className="filters card" onSubmit={(e) => e.preventDefault()} aria-label="Period">
        <label>
          From <input type="date" value={period.from} onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))} />
        </label>
        <label>
          To <input type="date" value={period.to} onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))} />
        </label>
      </form>
      <Loaded value={flags} what="the flag statistics">
        {(f) => (
          <>
            <p className="figures" data-testid="flag-totals">
              <span><strong>{said(f.total, f.suppressBelow)}</strong> flags</span>
              <span><strong>{said(f.childrenFlagged, f.suppressBelow)}</strong> children with a flag</span>
            </p>
            <div className="charts">
              <ChartCard title="Flags by rule" rows={f.byRule.map((r) => [RULES[r.rule]?.title ?? humanise(r.rule), r])} below={f.suppressBelow} horizontal />
              <ChartCard title="Flags by practice theme" rows={f.byTheme.map((r) => [THEMES[r.theme] ?? r.theme, r])} below={f.suppressBelow} horizontal />
              <ChartCard title="Flags by agency" rows={f.byAgency.map((r) => [agencyName(r.agency), r])} below={f.suppressBelow} />
              <ChartCard title="Flags by month" rows={f.byMonth.map((r) => [r.month, r])} below={f.suppressBelow} line />
            </div>
          </>
        )}
      </Loaded>
      <div className="charts">
        <Loaded value={share} what="time to share">
          {(s) => (
            <figure className="card chart-card" data-testid="chart-time-to-share">
              <figcaption>
                <h2>Time to share between agencies</h2>
                <p className="muted small">
                  Median days from a medium or high concern to its reaching another agency working with the child: overall {s.overall.medianDays ?? '—'} (90th percentile {s.overall.p90Days ?? '—'}); {said(s.overall.notReached, 5)} never reached.
                </p>
              </figcaption>
              <div className="chart-box">
                <Bar
                  aria-label="Median days to share, by pair of agencies"
                  role="img"
                  data={{
                    labels: s.pairs.map((p) => `${agencyName(p.from)} → ${agencyName(p.to)}`),
                    datasets: [
                      { label: 'median days', data: s.pairs.map((p) => p.medianDays ?? 0), backgroundColor: INK },
                      { label: '90th percentile days', data: s.pairs.map((p) => p.p90Days ?? 0), backgroundColor: ACCENT },
                    ],
                  }}
                  options={{ ...barOptions('days', true), plugins: { legend: { display: true } } }}
                />
              </div>
              <DataTable head={['From → to', 'concerns', 'reached', 'median days', '90th percentile']} rows={s.pairs.map((p) => [`${agencyName(p.from)} → ${agencyName(p.to)}`, said(p.concerns, 5), said(p.reached, 5), String(p.medianDays ?? '—'), String(p.p90Days ?? '—')])} />
            </figure>
          )}
        </Loaded>
        <Loaded value={incidents} what="serious incident notifications">
          {(i) => (
            <ChartCard
              title="Serious incident notifications by year"
              rows={i.byYear.map((y) => [`${y.year} · ${humanise(y.kind)}`, y])}
              below={5}
              empty="No serious incident has been notified in this period."
            />
          )}
        </Loaded>
      </div>
    </div>
  );
}

function ChartCard({ title, rows, below, horizontal, line, empty }: { title: string; rows: readonly (readonly [string, Count])[]; below: number; horizontal?: boolean; line?: boolean; empty?: string }) {
  const labels = rows.map(([label]) => label);
  const values = rows.map(([, c]) => shown(c));
  const data = { labels, datasets: [{ label: 'flags', data: values, backgroundColor: INK, borderColor: INK }] };
  const slug = title.toLowerCase().replace(/[^a-z]+/g, '-');
  return (
    <figure className="card chart-card" data-testid={`chart-${slug}`}>
      <figcaption>
        <h2>{title}</h2>
        {rows.some(([, c]) => c.suppressed) && (
          <p className="muted small">
            {rows.filter(([, c]) => c.suppressed).length} of {rows.length} counts withheld (fewer than {below}) and drawn as zero.
          </p>
        )}
      </figcaption>
      {rows.length === 0 ? (
        <p className="muted">{empty ?? 'Nothing to show for this period.'}</p>
      ) : (
        <>
          <div className="chart-box">
            {line ? (
              <Line aria-label={title} role="img" data={data} options={{ responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }} />
            ) : (
              <Bar aria-label={title} role="img" data={data} options={barOptions('count', horizontal)} />
            )}
          </div>
          <DataTable head={['', 'count']} rows={rows.map(([label, c]) => [label, said(c, below)])} />
        </>
      )}
    </figure>
  );
}

function DataTable({ head, rows }: { head: readonly string[]; rows: readonly (readonly string[])[] }) {
  return (
    <details>
      <summary>Figures as a table</summary>
      <table className="data-table">
        <thead>
          <tr>{head.map((h, i) => <th key={i} scope="col">{h}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>{r.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}</tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
