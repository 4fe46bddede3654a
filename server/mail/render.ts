import { DEFAULT_LANG, type Lang } from '../../shared/i18n';
import { NOTIFICATION_KIND_LABELS, type NotificationKind } from '../../shared/notification-kinds';
import { html, type SafeHtml } from '../html';
import { amendmentTitle } from '../../shared/amendment';
import { formatDateTime, runInLang, t, tn } from '../i18n';
import { notificationAbout, type presentNotification } from '../present/notification';

/**
 * Every e-mail Palimpseste sends, as plain text and as simple HTML: the product's name, what
 * happened, one link back, and for notifications how to stop them. Pure functions: what goes in
 * is all that comes out (the worker and the tests call them alike).
 *
 * In `lang`, French unless told. A message the recipient's own request asks for is in that
 * request's language (server/commands/account-mail.ts); notifications, digests, moderation notices
 * and sortition invitations — sent by the worker or on someone else's action — are in the account's
 * language (`users.lang`, migration 035: the one it last chose with the language switch, or signed
 * up in; French when it never chose).
 */
export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

const PRODUCT = 'Palimpseste';

/** Renders in `lang`: `t()` and the date formats read it (server/i18n). */
const inLang = <T>(lang: Lang | undefined, fn: () => T): T => runInLang({ lang: lang ?? DEFAULT_LANG, url: '/' }, fn);
/** « Palimpseste — … », the subject of every message. */
const subjectOf = (what: string) => `${PRODUCT} — ${what}`;

interface Block {
  /** Paragraphs, plain text (escaped in the HTML version). */
  paragraphs: readonly string[];
  action?: { label: string; url: string };
  /** After the action: expiry, what to do if one did not ask. */
  after?: readonly string[];
}

function compose(subject: string, greeting: string, blocks: readonly Block[], footer: { base: string; unsubscribe?: { url: string; what: string } }, lang: Lang = DEFAULT_LANG): Rendered {
  const text: string[] = [greeting, ''];
  const parts: SafeHtml[] = [];
  for (const b of blocks) {
    for (const p of b.paragraphs) text.push(p, '');
    if (b.action) text.push(t('{{action}} :', { action: b.action.label }), b.action.url, '');
    for (const p of b.after ?? []) text.push(p, '');
    parts.push(html`${b.paragraphs.map((p) => html`<p style="margin:0 0 1em">${p}</p>`)}
      ${b.action ? html`<p style="margin:1.5em 0"><a href="${b.action.url}" style="background:#1d3d8f;color:#fff;padding:.6em 1.2em;border-radius:4px;text-decoration:none;display:inline-block">${b.action.label}</a></p>
      <p style="margin:0 0 1em;font-size:.9em;color:#555">${t('Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :')}<br><span style="word-break:break-all">${b.action.url}</span></p>` : ''}
      ${(b.after ?? []).map((p) => html`<p style="margin:0 0 1em;color:#555">${p}</p>`)}`);
  }
  const motto = t('la loi s’écrit en public');
  text.push('—', `${PRODUCT} · ${motto}`, footer.base);
  if (footer.unsubscribe) text.push('', t('{{action}} : {{url}}', { action: footer.unsubscribe.what, url: footer.unsubscribe.url }), t('Vos préférences : {{url}}', { url: `${footer.base}/compte#courriels` }));
  const body = html`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="margin:0;padding:0;background:#f4f4f1">
<div style="max-width:36em;margin:0 auto;padding:1.5em;font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a;background:#fff">
<p style="margin:0 0 1.5em;font-weight:bold;font-size:1.1em"><a href="${footer.base}" style="color:#1d3d8f;text-decoration:none">${PRODUCT}</a></p>
<p style="margin:0 0 1em">${greeting}</p>
${parts}
<hr style="border:0;border-top:1px solid #ddd;margin:2em 0 1em">
<p style="margin:0;font-size:.85em;color:#555">${PRODUCT} · ${motto} · <a href="${footer.base}" style="color:#555">${footer.base.replace(/^https?:\/\//, '')}</a></p>
${footer.unsubscribe ? html`<p style="margin:.5em 0 0;font-size:.85em;color:#555"><a href="${footer.unsubscribe.url}" style="color:#555">${footer.unsubscribe.what}</a> · <a href="${footer.base}/compte#courriels" style="color:#555">${t('vos préférences')}</a></p>` : ''}
</div></body></html>`;
  return { subject, text: text.join('\n'), html: body.value };
}

const hello = (name: string) => t('Bonjour {{nom}},', { nom: name });

/*
 * The two messages sent to an address nobody has confirmed yet greet nobody by name: the name was
 * typed by whoever gave the address, and must not let them put words in our mail to someone else.
 */
export function verifyEmailMessage(p: { base: string; url: string; lang?: Lang }): Rendered {
  return inLang(p.lang, () => compose(subjectOf(t('confirmez votre adresse électronique')), t('Bonjour,'), [{
    paragraphs: [t('Pour confirmer que cette adresse est bien la vôtre, et pouvoir voter et déposer des amendements, suivez ce lien.')],
    action: { label: t('Confirmer mon adresse'), url: p.url },
    after: [t('Le lien est valable 48 heures et ne sert qu’une fois.'), t('Si vous n’avez pas créé de compte sur Palimpseste, ignorez ce message : sans confirmation, rien ne vous sera plus envoyé.')],
  }], { base: p.base }, p.lang));
}

export function passwordResetMessage(p: { base: string; displayName: string; url: string; lang?: Lang }): Rendered {
  return inLang(p.lang, () => compose(subjectOf(t('choisir un nouveau mot de passe')), hello(p.displayName), [{
    paragraphs: [t('Quelqu’un (vous, sans doute) a demandé à choisir un nouveau mot de passe pour votre compte.')],
    action: { label: t('Choisir un nouveau mot de passe'), url: p.url },
    after: [t('Le lien est valable une heure et ne sert qu’une fois ; vos autres sessions seront fermées.'), t('Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.')],
  }], { base: p.base }, p.lang));
}

export function emailChangeMessage(p: { base: string; url: string; email: string; lang?: Lang }): Rendered {
  return inLang(p.lang, () => compose(subjectOf(t('confirmez votre nouvelle adresse')), t('Bonjour,'), [{
    paragraphs: [t('Vous avez demandé que votre compte Palimpseste utilise désormais l’adresse {{adresse}}. Confirmez-le en suivant ce lien.', { adresse: p.email })],
    action: { label: t('Confirmer ma nouvelle adresse'), url: p.url },
    after: [t('Le lien est valable 48 heures et ne sert qu’une fois. Tant qu’il n’est pas suivi, votre ancienne adresse reste celle du compte.'), t('Si vous n’avez rien demandé, ignorez ce message.')],
  }], { base: p.base }, p.lang));
}

export function emailChangedNotice(p: { base: string; displayName: string; newEmail: string; lang?: Lang }): Rendered {
  return inLang(p.lang, () => compose(subjectOf(t('l’adresse de votre compte va changer')), hello(p.displayName), [{
    paragraphs: [t('Une demande de changement d’adresse électronique a été faite pour votre compte : la nouvelle adresse serait {{adresse}}. Elle ne prendra effet que confirmée depuis cette nouvelle adresse.', { adresse: maskEmail(p.newEmail) }),
      t('Si ce n’est pas vous, changez votre mot de passe dès maintenant.')],
    action: { label: t('Mon compte'), url: `${p.base}/compte` },
  }], { base: p.base }, p.lang));
}

export function passwordChangedNotice(p: { base: string; displayName: string; how: 'changed' | 'reset'; lang?: Lang }): Rendered {
  return inLang(p.lang, () => compose(subjectOf(t('votre mot de passe a changé')), hello(p.displayName), [{
    paragraphs: [p.how === 'reset' ? t('Le mot de passe de votre compte vient d’être remplacé grâce au lien « mot de passe oublié » ; toutes vos sessions ont été fermées.') : t('Le mot de passe de votre compte vient d’être changé ; vos autres sessions ont été fermées.'),
      t('Si ce n’est pas vous, demandez tout de suite un nouveau mot de passe.')],
    action: { label: t('Mot de passe oublié'), url: `${p.base}/mot-de-passe-oublie` },
  }], { base: p.base }, p.lang));
}

/** A masked address (« j•••@exemple.fr ») for a notice sent to the old one. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

type Notification = ReturnType<typeof presentNotification>;

const notificationLine = (n: Notification): string => `${n.message} (${notificationAbout(n)})`;

export function notificationMessage(p: { base: string; displayName: string; n: Notification; unsubscribeUrl: string; lang?: Lang }): Rendered {
  return inLang(p.lang, () => {
    const kind = t(NOTIFICATION_KIND_LABELS[p.n.type as NotificationKind].label);
    return compose(subjectOf(t('{{type}} : {{sujet}}', { type: kind, sujet: p.n.amendment ? amendmentTitle(p.n.amendment.displayNumber) : p.n.bill.title })).slice(0, 200), hello(p.displayName), [{
      paragraphs: [notificationLine(p.n)],
      action: { label: t('Voir sur Palimpseste'), url: `${p.base}${p.n.url}` },
    }], { base: p.base, unsubscribe: { url: p.unsubscribeUrl, what: t('Ne plus recevoir les courriels « {{type}} »', { type: kind }) } }, p.lang);
  });
}

export function digestMessage(p: { base: string; displayName: string; items: readonly Notification[]; unsubscribeUrl: string; lang?: Lang }): Rendered {
  return inLang(p.lang, () => {
    const count = p.items.length;
    return compose(subjectOf(tn('{{count}} nouvelle notification', '{{count}} nouvelles notifications', count)), hello(p.displayName), [
      { paragraphs: [t('Voici ce qui s’est passé depuis votre dernier résumé ({{nombre}}) :', { nombre: count })] },
      ...p.items.map((n) => ({ paragraphs: [`• ${t(NOTIFICATION_KIND_LABELS[n.type as NotificationKind].label)} — ${notificationLine(n)}`], action: { label: t('Voir'), url: `${p.base}${n.url}` } })),
    ], { base: p.base, unsubscribe: { url: p.unsubscribeUrl, what: t('Ne plus recevoir de notifications par courriel') } }, p.lang);
  });
}

/** To a volunteer drawn by lot (or drawn to replace someone who declined): accept or decline. */
export function sortitionDrawnMessage(p: { base: string; displayName: string; billTitle: string; url: string; replacement: boolean; lang?: Lang }): Rendered {
  return inLang(p.lang, () => compose(subjectOf(t('vous avez été tiré au sort')), hello(p.displayName), [{
    paragraphs: [
      p.replacement
        ? t('Une personne tirée au sort pour le collège citoyen de la commission du texte « {{titre}} » a décliné : la règle de remplacement publiée vous a désigné à sa place.', { titre: p.billTitle })
        : t('Vous vous étiez porté volontaire : le tirage au sort public du collège citoyen de la commission du texte « {{titre}} » vous a désigné.', { titre: p.billTitle }),
      t('Acceptez-vous de siéger ? Si vous déclinez, une autre personne sera tirée au sort à votre place, selon la règle publiée.'),
    ],
    action: { label: t('Répondre'), url: p.url },
    after: [t('Le tirage, ses données et le moyen de le refaire vous-même sont publiés sur la même page.')],
  }], { base: p.base }, p.lang));
}

/** What the moderation decided about an account, told to its holder. */
export type AccountModerationNotice =
  | { what: 'suspended'; until: Date | null; reason: string; rule: string | null }
  | { what: 'lifted'; reason: string }
  | { what: 'upheld' | 'overturned'; reason: string };

/**
 * A suspension (with its reason, its end and how to appeal), its lifting, or the outcome of its
 * appeal. The link leads to the decision's public page, where the appeal is made.
 */
export function accountModerationMessage(p: { base: string; displayName: string; notice: AccountModerationNotice; decisionUrl: string; lang?: Lang }): Rendered {
  return inLang(p.lang, () => {
    const n = p.notice;
    const subject = n.what === 'suspended' ? t('votre compte est suspendu')
      : n.what === 'lifted' ? t('la suspension de votre compte est levée')
        : n.what === 'upheld' ? t('votre appel : la suspension est confirmée') : t('votre appel : la suspension est levée');
    const paragraphs = n.what === 'suspended'
      ? [n.until ? t('La modération a suspendu votre compte jusqu’au {{date}} (heure de Paris).', { date: formatDateTime(n.until) }) : t('La modération a suspendu votre compte définitivement.'),
        n.rule ? t('Raison : {{raison}} (règle de la charte « {{regle}} »).', { raison: n.reason, regle: n.rule }) : t('Raison : {{raison}}.', { raison: n.reason }),
        t('Pendant la suspension, vous pouvez lire et gérer votre compte, mais plus écrire, voter ni signaler.'),
        t('Vous pouvez faire appel de cette décision, une fois, depuis la page de la décision : un autre modérateur la réexaminera.')]
      : n.what === 'lifted'
        ? [t('La modération a levé la suspension de votre compte : vous pouvez de nouveau participer. Raison : {{raison}}.', { raison: n.reason })]
        : n.what === 'upheld'
          ? [t('Votre appel a été examiné par un autre modérateur : la suspension de votre compte est confirmée. Raison : {{raison}}.', { raison: n.reason })]
          : [t('Votre appel a été accepté par un autre modérateur : la suspension de votre compte est levée. Raison : {{raison}}.', { raison: n.reason })];
    return compose(subjectOf(subject), hello(p.displayName), [{
      paragraphs,
      action: { label: n.what === 'suspended' ? t('Voir la décision et faire appel') : t('Voir la décision'), url: p.decisionUrl },
    }], { base: p.base }, p.lang);
  });
}
