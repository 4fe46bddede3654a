import { msg, SAY_FR, type Say } from './i18n';
import { ruleTitle } from './moderation';

/**
 * The irreversible actions, and what to tell before each: one table read by the server (a
 * confirmation page when a form arrives without `confirme=1`, server/pages/confirm-gate.ts) and
 * by the browser (a dialog before the form leaves, client/src/confirm-dialog.ts). A form needs
 * no marking: its action address says whether it must be confirmed.
 */

export interface Confirmation {
  /** The question, as the page's title and the dialog's heading. */
  title: string;
  /** What will happen, one consequence per line. */
  consequences: string[];
  /** The confirming button's label (the action, said as a verb). */
  confirm: string;
}

/** The form field that says « confirmed » (hidden, added by the page or the dialog). */
export const CONFIRM_FIELD = 'confirme';

const PHASES: Record<string, Confirmation> = {
  consultation: {
    title: msg('Ouvrir la consultation ?'),
    consequences: [
      msg('Le projet de loi devient public : tout le monde peut le lire, y compris sans compte.'),
      msg('Les citoyens peuvent annoter le texte, proposer des amendements, argumenter et voter.'),
      msg('Le texte ne peut plus revenir à l’état de brouillon.'),
    ],
    confirm: msg('Ouvrir la consultation'),
  },
  commission: {
    title: msg('Clore la consultation et réunir la commission ?'),
    consequences: [
      msg('Plus personne ne dépose d’amendement ni ne vote : la consultation est close pour de bon.'),
      msg('Les brouillons d’amendement encore ouverts sont figés (lecture seule) et leurs auteurs en sont avertis.'),
      msg('La commission mixte se réunit : ses membres votent, la présidence décide de chaque amendement.'),
    ],
    confirm: msg('Clore la consultation'),
  },
  adopted: {
    title: msg('Adopter le texte ?'),
    consequences: [
      msg('Le texte réconcilié est figé : chaque article modifié reçoit sa nouvelle version.'),
      msg('Le texte adopté est publié, avec la provenance de chaque mot ; la commission ne décide plus rien.'),
      msg('C’est définitif : aucune phase ne suit l’adoption et rien ne peut être annulé.'),
    ],
    confirm: msg('Adopter définitivement'),
  },
};

const DECISIONS: Record<string, Confirmation> = {
  adopted: { title: msg('Adopter cet amendement ?'), consequences: [msg('La décision est publiée et ne se reprend pas.'), msg('Les amendements que cette adoption rend impossibles tombent, avec la raison.')], confirm: msg('Adopter l’amendement') },
  rejected: { title: msg('Rejeter cet amendement ?'), consequences: [msg('La décision est publiée et ne se reprend pas.')], confirm: msg('Rejeter l’amendement') },
  not_examined: { title: msg('Clore cet amendement comme « non examiné » ?'), consequences: [msg('L’amendement est clos sans vote, avec la raison publique donnée.'), msg('Cette décision ne se reprend pas.')], confirm: msg('Clore sans examen') },
  rule: { title: msg('Décider selon la règle de la commission ?'), consequences: [msg('Le résultat découle des votes des membres à cet instant (règle et quorum du texte).'), msg('La décision est publiée et ne se reprend pas ; les amendements devenus impossibles tombent.')], confirm: msg('Décider') },
};

/** The queue's bulk action (server/pages/moderation-forms.ts): how many items, which action. */
function bulkConfirmation(f: Fields, { t, tn }: Say): Confirmation {
  const n = Object.keys(f).filter((k) => /^item-\d+$/.test(k)).length;
  const publicLog = t('Chaque décision figure dans le journal public de la modération.');
  switch (f.mesure) {
    case 'hide':
      return {
        title: tn('Masquer {{count}} contribution ?', 'Masquer {{count}} contributions ?', n),
        consequences: [
          f.rule
            ? t('Chacune garde sa place avec la mention « masqué par la modération » et la raison publique (règle « {{regle}} »).', { regle: t(ruleTitle(f.rule)) })
            : t('Chacune garde sa place avec la mention « masqué par la modération » et la raison publique.'),
          t('Leurs auteurs sont prévenus, avec la raison et le moyen de faire appel : un autre modérateur réexaminera la décision.'),
          publicLog,
        ],
        confirm: tn('Masquer {{count}} contribution', 'Masquer {{count}} contributions', n),
      };
    case 'keep':
      return {
        title: tn('Conserver {{count}} contribution ?', 'Conserver {{count}} contributions ?', n),
        consequences: [t('Elles restent visibles : elles sont jugées conformes à la charte.'), t('Leurs signalements et signaux sont clos.'), publicLog],
        confirm: tn('Conserver {{count}} contribution', 'Conserver {{count}} contributions', n),
      };
    default:
      return {
        title: tn('Classer sans suite {{count}} contribution ?', 'Classer sans suite {{count}} contributions ?', n),
        consequences: [t('Leurs signalements et signaux sont clos sans jugement sur le contenu, qui reste visible.'), publicLog],
        confirm: t('Classer sans suite'),
      };
  }
}

const ROLE_LABELS: Record<string, string> = { admin: msg('administration'), clerk: msg('greffe'), moderator: msg('modération') };

type Fields = Record<string, string | undefined>;

interface Entry {
  pattern: RegExp;
  describe: (fields: Fields, say: Say) => Confirmation;
  /** False when the form already is its own confirmation page (the account deletion asks for the password). */
  serverPage: boolean;
}

/** A confirmation written with `msg()` (a table), said in the reader's language. */
const said = (c: Confirmation, { t }: Say): Confirmation => ({ title: t(c.title), consequences: c.consequences.map((l) => t(l)), confirm: t(c.confirm) });

const ID = '[^/]+';
const ENTRIES: Entry[] = [
  {
    pattern: new RegExp(`^/textes/${ID}/phase$`), serverPage: true,
    describe: (f, say) => {
      const phase = PHASES[f.statut ?? ''];
      if (phase) return said(phase, say);
      const { t } = say;
      return { title: t('Changer la phase du texte ?'), consequences: [t('Les phases avancent une à une et ne reviennent jamais en arrière.')], confirm: t('Changer de phase') };
    },
  },
  {
    pattern: new RegExp(`^/amendements/${ID}/decision$`), serverPage: true,
    describe: (f, say) => said(DECISIONS[f.decision ?? 'rule'] ?? DECISIONS.rule!, say),
  },
  {
    pattern: new RegExp(`^/amendements/${ID}/irrecevable$`), serverPage: true,
    describe: (_f, { t }) => ({
      title: t('Déclarer cet amendement irrecevable ?'),
      consequences: [t('L’amendement est clos : il n’est plus soumis au vote ni examiné par la commission.'), t('Le motif et la raison sont publiés et envoyés à ses auteurs.'), t('Cette déclaration ne se reprend pas.')],
      confirm: t('Déclarer irrecevable'),
    }),
  },
  {
    pattern: new RegExp(`^/amendements/${ID}/rectifier$`), serverPage: true,
    describe: (_f, { t }) => ({
      title: t('Publier cette version rectifiée ?'),
      consequences: [t('Elle remplace la version actuelle dans la liasse et l’examen de la commission (« rect. »).'), t('L’historique garde toutes les versions ; une version publiée ne se reprend pas.')],
      confirm: t('Publier la version rectifiée'),
    }),
  },
  {
    pattern: new RegExp(`^/amendements/${ID}/sous-amender$`), serverPage: true,
    describe: (_f, { t }) => ({
      title: t('Déposer ce sous-amendement ?'),
      consequences: [t('Il reçoit aussitôt son numéro public (COM-…) et sera examiné juste avant l’amendement.'), t('Adopté, il réécrit l’amendement ; il tombe si l’amendement est rejeté, retiré ou tombe.')],
      confirm: t('Déposer le sous-amendement'),
    }),
  },
  {
    pattern: new RegExp(`^/amendements/${ID}/retirer$`), serverPage: true,
    describe: (_f, { t }) => ({
      title: t('Retirer cet amendement ?'),
      consequences: [t('Il reste visible avec la mention « Retiré », mais n’est plus soumis au vote ni examiné.'), t('Ce choix est définitif.')],
      confirm: t('Retirer l’amendement'),
    }),
  },
  {
    pattern: new RegExp(`^/auditions/${ID}/supprimer$`), serverPage: true,
    describe: (_f, { t }) => ({
      title: t('Retirer cette audition de l’agenda ?'),
      consequences: [t('L’audition et son compte rendu ne seront plus publiés.'), t('L’historique du texte garde qu’elle a été inscrite, puis retirée.'), t('Ce retrait ne se reprend pas : il faudrait inscrire l’audition à nouveau.')],
      confirm: t('Retirer l’audition'),
    }),
  },
  {
    pattern: new RegExp(`^/admin/textes/${ID}/commission/membres/${ID}/retirer$`), serverPage: true,
    describe: (f, { t }) => ({
      title: f.nom ? t('Retirer « {{nom}} » de la commission ?', { nom: f.nom }) : t('Retirer ce membre de la commission ?'),
      consequences: [t('Cette personne ne vote plus ; ses votes déjà exprimés ne comptent plus.'), t('Le retrait est publié dans l’historique du texte.')],
      confirm: t('Retirer de la commission'),
    }),
  },
  {
    pattern: new RegExp(`^/admin/comptes/${ID}/roles$`), serverPage: true,
    describe: (f, { t }) => {
      const roles = Object.keys(ROLE_LABELS).filter((r) => f[`role-${r}`] === 'on').map((r) => t(ROLE_LABELS[r]!));
      return {
        title: f.nom ? t('Changer les rôles de « {{nom}} » ?', { nom: f.nom }) : t('Changer les rôles de ce compte ?'),
        consequences: [
          roles.length ? t('Rôles après le changement : {{roles}}.', { roles: roles.join(', ') }) : t('Après le changement, ce compte n’aura plus aucun rôle : ce sera un compte de participant.'),
          t('Les droits changent aussitôt, y compris dans les documents ouverts en ce moment.'),
        ],
        confirm: t('Changer les rôles'),
      };
    },
  },
  {
    pattern: new RegExp(`^/admin/courriels/${ID}/renvoyer$`), serverPage: true,
    describe: (f, { t }) => ({
      title: t('Renvoyer ce courriel ?'),
      consequences: [
        f.statut === 'uncertain'
          ? t('L’envoi précédent a été interrompu pendant l’échange avec le relais : le message est peut-être déjà arrivé, la personne pourrait le recevoir deux fois.')
          : t('Le message repart tel quel vers la même adresse.'),
        t('Un lien à usage unique qu’il contient ne marche que s’il n’a pas déjà servi ni expiré.'),
      ],
      confirm: t('Renvoyer'),
    }),
  },
  {
    pattern: new RegExp(`^/textes/${ID}/tirage/engagement$`), serverPage: true,
    describe: (_f, { t }) => ({
      title: t('Clore l’appel à volontaires et publier l’engagement ?'),
      consequences: [
        t('Plus personne ne peut se porter volontaire ni changer ses réponses : le vivier est figé et son empreinte publiée.'),
        t('L’empreinte SHA-256 de la graine est publiée : le tirage devra utiliser cette graine-là.'),
        t('La loterie est calculée aussitôt et publiée avant le tirage. Cet engagement ne se reprend pas.'),
      ],
      confirm: t('Clore l’appel et s’engager'),
    }),
  },
  {
    pattern: new RegExp(`^/textes/${ID}/tirage/tirer$`), serverPage: true,
    describe: (_f, { t }) => ({
      title: t('Tirer au sort le collège citoyen ?'),
      consequences: [t('La graine est révélée et le panel tiré, publiés avec tout ce qu’il faut pour refaire le tirage.'), t('Les personnes tirées sont prévenues par courriel.'), t('Un tirage ne se refait pas.')],
      confirm: t('Tirer au sort'),
    }),
  },
  {
    pattern: new RegExp(`^/textes/${ID}/tirage/reponse$`), serverPage: true,
    describe: (f, { t }) => (f.reponse === 'declined'
      ? { title: t('Décliner votre siège ?'), consequences: [t('Une autre personne est tirée à votre place selon la règle publiée.'), t('Vous ne pourrez pas revenir sur ce refus.')], confirm: t('Je décline') }
      : { title: t('Accepter de siéger ?'), consequences: [t('Vous rejoignez le collège citoyen de la commission : votre nom y est public et vous votez sur les amendements.')], confirm: t('J’accepte') }),
  },
  { pattern: /^\/moderation\/lot$/, serverPage: true, describe: bulkConfirmation },
  {
    pattern: new RegExp(`^/moderation/decisions/${ID}/appel$`), serverPage: true,
    describe: (_f, { t }) => ({
      title: t('Envoyer votre appel ?'),
      consequences: [t('Un autre modérateur que celui qui a pris la décision la réexaminera, et vous serez prévenu de sa réponse.'), t('On ne fait appel qu’une fois d’une décision : relisez votre texte.')],
      confirm: t('Envoyer l’appel'),
    }),
  },
  {
    pattern: new RegExp(`^/moderation/appels/${ID}/decision$`), serverPage: true,
    describe: (f, { t }) => (f.decision === 'overturned'
      ? { title: t('Infirmer la décision ?'), consequences: [t('La contribution est rétablie (ou la suspension levée), et son auteur est prévenu.'), t('L’appel est clos : la décision figure dans le journal public.')], confirm: t('Infirmer la décision') }
      : { title: t('Confirmer la décision ?'), consequences: [t('La décision reste en vigueur et son auteur est prévenu.'), t('L’appel est clos : on ne fait appel qu’une fois.')], confirm: t('Confirmer la décision') }),
  },
  {
    pattern: new RegExp(`^/moderation/comptes/${ID}/suspendre$`), serverPage: true,
    describe: (f, { t }) => ({
      title: f.nom ? t('Suspendre « {{nom}} » ?', { nom: f.nom }) : t('Suspendre ce compte ?'),
      consequences: [
        f.duree === 'permanente' ? t('La suspension est définitive, jusqu’à ce qu’un modérateur la lève.') : t('La suspension dure jusqu’au {{date}}.', { date: f.jusqua ?? '…' }),
        t('Le compte peut encore lire et faire appel, mais plus rien écrire ; ses documents ouverts en direct se ferment aussitôt.'),
        t('La suspension et sa raison figurent dans le journal public de la modération.'),
      ],
      confirm: t('Suspendre le compte'),
    }),
  },
  {
    pattern: /^\/compte\/supprimer$/, serverPage: false,
    describe: (_f, { t }) => ({
      title: t('Supprimer définitivement votre compte ?'),
      consequences: [t('Votre nom, votre adresse et votre mot de passe sont effacés ; vos contributions restent, signées « contributeur supprimé ».'), t('Rien ne pourra être rétabli.')],
      confirm: t('Supprimer mon compte'),
    }),
  },
];

/**
 * What to ask before a form posted to `path` with `fields`, or undefined when nothing needs asking,
 * in the language of `say` (French by default: the keys, which a page may still pass to `t()`).
 */
export function confirmationFor(path: string, fields: Fields, where: 'server' | 'browser', say: Say = SAY_FR): Confirmation | undefined {
  const entry = ENTRIES.find((e) => e.pattern.test(path));
  if (!entry || (where === 'server' && !entry.serverPage)) return undefined;
  return entry.describe(fields, say);
}
