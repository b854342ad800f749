import { useState, type FormEvent } from 'react';
import { enc, getJson, type Flag, type Review, type Session } from '../api';
import { Loaded } from '../components/status';
import { href, navigate } from '../router';
import { may } from '../session';
import { useAsync } from '../use-async';
import { RULES, humanise } from '../vocabulary';
import { DashboardScreen } from './dashboard';
import { OpenReviewForm } from './review';

export function HomeScreen({ session }: { session: Session }) {
  if (session.role === 'leader') return <DashboardScreen session={session} />;
  if (session.role === 'practitioner') return <PractitionerHome session={session} />;
  return <ReviewsHome session={session} />;
}

function ReviewsHome({ session }: { session: Session }) {
  const [reviews, reload] = useAsync(() => getJson<Review[]>(session, '/reviews'), [session.token], may.listReviews(session.role));
  return (
    <div>
      <h1>{session.role === 'reviewer' ? 'Your reviews' : 'Reviews'}</h1>
      <Loaded value={reviews} what="the reviews">
        {(list) =>
          list.length === 0 ? (
            <p className="notice">{session.role === 'reviewer' ? 'No review is assigned to your agency yet.' : 'No review has been opened yet.'}</p>
          ) : (
            <ul className="review-list">
              {list.map((review) => (
                <li key={review.reviewId} className="card">
                  <h2>
                    <a href={href({ name: 'review', review: review.reviewId })}>{review.title}</a>
                  </h2>
                  <p className="muted">
                    {review.reviewId} · {humanise(review.kind)} · {review.period.from} to {review.period.to} · <span className={`status status-${review.status}`}>{review.status}</span>
                  </p>
                  {session.role === 'reviewer' && <ChildrenOfReview session={session} review={review} />}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      {may.manageReviews(session.role) && <OpenReviewForm session={session} onOpened={reload} />}
    </div>
  );
}

/** Each reviewed child with its flags' rules, so the missed sharing is one look away. */
export function ChildrenOfReview({ session, review }: { session: Session; review: Review }) {
  const [flags] = useAsync(
    () => Promise.all(review.children.map((child) => getJson<{ flags: Flag[] }>(session, `/children/${enc(child)}/flags`).then((f) => [child, f.flags] as const, () => [child, undefined] as const))),
    [review.reviewId, session.token],
    may.readFlags(session.role),
  );
  const byChild = new Map(flags.state === 'ready' ? flags.value : []);
  return (
    <table className="children-table">
      <caption>Children in this review</caption>
      <thead>
        <tr>
          <th scope="col">Child</th>
          <th scope="col">Flags</th>
        </tr>
      </thead>
      <tbody>
        {review.children.map((child) => {
          const list = byChild.get(child);
          const rules = [...new Set((list ?? []).map((f) => f.rule))];
          return (
            <tr key={child}>
              <th scope="row">
                <a href={href({ name: 'child', child, review: review.reviewId })} data-child={child}>{child}</a>
              </th>
              <td>
                {flags.state === 'loading' ? '…' : list === undefined ? '—' : list.length === 0 ? <span className="muted">none</span> : (
                  <span>
                    <strong>{list.length}</strong> ⚑ {rules.map((r) => RULES[r]?.title ?? humanise(r)).join(', ')}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function PractitionerHome({ session }: { session: Session }) {
  const [child, setChild] = useState('');
  const open = (event: FormEvent) => {
    event.preventDefault();
    if (child.trim()) navigate({ name: 'child', child: child.trim() });
  };
  return (
    <div>
      <h1>What your agency knew</h1>
      <p className="lead">As a practitioner of {session.agency} you see what your agency recorded or was told about a child, on any date.</p>
      <form className="card inline-form" onSubmit={open}>
        <label htmlFor="child-id">Child's platform id</label>
        <input id="child-id" value={child} onChange={(e) => setChild(e.target.value)} placeholder="subj-demo0001-child" autoComplete="off" />
        <button type="submit" className="primary">Open timeline</button>
      </form>
    </div>
  );
}
