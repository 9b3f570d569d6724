// What the running-work strip says about a long write's progress.
import type { RunningWork } from '../api';
import { formatNumber } from '../format';

export function progressText(work: RunningWork): string {
  const p = work.progress;
  if (!p) return 'starting…';
  const pct = p.total_bytes > 0 ? Math.floor((100 * p.bytes_read) / p.total_bytes) : 0;
  return `${p.phase}: ${formatNumber(p.rows)} rows${p.phase === 'saving' ? '' : ` (${pct}%)`}`;
}
