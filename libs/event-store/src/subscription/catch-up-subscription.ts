import type { RecordedEvent } from '../port/event-envelope';
import type { AllSubscription, SubscribeOptions } from '../port/event-store.port';
import { START, type LogPosition } from '../port/log-position';
import type { ChangeNotifier } from './change-notifier';

export interface LogPageReader {
  (after: LogPosition, limit: number): Promise<RecordedEvent[]>;
}

export interface PollingOptions {
  /** First retry after an empty read; doubles up to `maxPollMs`. Reset by every notification. */
  readonly minPollMs?: number;
  /** The polling fallback: the longest a subscriber waits without a notification. */
  readonly maxPollMs?: number;
}

/**
 * Catch-up, then live: reads pages after the checkpoint until the log is exhausted, then waits
 * for a notification (or the polling fallback) and reads again. Pages are only read when the
 * consumer pulls, which is the back-pressure.
 */
export class CatchUpSubscription implements AllSubscription {
  private readonly abort = new AbortController();

  constructor(
    private readonly readPage: LogPageReader,
    private readonly notifier: ChangeNotifier,
    private readonly options: SubscribeOptions & PollingOptions = {},
  ) {
    options.signal?.addEventListener('abort', () => this.abort.abort(), { once: true });
  }

  async *pages(): AsyncGenerator<readonly RecordedEvent[]> {
    const batchSize = this.options.batchSize ?? 500;
    const minPoll = this.options.minPollMs ?? 5;
    const maxPoll = this.options.maxPollMs ?? 500;
    let after = this.options.after ?? START;
    let delay = minPoll;
    while (!this.abort.signal.aborted) {
      const page = await this.readPage(after, batchSize);
      if (this.abort.signal.aborted) return;
      if (page.length > 0) {
        after = page[page.length - 1].position;
        delay = minPoll;
        yield page;
        continue;
      }
      const woken = await this.notifier.wait(delay, this.abort.signal);
      // After a notification the new events may still sit behind an older open transaction
      // (the visibility horizon), so poll quickly for a while instead of waiting the full fallback.
      delay = woken ? minPoll : Math.min(delay * 2, maxPoll);
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
    for await (const page of this.pages()) yield* page;
  }

  close(): void {
    this.abort.abort();
  }
}
