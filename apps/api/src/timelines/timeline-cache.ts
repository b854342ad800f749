import { detectFlags, type ChildTimeline, type DetectionSettings, type Flag } from '@casetrail/domain';
import { checkpoints, TimelineReader } from '@casetrail/projections';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { RenderedJson } from './rendered-json';

interface Cached {
  readonly version: string;
  readonly timeline: ChildTimeline | undefined;
}

/**
 * Assembled timelines, kept per child for as long as the timeline read model has not moved.
 * Everything a timeline is assembled from is written by the `timeline` projection, so its
 * read-model version versions the whole input: any new event it applies misses the cache, and a reviewer
 * paging through a large child (or the flags beside it) does not re-read and re-assemble 2,000
 * entries each time. Access checks happen per request, never cached.
 */
@Injectable()
export class TimelineCache {
  private readonly cache = new LRUCache<string, Cached>({ max: 64 });
  private readonly flagCache = new LRUCache<string, Flag[]>({ max: 256 });
  /** Rendered answers, bounded by size: a 2,000-entry timeline is about 1 MB. */
  private readonly renderedCache = new LRUCache<string, RenderedJson>({ maxSize: 64 * 1024 * 1024, sizeCalculation: (rendered) => rendered.body.length || 1 });

  constructor(private readonly dataSource: DataSource) {}

  async childTimeline(child: string): Promise<ChildTimeline | undefined> {
    return (await this.versioned(child)).timeline;
  }

  /** A timeline's flags as of a date are a pure function of the timeline: kept beside it. */
  async flags(timeline: ChildTimeline, settings: DetectionSettings, asOf: string): Promise<Flag[]> {
    const { version } = await this.versioned(timeline.child);
    const key = `${timeline.child}|${version}|${asOf}`;
    let flags = this.flagCache.get(key);
    if (!flags) {
      flags = detectFlags(timeline, settings, asOf);
      this.flagCache.set(key, flags);
    }
    return flags;
  }

  /** A rendering of a timeline (a view as JSON, say) for one question, kept while the read model stands. */
  async rendered(timeline: ChildTimeline, question: string, render: () => string): Promise<RenderedJson> {
    const { version } = await this.versioned(timeline.child);
    const key = `${timeline.child}|${version}|${question}`;
    let rendered = this.renderedCache.get(key);
    if (rendered === undefined) {
      rendered = new RenderedJson(render());
      this.renderedCache.set(key, rendered);
    }
    return rendered;
  }

  private async versioned(child: string): Promise<Cached> {
    // The read model's version, not its checkpoint: the checkpoint also moves past every audit
    // event and other events the timeline ignores, which would empty this cache on every read.
    const version = await checkpoints.version(this.dataSource.manager, 'timeline');
    const hit = this.cache.get(child);
    if (hit && hit.version === version) return hit;
    const cached = { version, timeline: await new TimelineReader(this.dataSource.manager).childTimeline(child) };
    this.cache.set(child, cached);
    return cached;
  }
}
