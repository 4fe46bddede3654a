import { provenanceLabel, type Provenance } from '../../shared/assisted';
import type { ProvenanceJson } from '../sql/assisted';

export type ProvenanceView = Provenance & { label: string };

/** Where a contribution came from, as the API and the pages show it; null: its author wrote it. */
export function presentProvenance(p: ProvenanceJson | null | undefined): ProvenanceView | null {
  if (!p) return null;
  const mediator = { name: p.mediatorName, town: p.mediatorTown };
  const base: Provenance = p.kind === 'workshop'
    ? { kind: 'workshop', place: p.place ?? '', date: p.date ?? '', participants: p.participants ?? 0, mediator, claimed: p.claimed }
    : { kind: 'person', displayName: p.personName ?? '', mediator, claimed: p.claimed };
  return { ...base, label: provenanceLabel(base) };
}
