import { msg } from '../../shared/i18n';
import type { HistoryRow } from '../sql/events';

/** A translator: `t` of server/i18n in pages; French by default (the API, the Atom feeds stay French). */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;
const french: Translate = (key, vars) => key.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars?.[k] ?? ''));

const NUMBER = (d: Record<string, unknown>, t: Translate) => (typeof d.number === 'number' ? t(' n° {{n}}', { n: d.number }) : '');
const COLLECTED_BY = (d: Record<string, unknown>, t: Translate) => {
  const by = d.collectedBy as { name?: unknown; town?: unknown } | undefined;
  return by && typeof by.name === 'string' && typeof by.town === 'string' ? t(' par {{nom}} ({{commune}})', { nom: by.name, commune: by.town }) : '';
};
const REPRESENTATIVE = (d: Record<string, unknown>, t: Translate) => {
  const r = d.representative as { displayName?: unknown } | undefined;
  return typeof r?.displayName === 'string' && r.displayName !== '' ? r.displayName : t('un représentant d’intérêts');
};
const DAY = (d: Record<string, unknown>, t: Translate) => (typeof d.heldOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d.heldOn) ? t(' du {{jour}}', { jour: d.heldOn.split('-').reverse().join('/') }) : '');
const OUTCOMES: Record<string, string> = { adopted: msg('adopté'), rejected: msg('rejeté') };
const COLLEGES_FR: Record<string, string> = { elected: msg('collège des élus'), citizen: msg('collège des citoyens') };
const RULES_FR: Record<string, string> = { simple_majority: msg('majorité simple'), double_majority: msg('double majorité') };
const PHASES: Record<string, string> = { draft: msg('brouillon'), consultation: msg('consultation'), commission: msg('commission'), adopted: msg('adopté') };
const label = (table: Record<string, string>, v: unknown, t: Translate) => (table[String(v)] ? t(table[String(v)]!) : String(v));

/**
 * A sentence for each kind of event (the timeline's text; the data stays structured): French,
 * or in the page's language when a page passes its `t`.
 */
export function eventLabel(type: string, data: Record<string, unknown>, t: Translate = french): string {
  const n = NUMBER(data, t);
  switch (type) {
    case 'bill.created': return t('Projet de loi publié');
    case 'bill.status_changed': return t('Phase : {{de}} → {{vers}}', { de: label(PHASES, data.from, t), vers: label(PHASES, data.to, t) });
    case 'amendment.submitted': return t('Amendement{{n}} déposé', { n });
    case 'amendment.withdrawn': return t('Amendement{{n}} retiré', { n });
    case 'amendment.formalised': return t('Amendement{{n}} mis en forme par le greffe', { n });
    case 'amendment.inadmissible': return t('Amendement{{n}} déclaré irrecevable', { n });
    case 'amendment.taken_over': return t('Amendement{{n}} repris par un autre greffier', { n });
    case 'amendment.response': return t('Réponse du greffe sur l’amendement{{n}}', { n });
    case 'amendment.decided': return t('Amendement{{n}} {{sort}} par la commission', { n, sort: label(OUTCOMES, data.outcome, t) });
    case 'amendment.fallen': return t('Amendement{{n}} tombé', { n });
    case 'amendment.claimed': return t('Amendement{{n}} rejoint le compte de la personne pour qui il avait été recueilli{{par}}', { n, par: COLLECTED_BY(data, t) });
    case 'article.version_added': return t('Nouvelle version de l’article {{numero}}', { numero: String(data.number ?? '') }).trim();
    case 'article.created': return t('Article {{numero}} créé', { numero: String(data.number ?? '') });
    case 'article.deleted': return t('Article {{numero}} supprimé', { numero: String(data.number ?? '') });
    case 'commission.member_appointed': return `${t('Membre de la commission nommé')}${typeof data.displayName === 'string' ? ` : ${data.displayName}` : ''}${COLLEGES_FR[String(data.college)] ? ` (${t(COLLEGES_FR[String(data.college)]!)})` : ''}`;
    case 'commission.member_removed': return t('Membre de la commission retiré');
    case 'commission.rule_set': return `${t('Règle de décision de la commission : {{regle}}', { regle: label(RULES_FR, data.rule, t) })}${typeof data.quorum === 'number' ? t(', quorum de {{n}} votes', { n: data.quorum }) : ''}`;
    case 'amendment.inspiration_marked': return t('Amendement{{n}} signalé par le greffe comme inspiré par {{representant}}', { n, representant: REPRESENTATIVE(data, t) });
    case 'amendment.inspiration_unmarked': return t('Signalement retiré : amendement{{n}} inspiré par {{representant}}', { n, representant: REPRESENTATIVE(data, t) });
    case 'hearing.scheduled': return t('Audition{{jour}} : {{entendu}}', { jour: DAY(data, t), entendu: String(data.heard ?? '') });
    case 'hearing.minutes_published': return t('Compte rendu publié de l’audition{{jour}} : {{entendu}}', { jour: DAY(data, t), entendu: String(data.heard ?? '') });
    case 'hearing.deleted': return t('Audition{{jour}} retirée de l’agenda : {{entendu}}', { jour: DAY(data, t), entendu: String(data.heard ?? '') });
    case 'interest.declared': return t('Déclaration de représentant d’intérêts');
    case 'interest.updated': return t('Déclaration de représentant d’intérêts mise à jour');
    case 'interest.withdrawn': return t('Déclaration de représentant d’intérêts retirée');
    case 'moderation.hide': return t('Contribution masquée par la modération');
    case 'moderation.restore': return t('Contribution rétablie par la modération');
    case 'moderation.keep': return t('Contribution examinée et conservée par la modération');
    case 'moderation.dismiss': return t('Signalements classés sans suite par la modération');
    case 'moderation.uphold': return t('Décision de modération confirmée en appel');
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
