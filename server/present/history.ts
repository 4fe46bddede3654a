import type { HistoryRow } from '../sql/events';

const NUMBER = (d: Record<string, unknown>) => (typeof d.number === 'number' ? ` n° ${d.number}` : '');
const COLLECTED_BY = (d: Record<string, unknown>) => {
  const by = d.collectedBy as { name?: unknown; town?: unknown } | undefined;
  return by && typeof by.name === 'string' && typeof by.town === 'string' ? ` par ${by.name} (${by.town})` : '';
};
const REPRESENTATIVE = (d: Record<string, unknown>) => {
  const r = d.representative as { displayName?: unknown } | undefined;
  return typeof r?.displayName === 'string' && r.displayName !== '' ? r.displayName : 'un représentant d’intérêts';
};
const DAY = (d: Record<string, unknown>) => (typeof d.heldOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d.heldOn) ? ` du ${d.heldOn.split('-').reverse().join('/')}` : '');
const OUTCOMES: Record<string, string> = { adopted: 'adopté', rejected: 'rejeté' };
const COLLEGES_FR: Record<string, string> = { elected: 'collège des élus', citizen: 'collège des citoyens' };
const RULES_FR: Record<string, string> = { simple_majority: 'majorité simple', double_majority: 'double majorité' };
const PHASES: Record<string, string> = { draft: 'brouillon', consultation: 'consultation', commission: 'commission', adopted: 'adopté' };

/** A sentence in French for each kind of event (the timeline's text; the data stays structured). */
export function eventLabel(type: string, data: Record<string, unknown>): string {
  switch (type) {
    case 'bill.created': return 'Projet de loi publié';
    case 'bill.status_changed': return `Phase : ${PHASES[String(data.from)] ?? String(data.from)} → ${PHASES[String(data.to)] ?? String(data.to)}`;
    case 'amendment.submitted': return `Amendement${NUMBER(data)} déposé`;
    case 'amendment.withdrawn': return `Amendement${NUMBER(data)} retiré`;
    case 'amendment.formalised': return `Amendement${NUMBER(data)} mis en forme par le greffe`;
    case 'amendment.inadmissible': return `Amendement${NUMBER(data)} déclaré irrecevable`;
    case 'amendment.taken_over': return `Amendement${NUMBER(data)} repris par un autre greffier`;
    case 'amendment.response': return `Réponse du greffe sur l’amendement${NUMBER(data)}`;
    case 'amendment.decided': return `Amendement${NUMBER(data)} ${OUTCOMES[String(data.outcome)] ?? String(data.outcome)} par la commission`;
    case 'amendment.fallen': return `Amendement${NUMBER(data)} tombé`;
    case 'amendment.claimed': return `Amendement${NUMBER(data)} rejoint le compte de la personne pour qui il avait été recueilli${COLLECTED_BY(data)}`;
    case 'article.version_added': return `Nouvelle version de l’article ${String(data.number ?? '')}`.trim();
    case 'article.created': return `Article ${String(data.number ?? '')} créé`;
    case 'article.deleted': return `Article ${String(data.number ?? '')} supprimé`;
    case 'commission.member_appointed': return `Membre de la commission nommé${typeof data.displayName === 'string' ? ` : ${data.displayName}` : ''}${COLLEGES_FR[String(data.college)] ? ` (${COLLEGES_FR[String(data.college)]})` : ''}`;
    case 'commission.member_removed': return 'Membre de la commission retiré';
    case 'commission.rule_set': return `Règle de décision de la commission : ${RULES_FR[String(data.rule)] ?? String(data.rule)}${typeof data.quorum === 'number' ? `, quorum de ${data.quorum} votes` : ''}`;
    case 'amendment.inspiration_marked': return `Amendement${NUMBER(data)} signalé par le greffe comme inspiré par ${REPRESENTATIVE(data)}`;
    case 'amendment.inspiration_unmarked': return `Signalement retiré : amendement${NUMBER(data)} inspiré par ${REPRESENTATIVE(data)}`;
    case 'hearing.scheduled': return `Audition${DAY(data)} : ${String(data.heard ?? '')}`;
    case 'hearing.minutes_published': return `Compte rendu publié de l’audition${DAY(data)} : ${String(data.heard ?? '')}`;
    case 'hearing.deleted': return `Audition${DAY(data)} retirée de l’agenda : ${String(data.heard ?? '')}`;
    case 'interest.declared': return 'Déclaration de représentant d’intérêts';
    case 'interest.updated': return 'Déclaration de représentant d’intérêts mise à jour';
    case 'interest.withdrawn': return 'Déclaration de représentant d’intérêts retirée';
    case 'moderation.hide': return 'Contribution masquée par la modération';
    case 'moderation.restore': return 'Contribution rétablie par la modération';
    case 'moderation.keep': return 'Contribution examinée et conservée par la modération';
    case 'moderation.dismiss': return 'Signalements classés sans suite par la modération';
    case 'moderation.uphold': return 'Décision de modération confirmée en appel';
    default: return type;
  }
}

export function presentEvent(e: HistoryRow) {
  return {
    id: String(e.id),
    at: e.at.toISOString(),
    type: e.type,
    label: eventLabel(e.type, e.data),
    actor: e.actor_id ? { id: e.actor_id, displayName: e.actor_name ?? '', kind: e.actor_kind } : null,
    subject: { type: e.subject_type, id: e.subject_id },
    data: e.data,
  };
}

export type PresentedEvent = ReturnType<typeof presentEvent>;
