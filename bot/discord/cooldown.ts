// Per-user cooldown: one engine-backed request per key (a user, or a user and a kind of
// request) every `ms` milliseconds.
export type CooldownResult = { ok: true } | { ok: false; retryAfterMs: number };

export class Cooldown {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly ms: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes the key's turn if its cooldown has passed. */
  take(key: string): CooldownResult {
    if (this.ms <= 0) return { ok: true };
    const now = this.now();
    const previous = this.last.get(key);
    if (previous !== undefined && now - previous < this.ms) {
      return { ok: false, retryAfterMs: this.ms - (now - previous) };
    }
    this.last.set(key, now);
    if (this.last.size > 10_000) this.forgetExpired(now);
    return { ok: true };
  }

  private forgetExpired(now: number): void {
    for (const [key, at] of this.last) if (now - at >= this.ms) this.last.delete(key);
  }
}
