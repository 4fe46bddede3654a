import type { Response } from 'express';
import { ASSISTED_LIMITS as L, type Provenance } from '../../shared/assisted';
import { html, type SafeHtml } from '../html';
import type { AppError } from '../http/errors';
import type { Filed } from '../operations/on-behalf';
import type { UserRow } from '../sql/users';
import { putFlash } from './flash';
import { t } from '../i18n';
import { tMessage } from '../i18n/message';
import { fill, msg } from '../../shared/i18n';

/**
 * The form side of `onBehalfOf` (operations/on-behalf.ts), one place for the three forms that file
 * a contribution (amendment, argument, annotation): the fieldset a mediator sees, the fields read
 * back as the operation's body field, and the page that shows the claim code once.
 */

export const isMediator = (user: UserRow | null): boolean => user?.roles.includes('mediator') ?? false;

/** Operation body field → form field, for the error shown beside the fieldset. */
export const ON_BEHALF_FIELDS = { onBehalfOf: 'pour' } as const;

/** The form's fields as `onBehalfOf` (unvalidated: the operation's schema checks it). */
export function onBehalfFromForm(f: Record<string, string>): unknown {
  if (f.pour === 'personne') return { kind: 'person', displayName: f.personne_nom ?? '', consent: f.personne_consentement === 'on' };
  if (f.pour === 'atelier') {
    const n = (f.atelier_participants ?? '').trim();
    return { kind: 'workshop', place: f.atelier_lieu ?? '', date: f.atelier_date ?? '', participants: n === '' ? undefined : Number(n) };
  }
  return undefined;
}

/**
 * « Pour qui contribuez-vous ? »: for the mediator only. `prefix` keeps ids apart when two forms
 * share a page; `values` and `error` give a refused form back as it was typed.
 */
export function onBehalfFieldset(user: UserRow | null, prefix: string, values: Record<string, string> = {}, error?: string): SafeHtml {
  if (!isMediator(user)) return html``;
  const id = (name: string) => `${prefix}-${name}`;
  const pour = values.pour === 'personne' || values.pour === 'atelier' ? values.pour : 'moi';
  const choice = (value: string, label: string) => html`<div><input type="radio" id="${id(`pour-${value}`)}" name="pour" value="${value}"${pour === value ? html` checked` : ''}>
    <label for="${id(`pour-${value}`)}">${label}</label></div>`;
  return html`<fieldset class="on-behalf"${error ? html` aria-describedby="${id('pour-error')}"` : ''}><legend>${t('Pour qui contribuez-vous ?')}</legend>
    <p class="hint">${t('Structure de médiation : vous pouvez déposer pour une personne (avec son accord) ou pour un atelier. Jamais de vote en son nom.')}</p>
    ${error ? html`<p class="field-error" id="${id('pour-error')}">${tMessage(error)}</p>` : ''}
    ${choice('moi', t('En mon nom'))}${choice('personne', t('Pour une personne accompagnée'))}${choice('atelier', t('Pour un atelier'))}
    <fieldset class="on-behalf-person"><legend>${t('Personne accompagnée')}</legend>
    <div class="field"><label for="${id('personne-nom')}">${t('Nom affiché de la personne (nom ou pseudonyme)')}</label>
      <input id="${id('personne-nom')}" name="personne_nom" maxlength="${L.personName}" value="${values.personne_nom ?? ''}"></div>
    <div class="field checkbox"><input type="checkbox" id="${id('consentement')}" name="personne_consentement"${values.personne_consentement === 'on' ? html` checked` : ''}>
      <label for="${id('consentement')}">${t('La personne a donné son accord pour que cette contribution soit publiée en son nom')}</label></div>
    </fieldset>
    <fieldset class="on-behalf-workshop"><legend>${t('Atelier')}</legend>
    <div class="field"><label for="${id('atelier-lieu')}">${t('Lieu de l’atelier')}</label>
      <input id="${id('atelier-lieu')}" name="atelier_lieu" maxlength="${L.place}" value="${values.atelier_lieu ?? ''}"></div>
    <div class="field"><label for="${id('atelier-date')}">${t('Date de l’atelier')}</label>
      <input id="${id('atelier-date')}" name="atelier_date" type="date" value="${values.atelier_date ?? ''}"></div>
    <div class="field"><label for="${id('atelier-participants')}">${t('Nombre de participants')}</label>
      <input id="${id('atelier-participants')}" name="atelier_participants" type="number" inputmode="numeric" min="${L.minParticipants}" max="${L.maxParticipants}" value="${values.atelier_participants ?? ''}"></div>
    </fieldset>
  </fieldset>`;
}

/**
 * The sentence shown beside the fieldset for a refused `onBehalfOf` (the consent has its own), in
 * French like every refusal a form keeps: the page says it in its language (`tMessage`).
 */
export function onBehalfError(err: AppError): string {
  const details = Array.isArray(err.details) ? (err.details as { path?: unknown; message?: unknown }[]) : [];
  const mine = details.filter((d) => typeof d.path === 'string' && d.path.startsWith('onBehalfOf'));
  if (mine.some((d) => d.path === 'onBehalfOf.consent')) return msg('Cochez la case de consentement : la personne doit avoir donné son accord.');
  const first = mine[0];
  // whole sentences, one per field, the field's error in {{raison}} (said in English where the catalogue has it)
  const check: Record<string, string> = {
    'onBehalfOf.displayName': msg('Vérifiez le nom affiché de la personne : {{raison}}'), 'onBehalfOf.place': msg('Vérifiez le lieu de l’atelier : {{raison}}'),
    'onBehalfOf.date': msg('Vérifiez la date de l’atelier : {{raison}}'), 'onBehalfOf.participants': msg('Vérifiez le nombre de participants : {{raison}}'),
  };
  const sentence = typeof first?.path === 'string' ? check[first.path] : undefined;
  return sentence ? fill(sentence, { raison: String(first?.message ?? '') }) : fill(msg('Pour qui contribuez-vous : {{raison}}'), { raison: err.message });
}

/** Where a filed contribution's form goes: its page, or first the claim code's page (a person's). */
export function afterFiling(res: Response, filed: Filed, url: string): void {
  if (!filed.claimCode) return res.redirect(303, url);
  // sealed with the mediator's account: nobody else opening the address sees the code
  res.redirect(303, `/mediation/code?c=${putFlash(JSON.stringify({ code: filed.claimCode, url, userId: res.req.user?.id ?? null }))}`);
}

/** « recueilli par … » beside the author of a contribution. */
export function provenanceNote(p: (Provenance & { label: string }) | null): SafeHtml {
  if (!p) return html``;
  return html` · <span class="provenance">${p.label}${p.claimed ? t(' (récupéré par la personne)') : ''}</span>`;
}
