import { NOTIFICATION_KIND_LABELS, type NotificationKind } from '../../shared/notification-kinds';
import { html, type SafeHtml } from '../html';
import { amendmentTitle } from '../../shared/amendment';
import { notificationAbout, type presentNotification } from '../present/notification';

/**
 * Every e-mail Palimpseste sends, in French, as plain text and as simple HTML: the product's
 * name, what happened, one link back, and for notifications how to stop them. Pure functions:
 * what goes in is all that comes out (the worker and the tests call them alike).
 */
export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

const PRODUCT = 'Palimpseste';

interface Block {
  /** Paragraphs, plain text (escaped in the HTML version). */
  paragraphs: readonly string[];
  action?: { label: string; url: string };
  /** After the action: expiry, what to do if one did not ask. */
  after?: readonly string[];
}

function compose(subject: string, greeting: string, blocks: readonly Block[], footer: { base: string; unsubscribe?: { url: string; what: string } }): Rendered {
  const text: string[] = [greeting, ''];
  const parts: SafeHtml[] = [];
  for (const b of blocks) {
    for (const p of b.paragraphs) text.push(p, '');
    if (b.action) text.push(`${b.action.label} :`, b.action.url, '');
    for (const p of b.after ?? []) text.push(p, '');
    parts.push(html`${b.paragraphs.map((p) => html`<p style="margin:0 0 1em">${p}</p>`)}
      ${b.action ? html`<p style="margin:1.5em 0"><a href="${b.action.url}" style="background:#1d3d8f;color:#fff;padding:.6em 1.2em;border-radius:4px;text-decoration:none;display:inline-block">${b.action.label}</a></p>
      <p style="margin:0 0 1em;font-size:.9em;color:#555">Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :<br><span style="word-break:break-all">${b.action.url}</span></p>` : ''}
      ${(b.after ?? []).map((p) => html`<p style="margin:0 0 1em;color:#555">${p}</p>`)}`);
  }
  text.push('—', `${PRODUCT} · la loi s’écrit en public`, footer.base);
  if (footer.unsubscribe) text.push('', `${footer.unsubscribe.what} : ${footer.unsubscribe.url}`, `Vos préférences : ${footer.base}/compte#courriels`);
  const body = html`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="margin:0;padding:0;background:#f4f4f1">
<div style="max-width:36em;margin:0 auto;padding:1.5em;font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a;background:#fff">
<p style="margin:0 0 1.5em;font-weight:bold;font-size:1.1em"><a href="${footer.base}" style="color:#1d3d8f;text-decoration:none">${PRODUCT}</a></p>
<p style="margin:0 0 1em">${greeting}</p>
${parts}
<hr style="border:0;border-top:1px solid #ddd;margin:2em 0 1em">
<p style="margin:0;font-size:.85em;color:#555">${PRODUCT} · la loi s’écrit en public · <a href="${footer.base}" style="color:#555">${footer.base.replace(/^https?:\/\//, '')}</a></p>
${footer.unsubscribe ? html`<p style="margin:.5em 0 0;font-size:.85em;color:#555"><a href="${footer.unsubscribe.url}" style="color:#555">${footer.unsubscribe.what}</a> · <a href="${footer.base}/compte#courriels" style="color:#555">vos préférences</a></p>` : ''}
</div></body></html>`;
  return { subject, text: text.join('\n'), html: body.value };
}

const hello = (name: string) => `Bonjour ${name},`;

/*
 * The two messages sent to an address nobody has confirmed yet greet nobody by name: the name was
 * typed by whoever gave the address, and must not let them put words in our mail to someone else.
 */
export function verifyEmailMessage(p: { base: string; url: string }): Rendered {
  return compose(`${PRODUCT} — confirmez votre adresse électronique`, 'Bonjour,', [{
    paragraphs: ['Pour confirmer que cette adresse est bien la vôtre, et pouvoir voter et déposer des amendements, suivez ce lien.'],
    action: { label: 'Confirmer mon adresse', url: p.url },
    after: ['Le lien est valable 48 heures et ne sert qu’une fois.', 'Si vous n’avez pas créé de compte sur Palimpseste, ignorez ce message : sans confirmation, rien ne vous sera plus envoyé.'],
  }], { base: p.base });
}

export function passwordResetMessage(p: { base: string; displayName: string; url: string }): Rendered {
  return compose(`${PRODUCT} — choisir un nouveau mot de passe`, hello(p.displayName), [{
    paragraphs: ['Quelqu’un (vous, sans doute) a demandé à choisir un nouveau mot de passe pour votre compte.'],
    action: { label: 'Choisir un nouveau mot de passe', url: p.url },
    after: ['Le lien est valable une heure et ne sert qu’une fois ; vos autres sessions seront fermées.', 'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.'],
  }], { base: p.base });
}

export function emailChangeMessage(p: { base: string; url: string; email: string }): Rendered {
  return compose(`${PRODUCT} — confirmez votre nouvelle adresse`, 'Bonjour,', [{
    paragraphs: [`Vous avez demandé que votre compte Palimpseste utilise désormais l’adresse ${p.email}. Confirmez-le en suivant ce lien.`],
    action: { label: 'Confirmer ma nouvelle adresse', url: p.url },
    after: ['Le lien est valable 48 heures et ne sert qu’une fois. Tant qu’il n’est pas suivi, votre ancienne adresse reste celle du compte.', 'Si vous n’avez rien demandé, ignorez ce message.'],
  }], { base: p.base });
}

export function emailChangedNotice(p: { base: string; displayName: string; newEmail: string }): Rendered {
  return compose(`${PRODUCT} — l’adresse de votre compte va changer`, hello(p.displayName), [{
    paragraphs: [`Une demande de changement d’adresse électronique a été faite pour votre compte : la nouvelle adresse serait ${maskEmail(p.newEmail)}. Elle ne prendra effet que confirmée depuis cette nouvelle adresse.`,
      'Si ce n’est pas vous, changez votre mot de passe dès maintenant.'],
    action: { label: 'Mon compte', url: `${p.base}/compte` },
  }], { base: p.base });
}

export function passwordChangedNotice(p: { base: string; displayName: string; how: 'changed' | 'reset' }): Rendered {
  return compose(`${PRODUCT} — votre mot de passe a changé`, hello(p.displayName), [{
    paragraphs: [p.how === 'reset' ? 'Le mot de passe de votre compte vient d’être remplacé grâce au lien « mot de passe oublié » ; toutes vos sessions ont été fermées.' : 'Le mot de passe de votre compte vient d’être changé ; vos autres sessions ont été fermées.',
      'Si ce n’est pas vous, demandez tout de suite un nouveau mot de passe.'],
    action: { label: 'Mot de passe oublié', url: `${p.base}/mot-de-passe-oublie` },
  }], { base: p.base });
}

/** A masked address (« j•••@exemple.fr ») for a notice sent to the old one. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

type Notification = ReturnType<typeof presentNotification>;

const notificationLine = (n: Notification): string => `${n.message} (${notificationAbout(n)})`;

export function notificationMessage(p: { base: string; displayName: string; n: Notification; unsubscribeUrl: string }): Rendered {
  const kind = NOTIFICATION_KIND_LABELS[p.n.type as NotificationKind];
  return compose(`${PRODUCT} — ${kind.label} : ${p.n.amendment ? amendmentTitle(p.n.amendment.displayNumber) : p.n.bill.title}`.slice(0, 200), hello(p.displayName), [{
    paragraphs: [notificationLine(p.n)],
    action: { label: 'Voir sur Palimpseste', url: `${p.base}${p.n.url}` },
  }], { base: p.base, unsubscribe: { url: p.unsubscribeUrl, what: `Ne plus recevoir les courriels « ${kind.label} »` } });
}

export function digestMessage(p: { base: string; displayName: string; items: readonly Notification[]; unsubscribeUrl: string }): Rendered {
  const count = p.items.length;
  return compose(`${PRODUCT} — ${count} nouvelle${count > 1 ? 's' : ''} notification${count > 1 ? 's' : ''}`, hello(p.displayName), [
    { paragraphs: [`Voici ce qui s’est passé depuis votre dernier résumé (${count}) :`] },
    ...p.items.map((n) => ({ paragraphs: [`• ${NOTIFICATION_KIND_LABELS[n.type as NotificationKind].label} — ${notificationLine(n)}`], action: { label: 'Voir', url: `${p.base}${n.url}` } })),
  ], { base: p.base, unsubscribe: { url: p.unsubscribeUrl, what: 'Ne plus recevoir de notifications par courriel' } });
}

/** To a volunteer drawn by lot (or drawn to replace someone who declined): accept or decline. */
export function sortitionDrawnMessage(p: { base: string; displayName: string; billTitle: string; url: string; replacement: boolean }): Rendered {
  return compose(`${PRODUCT} — vous avez été tiré au sort`, hello(p.displayName), [{
    paragraphs: [
      p.replacement
        ? `Une personne tirée au sort pour le collège citoyen de la commission du texte « ${p.billTitle} » a décliné : la règle de remplacement publiée vous a désigné à sa place.`
        : `Vous vous étiez porté volontaire : le tirage au sort public du collège citoyen de la commission du texte « ${p.billTitle} » vous a désigné.`,
      'Acceptez-vous de siéger ? Si vous déclinez, une autre personne sera tirée au sort à votre place, selon la règle publiée.',
    ],
    action: { label: 'Répondre', url: p.url },
    after: ['Le tirage, ses données et le moyen de le refaire vous-même sont publiés sur la même page.'],
  }], { base: p.base });
}

const parisDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** What the moderation decided about an account, told to its holder. */
export type AccountModerationNotice =
  | { what: 'suspended'; until: Date | null; reason: string; rule: string | null }
  | { what: 'lifted'; reason: string }
  | { what: 'upheld' | 'overturned'; reason: string };

/**
 * A suspension (with its reason, its end and how to appeal), its lifting, or the outcome of its
 * appeal. The link leads to the decision's public page, where the appeal is made.
 */
export function accountModerationMessage(p: { base: string; displayName: string; notice: AccountModerationNotice; decisionUrl: string }): Rendered {
  const n = p.notice;
  const subject = n.what === 'suspended' ? 'votre compte est suspendu'
    : n.what === 'lifted' ? 'la suspension de votre compte est levée'
      : n.what === 'upheld' ? 'votre appel : la suspension est confirmée' : 'votre appel : la suspension est levée';
  const paragraphs = n.what === 'suspended'
    ? [`La modération a suspendu votre compte ${n.until ? `jusqu’au ${parisDate.format(n.until)} (heure de Paris)` : 'définitivement'}.`,
      `Raison : ${n.reason}${n.rule ? ` (règle de la charte « ${n.rule} »)` : ''}.`,
      'Pendant la suspension, vous pouvez lire et gérer votre compte, mais plus écrire, voter ni signaler.',
      'Vous pouvez faire appel de cette décision, une fois, depuis la page de la décision : un autre modérateur la réexaminera.']
    : n.what === 'lifted'
      ? [`La modération a levé la suspension de votre compte : vous pouvez de nouveau participer. Raison : ${n.reason}.`]
      : n.what === 'upheld'
        ? [`Votre appel a été examiné par un autre modérateur : la suspension de votre compte est confirmée. Raison : ${n.reason}.`]
        : [`Votre appel a été accepté par un autre modérateur : la suspension de votre compte est levée. Raison : ${n.reason}.`];
  return compose(`${PRODUCT} — ${subject}`, hello(p.displayName), [{
    paragraphs,
    action: { label: n.what === 'suspended' ? 'Voir la décision et faire appel' : 'Voir la décision', url: p.decisionUrl },
  }], { base: p.base });
}
