/**
 * The largest share β ∈ [0, 1] of an edit that a guard accepts, for a live preview: regula falsi
 * on the guard's slack instead of bisection. The slack (how far the binding sample is inside its
 * bound, head-layer.ts) is a smooth, nearly linear function of β, so aiming just below the root of
 * a line through the candidates nearest the bound lands next to it in 1–3 fits where bisection
 * takes 8; a warm start (the share a previous, nearby edit kept) usually needs 1–2. Every
 * accepted share passed the guard's checks, so the result is as safe as bisection's; only where
 * it stops short of the bound differs (within about `tol`).
 */

export interface ShareTrial<M> {
  /** The candidate at the share (a fitted mapping). */
  at: M;
  accepted: boolean;
}

export interface ShareSearch<M> {
  /** Builds the candidate at a share and decides it (fit, then the guard's checks). */
  trial(share: number): ShareTrial<M>;
  /** The slack of a candidate at the sample that binds now (≥ 0 inside the guard). */
  slack(at: M): number;
  /** The slack at share 0, where no candidate is built (the head's motion alone). */
  slackAtZero: number;
  /** The rejected candidate at share 1 (the edit as asked). */
  top: M;
  /** Where to look first (a previous edit's share); default: the line's root. */
  start?: number | undefined;
  /** Width of the final bracket. */
  tol: number;
  /** At most this many trials (then the accepted end so far). */
  maxTrials: number;
}

/**
 * The accepted end of the final bracket: its share and candidate (none built when it is 0), and
 * how many trials it took. The next share is the root of a line through two candidates: once a
 * share was accepted, it and the nearest rejected one above it that fails at the binding sample
 * (interpolation); before, the two nearest the bound (a warm start's miss and the edit as asked
 * extrapolate); after three trials in a row on one side, the bracket's midpoint. The search stops
 * when the bracket is `tol` wide, or when a root interpolated over at most 8 × tol lies within
 * tol / 2 above the accepted share.
 */
export function searchShare<M>(s: ShareSearch<M>): { share: number; at?: M; trials: number } {
  let lo: { share: number; at?: M } = { share: 0 };
  let hi = { share: 1, at: s.top };
  const tried: Array<{ share: number; at: M }> = [hi];
  let trials = 0;
  /** Trials in a row on the same side of the bound. */
  let run = 0;
  let last: boolean | undefined;
  let next = s.start !== undefined && s.start > 0 && s.start < 1 ? s.start : undefined;
  while (hi.share - lo.share > s.tol && trials < s.maxTrials) {
    let share = next;
    next = undefined;
    if (share === undefined && run >= 3) {
      // Three trials in a row on one side: the line misleads (the binding sample keeps hopping to
      // a neighbour, or the slack bends), so halve the bracket as bisection would.
      share = (lo.share + hi.share) / 2;
      run = 0;
    }
    if (share === undefined) {
      // The binding sample may have changed since a candidate was tried: every slack is re-read.
      const known = tried.map((t) => ({ share: t.share, slack: s.slack(t.at) })).filter((k) => Number.isFinite(k.slack));
      let line: Array<{ share: number; slack: number } | undefined>;
      if (lo.at !== undefined) {
        const above = known.filter((k) => k.share > lo.share && k.slack < 0).sort((a, b) => a.share - b.share);
        line = [{ share: lo.share, slack: s.slack(lo.at) }, above[0]];
      } else {
        line = [{ share: 0, slack: s.slackAtZero }, ...known].sort((a, b) => Math.abs(a.slack) - Math.abs(b.slack));
      }
      const [a, b] = line;
      const at = a && b && a.slack !== b.slack ? a.share + ((b.share - a.share) * a.slack) / (a.slack - b.slack) : NaN;
      const root = Number.isFinite(at) ? Math.min(Math.max(at, lo.share), hi.share) : (lo.share + hi.share) / 2;
      // Trusted only between near candidates: over a wide bracket the slack's curvature shows.
      if (lo.at !== undefined && b && b.share - lo.share <= 8 * s.tol && root - lo.share <= s.tol / 2) break;
      // Just below the root (a pass lands next to the bound); once an accepted share is there,
      // just above it (a fail closes the bracket).
      share = root - lo.share > s.tol ? root - s.tol / 2 : lo.share + s.tol;
      share = Math.min(Math.max(share, lo.share + s.tol / 2), hi.share - s.tol / 2);
    }
    const t = s.trial(share);
    trials++;
    run = t.accepted === last ? run + 1 : 1;
    last = t.accepted;
    tried.push({ share, at: t.at });
    if (t.accepted) lo = { share, at: t.at };
    else hi = { share, at: t.at };
  }
  return { ...lo, trials };
}
