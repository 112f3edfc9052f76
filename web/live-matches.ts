// Watches the store for new storyline matches and hands them to live-update subscribers.
import type { DashboardQueries, LiveMatch } from '../store/dashboard-queries.js';

/**
 * Watches the store for new storyline matches (whichever process wrote them: the store is the meeting
 * point) and hands them to subscribers. Polls only while someone listens.
 */
export class LiveMatches {
  private readonly listeners = new Set<(m: LiveMatch) => void>();
  private timer: NodeJS.Timeout | undefined;
  private last = 0;

  constructor(
    private readonly queries: DashboardQueries,
    private readonly intervalMs = 1000,
  ) {}

  /** Subscribes; returns the function that unsubscribes. */
  subscribe(listener: (m: LiveMatch) => void): () => void {
    if (!this.listeners.size) {
      this.last = this.queries.lastMatchRowid();
      this.timer = setInterval(() => this.poll(), this.intervalMs);
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size) this.stop();
    };
  }

  /** Matches after a client's Last-Event-ID, for a reconnecting client. */
  since(rowid: number): LiveMatch[] {
    return this.queries.matchesSince(rowid, 500);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private poll(): void {
    for (;;) {
      const batch = this.queries.matchesSince(this.last, 200);
      for (const m of batch) {
        this.last = m.rowid;
        for (const listener of this.listeners) listener(m);
      }
      if (batch.length < 200) return;
    }
  }
}
