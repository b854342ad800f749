import { useEffect, useState, type FormEvent } from 'react';
import { enc, getJson, postJson, request, type Review, type Session } from '../api';
import { useAgencyName } from '../agencies';
import { Failure, Loaded } from '../components/status';
import { href } from '../router';
import { may } from '../session';
import { useAsync } from '../use-async';
import { THEMES, humanise } from '../vocabulary';
import { ChildrenOfReview } from './home';

/** Findings reach the review's read model a moment after they are recorded: look again while it is open. */
const REFRESH_MS = 3_000;

export function ReviewScreen({ session, reviewId }: { session: Session; reviewId: string }) {
  const agencyName = useAgencyName();
  const allowed = may.listReviews(session.role);
  const [review, reload] = useAsync(() => getJson<Review>(session, `/reviews/${enc(reviewId)}`), [reviewId, session.token], allowed);
  useEffect(() => {
    if (!allowed) return;
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [allowed, reload]);

  if (!allowed) {
    return (
      <div className="notice notice-error" role="alert" data-testid="refusal">
        <h1>Not available to your role</h1>
        <p>Reviews are for reviewers assigned to them and administrators.</p>
      </div>
    );
  }

  return (
    <Loaded value={review} what={`review ${reviewId}`}>
      {(r) => (
        <div className="review-screen">
          <h1>{r.title}</h1>
          <p className="muted">
            {r.reviewId} · {humanise(r.kind)} · period {r.period.from} to {r.period.to} · <span className={`status status-${r.status}`}>{r.status}</span>
            {r.concludedAt && ` on ${r.concludedAt.slice(0, 10)}`}
          </p>
          {r.summary && <p><strong>Summary:</strong> {r.summary}</p>}
          <div className="two-columns">
            <section className="card" aria-labelledby="children-heading">
              <h2 id="children-heading">Children</h2>
              {may.readChild(session.role) ? (
                <ChildrenOfReview session={session} review={r} />
              ) : (
                <ul>{r.children.map((c) => <li key={c} className="mono">{c}</li>)}</ul>
              )}
            </section>
            <section className="card" aria-labelledby="reviewers-heading">
              <h2 id="reviewers-heading">Reviewers</h2>
              <ul>
                {(r.reviewers ?? []).map((x) => (
                  <li key={`${x.agencyId}/${x.practitionerRef ?? ''}`}>
                    {agencyName(x.agencyId)}
                    {x.practitionerRef && ` (${x.practitionerRef})`} <span className="muted small">since {x.assignedAt.slice(0, 10)}</span>
                  </li>
                ))}
              </ul>
              {may.manageReviews(session.role) && r.status === 'open' && <AssignForm session={session} reviewId={r.reviewId} onDone={reload} />}
            </section>
          </div>
          <section className="card" aria-labelledby="findings-heading" data-testid="findings">
            <h2 id="findings-heading">Findings ({r.findings?.length ?? 0})</h2>
            {(r.findings ?? []).length === 0 && <p className="muted">No finding yet. Open a child, select the entries a finding rests on, and record it there.</p>}
            <ol className="findings">
              {(r.findings ?? []).map((f) => (
                <li key={f.findingId} data-finding={f.findingId}>
                  <strong>{THEMES[f.theme] ?? f.theme}</strong> <span className="muted small">{f.findingId}{f.recordedAt && ` · ${f.recordedAt.slice(0, 10)}`}</span>
                  <p>{f.text}</p>
                  <p className="muted small">Evidence: {f.evidence.map((e) => `${agencyName(e.entry.agency)} ${e.entry.entryId}`).join('; ')}</p>
                </li>
              ))}
            </ol>
          </section>
          {may.export(session.role) && <ExportLinks session={session} reviewId={r.reviewId} />}
          {r.status === 'open' && may.concludeReviews(session.role) && <ConcludeForm session={session} reviewId={r.reviewId} onDone={reload} />}
        </div>
      )}
    </Loaded>
  );
}

function ExportLinks({ session, reviewId }: { session: Session; reviewId: string }) {
  const [error, setError] = useState<Error | undefined>();
  const download = async (format: 'csv' | 'html') => {
    setError(undefined);
    try {
      // The export needs the bearer token, so it is fetched here and handed to the browser as a file.
      const response = await request(session, 'GET', `/reviews/${enc(reviewId)}/chronology?format=${format}`);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `${reviewId}-chronology.${format}`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <section className="card" aria-labelledby="export-heading">
      <h2 id="export-heading">Integrated chronology</h2>
      <p className="muted">Every agency's entries in the review period, merged by date, with what was known, with whom it was shared, flags and findings.</p>
      <button type="button" onClick={() => download('csv')}>Download CSV</button>{' '}
      <button type="button" onClick={() => download('html')}>Download printable HTML</button>
      {error && <Failure error={error} what="the chronology" />}
    </section>
  );
}

function AssignForm({ session, reviewId, onDone }: { session: Session; reviewId: string; onDone: () => void }) {
  const [agencyId, setAgencyId] = useState('');
  const [ref, setRef] = useState('');
  const [error, setError] = useState<Error | undefined>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await postJson(session, `/reviews/${enc(reviewId)}/reviewers`, { agencyId: agencyId.trim(), ...(ref.trim() && { practitionerRef: ref.trim() }) });
      setAgencyId('');
      setRef('');
      onDone();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <form onSubmit={submit} className="stacked">
      <h3>Assign a reviewer</h3>
      <label htmlFor="assign-agency">Reviewing agency id</label>
      <input id="assign-agency" value={agencyId} onChange={(e) => setAgencyId(e.target.value)} required />
      <label htmlFor="assign-ref">Practitioner reference (optional)</label>
      <input id="assign-ref" value={ref} onChange={(e) => setRef(e.target.value)} />
      <button type="submit">Assign</button>
      {error && <Failure error={error} what="the assignment" />}
    </form>
  );
}

function ConcludeForm({ session, reviewId, onDone }: { session: Session; reviewId: string; onDone: () => void }) {
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<Error | undefined>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!window.confirm(`Conclude review ${reviewId}? No finding can be added afterwards.`)) return;
    setError(undefined);
    try {
      await postJson(session, `/reviews/${enc(reviewId)}/conclude`, summary.trim() ? { summary: summary.trim() } : {});
      onDone();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <form onSubmit={submit} className="card stacked" aria-labelledby="conclude-heading">
      <h2 id="conclude-heading">Conclude the review</h2>
      <label htmlFor="conclude-summary">Summary</label>
      <textarea id="conclude-summary" rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
      <button type="submit">Conclude</button>
      {error && <Failure error={error} what="the conclusion" />}
    </form>
  );
}

export function OpenReviewForm({ session, onOpened }: { session: Session; onOpened: () => void }) {
  const [form, setForm] = useState({ reviewId: '', kind: 'rapid_review', title: '', children: '', from: '', to: '' });
  const [error, setError] = useState<Error | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await postJson(session, '/reviews', {
        reviewId: form.reviewId.trim(),
        kind: form.kind,
        title: form.title.trim(),
        children: form.children.split(/[\s,;]+/).filter(Boolean),
        period: { from: form.from, to: form.to },
      });
      setDone(form.reviewId.trim());
      onOpened();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <form className="card stacked" onSubmit={submit} aria-labelledby="open-heading">
      <h2 id="open-heading">Open a review</h2>
      <label htmlFor="r-id">Review id</label>
      <input id="r-id" value={form.reviewId} onChange={set('reviewId')} required placeholder="RR-2025-001" />
      <label htmlFor="r-kind">Kind</label>
      <select id="r-kind" value={form.kind} onChange={set('kind')}>
        <option value="rapid_review">Rapid review</option>
        <option value="local_practice_review">Local child safeguarding practice review</option>
        <option value="national_review">National review</option>
      </select>
      <label htmlFor="r-title">Title</label>
      <input id="r-title" value={form.title} onChange={set('title')} required />
      <label htmlFor="r-children">Children (platform ids, separated by commas or spaces)</label>
      <input id="r-children" value={form.children} onChange={set('children')} required />
      <label htmlFor="r-from">Period from</label>
      <input id="r-from" type="date" value={form.from} onChange={set('from')} required />
      <label htmlFor="r-to">Period to</label>
      <input id="r-to" type="date" value={form.to} onChange={set('to')} required />
      <button type="submit" className="primary">Open review</button>
      {done && <p role="status" className="notice notice-ok">Review <a href={href({ name: 'review', review: done })}>{done}</a> opened.</p>}
      {error && <Failure error={error} what="the review" />}
    </form>
  );
}
