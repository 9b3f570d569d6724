// Program choices for completion forms: only programs still offered, labelled so that two
// similarly named courses can be told apart.
import type { Program } from '../api';
import type { Option } from '../components/options';

export function programOptions(programs: readonly Program[]): Option[] {
  return programs
    .filter((p) => !p.retired)
    .map((p) => ({ value: p.program_id, label: `${p.title} — ${p.skill_area}` }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
