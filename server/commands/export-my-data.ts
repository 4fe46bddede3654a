import type { Queryable } from '../db/db';
import { unauthenticated } from '../errors';
import { EXPORT_SECTIONS, exportSection, findLiveAccount, type ExportSection } from '../sql/privacy';

/** Version of the export's shape, so that a program reading it can tell. */
export const EXPORT_FORMAT = 'palimpseste-export/1';

export type MyDataExport = {
  format: string;
  exportedAt: string;
  account: { id: string; email: string; displayName: string; kind: string; roles: string[]; createdAt: string };
  /** What each section holds, in French, for the person reading the file. */
  about: Record<ExportSection, string>;
} & Record<ExportSection, Record<string, unknown>[]>;

const ABOUT: Record<ExportSection, string> = {
  amendments: 'Les amendements dont vous êtes autrice ou auteur (brouillons compris).',
  revisions: 'Les révisions d’amendements que vous avez écrites.',
  arguments: 'Vos arguments pour ou contre.',
  annotations: 'Vos annotations sur le texte.',
  replies: 'Vos réponses aux annotations.',
  reports: 'Les contributions que vous avez signalées à la modération, la règle de la charte invoquée et votre commentaire.',
  appeals: 'Vos appels des décisions de modération, et leur issue.',
  notifications: 'Les notifications qui vous ont été adressées.',
  commissionMemberships: 'Les commissions dont vous êtes membre.',
  votes: 'Vos votes (d’accord, mitigé, pas d’accord). Personne d’autre que vous ne peut les voir.',
  commissionVotes: 'Vos votes de membre de commission.',
  officialResponses: 'Les réponses officielles que vous avez publiées en tant que greffier.',
  moderationActions: 'Les décisions de modération que vous avez prises.',
  amendmentsInCharge: 'Les amendements dont vous avez la charge au greffe.',
  invitations: 'Les liens d’invitation à co-écrire que vous avez créés.',
  sessions: 'Vos sessions ouvertes (dates seulement).',
  cosignatures: 'Les amendements que vous avez cosignés.',
  notificationPreferences: 'Quand recevoir chaque type de notification par courriel (les types absents suivent le réglage par défaut : tout de suite).',
  emails: 'Les courriels que la plateforme vous a écrits : type, adresse, objet, état et dates (pas leur contenu, qui pouvait contenir un lien personnel).',
  identities: 'Les identités auxquelles votre compte est relié chez un fournisseur d’identité (OpenID Connect) : le fournisseur et l’identifiant qu’il vous donne, rien d’autre.',
};

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const plain = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

function camelRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), plain(v)]));
}

/**
 * Everything the platform holds about the signed-in person, and only about them: their account
 * (never the password hash), their contributions, and their own votes — which nobody else can see.
 */
export async function exportMyData(db: Queryable, userId: string, now = new Date()): Promise<MyDataExport> {
  const account = await findLiveAccount(db, userId);
  if (!account) throw unauthenticated();
  const sections = await Promise.all(EXPORT_SECTIONS.map(async (s) => [s, (await exportSection(db, s, userId)).map(camelRow)] as const));
  return {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    account: {
      id: account.id, email: account.email, displayName: account.display_name, kind: account.kind, roles: account.roles,
      createdAt: account.created_at.toISOString(),
    },
    about: ABOUT,
    ...(Object.fromEntries(sections) as Record<ExportSection, Record<string, unknown>[]>),
  };
}
