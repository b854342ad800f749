import { DETECTION_RULES, PRACTICE_THEMES, REVIEW_KINDS, type PracticeTheme } from '@casetrail/domain';
import type { EntityManager } from 'typeorm';
import { addTo, publish, quantile, rate, type Published } from './aggregation';
import { invalidStatisticsFilter, type StatisticsFilter } from './statistics-filter';
import type {
  FlagStatistics,
  IncidentStatistics,
  RepeatReferralStatistics,
  ReviewStatistics,
  ShareTimes,
  StatisticsHeader,
  TimeToShareStatistics,
} from './statistics-views';

type Db = Pick<EntityManager, 'query'>;

export interface StatisticsOptions {
  /** Counts from 1 to suppressBelow - 1 are withheld; 0 turns suppression off. */
  readonly suppressBelow: number;
  /** The repeat-referral window (the `repeat-referrals` rule's, twelve months by default). */
  readonly repeatReferralWindowDays: number;
}

const TIME_TO_SHARE_METHOD =
  "Per child, with the detection rules' own reckoning (whenReached): for each medium or high concern, each other agency working with the child " +
  'on its date, and the first sharing naming it, sharing or referral carrying all its categories, or meeting both attended, on or after that date. ' +
  'Median and 90th percentile are nearest-rank over whole days, of the concerns that reached the agency.';

/**
 * Leadership statistics over the flags read model and the per-child facts its refresher keeps
 * (and the review-statistics table). Every answer is an aggregate; nothing a query returns names
 * a child, an adult, an entry or carries free text.
 */
export class StatisticsReader {
  constructor(
    private readonly db: Db,
    private readonly options: StatisticsOptions,
  ) {}

  /** An agency filter must name a registered agency: a misspelt id would otherwise read as "all zeros". */
  async checkAgency(filter: StatisticsFilter): Promise<void> {
    if (filter.agency === undefined) return;
    const rows: unknown[] = await this.db.query('select 1 from rm_agencies where agency_id = $1', [filter.agency]);
    if (rows.length === 0) throw invalidStatisticsFilter(`No agency ${filter.agency} is registered`, 'agency');
  }

  async flags(filter: StatisticsFilter): Promise<FlagStatistics> {
    const where = `flag_on >= coalesce($1::date, '-infinity'::date) and flag_on <= coalesce($2::date, 'infinity'::date)
                   and ($3::text is null or $3::text = any(agencies))`;
    const params = this.params(filter);
    const [totals]: { total: number; children: number; evaluated_from: string | null }[] = await this.db.query(
      `select count(*)::int as total, count(distinct child)::int as children, to_char(min(evaluated_on), 'YYYY-MM-DD') as evaluated_from
         from rm_flags where ${where}`,
      params,
    );
    const byRule = await this.counts(`select rule as key, count(*)::int as n from rm_flags where ${where} group by rule`, params);
    const byTheme = await this.counts(`select theme as key, count(*)::int as n from rm_flags where ${where} group by theme`, params);
    const byAgency = await this.counts(`select a as key, count(*)::int as n from rm_flags, unnest(agencies) as a where ${where} group by a order by a`, params);
    const byMonth = await this.counts(`select to_char(flag_on, 'YYYY-MM') as key, count(*)::int as n from rm_flags where ${where} group by 1 order by 1`, params);
    const [pending]: { n: number }[] = await this.db.query('select count(*)::int as n from rm_flag_dirty');
    return {
      ...this.header(filter),
      freshness: { pendingChildren: pending.n, evaluatedFrom: totals.evaluated_from },
      total: this.publish(totals.total),
      childrenFlagged: this.publish(totals.children),
      byRule: DETECTION_RULES.map((r) => ({ rule: r.id, theme: r.theme, ...this.publish(byRule.get(r.id) ?? 0) })),
      byTheme: (Object.keys(PRACTICE_THEMES) as PracticeTheme[]).map((theme) => ({ theme, ...this.publish(byTheme.get(theme) ?? 0) })),
      byAgency: [...byAgency].map(([agency, n]) => ({ agency, ...this.publish(n) })),
      byMonth: [...byMonth].map(([month, n]) => ({ month, ...this.publish(n) })),
    };
  }

  async timeToShare(filter: StatisticsFilter): Promise<TimeToShareStatistics> {
    // Days are whole numbers over a short range, so a histogram per pair is all the data needed.
    const rows: { from_agency: string; to_agency: string; days: number | null; n: number }[] = await this.db.query(
      `select from_agency, to_agency, days, count(*)::int as n from rm_share_intervals
        where concern_on >= coalesce($1::date, '-infinity'::date) and concern_on <= coalesce($2::date, 'infinity'::date)
          and ($3::text is null or from_agency = $3::text or to_agency = $3::text)
        group by from_agency, to_agency, days`,
      this.params(filter),
    );
    const overall = new Tally();
    const pairs = new Map<string, { from: string; to: string; tally: Tally }>();
    for (const row of rows) {
      const key = `${row.from_agency}\u0000${row.to_agency}`;
      let pair = pairs.get(key);
      if (!pair) pairs.set(key, (pair = { from: row.from_agency, to: row.to_agency, tally: new Tally() }));
      pair.tally.add(row.days, row.n);
      overall.add(row.days, row.n);
    }
    return {
      ...this.header(filter),
      method: TIME_TO_SHARE_METHOD,
      overall: this.shareTimes(overall),
      pairs: [...pairs.values()]
        .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to))
        .map(({ from, to, tally }) => ({ from, to, ...this.shareTimes(tally) })),
    };
  }

  async incidents(filter: StatisticsFilter): Promise<IncidentStatistics> {
    const rows: { year: number; kind: string; n: number }[] = await this.db.query(
      `select extract(year from occurred_on)::int as year, kind, count(*)::int as n from rm_child_incidents
        where occurred_on >= coalesce($1::date, '-infinity'::date) and occurred_on <= coalesce($2::date, 'infinity'::date)
          and ($3::text is null or agency = $3::text)
        group by 1, 2 order by 1, 2`,
      this.params(filter),
    );
    return {
      ...this.header(filter),
      total: this.publish(rows.reduce((sum, r) => sum + r.n, 0)),
      byYear: rows.map((r) => ({ year: r.year, kind: r.kind, ...this.publish(r.n) })),
    };
  }

  async repeatReferrals(filter: StatisticsFilter): Promise<RepeatReferralStatistics> {
    const rows: { year: number; referred: number; repeated: number }[] = await this.db.query(
      `select extract(year from referred_on)::int as year, count(distinct child)::int as referred,
              count(distinct child) filter (where repeat)::int as repeated
         from rm_child_referrals
        where referred_on >= coalesce($1::date, '-infinity'::date) and referred_on <= coalesce($2::date, 'infinity'::date)
          and ($3::text is null or from_agency = $3::text or to_agency = $3::text)
        group by 1 order by 1`,
      this.params(filter),
    );
    return {
      ...this.header(filter),
      windowDays: this.options.repeatReferralWindowDays,
      byYear: rows.map((r) => {
        const childrenReferred = this.publish(r.referred);
        const childrenReReferred = this.publish(r.repeated);
        return { year: r.year, childrenReferred, childrenReReferred, rate: rate(childrenReReferred, childrenReferred) };
      }),
    };
  }

  async reviews(filter: StatisticsFilter): Promise<ReviewStatistics> {
    const rows: { kind: string; open: number; concluded: number }[] = await this.db.query(
      `select kind, count(*) filter (where concluded_on is null)::int as open, count(*) filter (where concluded_on is not null)::int as concluded
         from rm_stats_reviews
        where opened_on >= coalesce($1::date, '-infinity'::date) and opened_on <= coalesce($2::date, 'infinity'::date)
          and ($3::text is null or opened_by = $3::text)
        group by kind`,
      this.params(filter),
    );
    const byKind = new Map(rows.map((r) => [r.kind, r]));
    const kinds = [...new Set([...Object.keys(REVIEW_KINDS), ...byKind.keys()])];
    return {
      ...this.header(filter),
      byKind: kinds.map((kind) => ({ kind, open: this.publish(byKind.get(kind)?.open ?? 0), concluded: this.publish(byKind.get(kind)?.concluded ?? 0) })),
    };
  }

  private shareTimes(tally: Tally): ShareTimes {
    const reached = tally.reached();
    // Durations of a handful of concerns are as telling as their count: withheld alike.
    const enough = reached >= this.options.suppressBelow && reached > 0;
    return {
      concerns: this.publish(reached + tally.notReached),
      reached: this.publish(reached),
      notReached: this.publish(tally.notReached),
      medianDays: enough ? quantile(tally.days, 0.5) : null,
      p90Days: enough ? quantile(tally.days, 0.9) : null,
    };
  }

  private async counts(sql: string, params: unknown[]): Promise<Map<string, number>> {
    const rows: { key: string; n: number }[] = await this.db.query(sql, params);
    return new Map(rows.map((r) => [r.key, r.n]));
  }

  private params(filter: StatisticsFilter): unknown[] {
    return [filter.from ?? null, filter.to ?? null, filter.agency ?? null];
  }

  private header(filter: StatisticsFilter): StatisticsHeader {
    return { period: { from: filter.from ?? null, to: filter.to ?? null }, agency: filter.agency ?? null, suppressBelow: this.options.suppressBelow };
  }

  private publish(count: number): Published {
    return publish(count, this.options.suppressBelow);
  }
}

class Tally {
  readonly days = new Map<number, number>();
  notReached = 0;

  add(days: number | null, n: number): void {
    if (days === null) this.notReached += n;
    else addTo(this.days, days, n);
  }

  reached(): number {
    let sum = 0;
    for (const n of this.days.values()) sum += n;
    return sum;
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
