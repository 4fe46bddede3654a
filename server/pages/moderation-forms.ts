import express, { type Request, type Router } from 'express';
import { parisLocalIso } from '../../shared/paris-time';
import type { ModerationDeps } from '../commands/moderation-mail';
import { appealOp, bulkModerateOp, decideAppealOp, liftOp, suspendOp } from '../operations/moderation';
import type { OpDeps } from '../operations/operation';
import { findAppeal } from '../sql/moderation-appeals';
import { putFlash } from './flash';
import { formOperation } from './form-operation';
import { formBody, formFields, safeNext } from './page-kit';
import { t, tn } from '../i18n';

/**
 * The moderators' and authors' forms: the queue's bulk action, an appeal and its decision, a
 * suspension and its lifting. Each is the HTML adapter of its operation (server/operations/
 * moderation.ts); successes say what was done, refusals go back to the form's page (post → redirect
 * → get, docs/forms.md): the message beside the form that failed, what was typed kept.
 */
const withFlash = (path: string, text: string) => `${path}${path.includes('?') ? '&' : '?'}fait=${putFlash(text)}`;

/** The checked items of the queue (`item-<n>` = `<type>:<id>`), as the operation's list. */
export function checkedItems(fields: Record<string, string>): { subjectType: string; subjectId: string }[] {
  return Object.entries(fields).filter(([k]) => /^item-\d{1,4}$/.test(k)).map(([, v]) => {
    const [subjectType = '', subjectId = ''] = v.split(':');
    return { subjectType, subjectId };
  });
}

export function moderationForms(deps: OpDeps, mod: ModerationDeps): Router {
  const r = express.Router();
  const form = formBody('100kb');
  const queue = (req: Request) => safeNext(formFields(req).suite, '/moderation/signalements');
  const decision = (req: Request) => `/moderation/decisions/${encodeURIComponent(String(req.params.id))}`;
  const account = (req: Request) => `/moderation/comptes/${encodeURIComponent(String(req.params.userId))}`;

  r.post('/moderation/lot', form, formOperation(deps, bulkModerateOp, {
    signIn: () => '/moderation/signalements',
    params: () => ({}),
    // `mesure`, not `action`: a control named « action » would hide the form's own `action` from scripts
    body: (f) => ({ action: f.mesure, items: checkedItems(f), ...(f.rule ? { rule: f.rule } : {}), ...(f.reason ? { reason: f.reason } : {}) }),
    fields: { action: 'mesure', rule: 'rule', reason: 'reason' },
    // a refusal: back to the queue as it was (filters, page), the boxes ticked and the decision kept
    formPage: queue, formName: () => 'lot',
    done: (req, res, results) => {
      const done = results.filter((x) => x.outcome === 'done').length;
      const skipped = results.length - done;
      res.redirect(303, withFlash(queue(req), `${tn('{{count}} élément traité', '{{count}} éléments traités', done)}${skipped ? `, ${tn('{{count}} ignoré (déjà traité ou introuvable)', '{{count}} ignorés (déjà traités ou introuvables)', skipped)}` : ''}.`));
    },
  }));

  r.post('/moderation/decisions/:id/appel', form, formOperation(deps, appealOp, {
    signIn: decision,
    body: (f) => ({ body: f.body }), fields: { body: 'body' },
    formPage: decision, formName: () => 'appel',
    done: (req, res) => res.redirect(303, withFlash(decision(req), t('Votre appel est enregistré : un autre modérateur le tranchera.'))),
  }));

  // after the decision, back to the decision appealed (its page shows the outcome)
  const appealed = async (req: Request) => {
    const appeal = /^\d{1,18}$/.test(String(req.params.id)) ? await findAppeal(deps.db, String(req.params.id)) : undefined;
    return appeal ? `/moderation/decisions/${appeal.action_id}` : '/moderation/appels';
  };
  r.post('/moderation/appels/:id/decision', form, formOperation(deps, decideAppealOp(mod), {
    signIn: () => '/moderation/appels',
    body: (f) => ({ decision: f.decision, reason: f.reason }), fields: { decision: 'decision', reason: 'reason' },
    formPage: appealed, formName: () => 'trancher',
    done: async (req, res) => res.redirect(303, withFlash(await appealed(req), t('L’appel est tranché.'))),
  }));

  r.post('/moderation/comptes/:userId/suspendre', form, formOperation(deps, suspendOp(mod), {
    signIn: account,
    // a date field: the suspension lasts through that day (Paris)
    body: (f) => ({
      until: f.duree === 'permanente' ? null : f.jusqua ? parisLocalIso(f.jusqua) : undefined,
      ...(f.rule ? { rule: f.rule } : {}), reason: f.reason,
    }),
    fields: { until: 'jusqua', rule: 'rule', reason: 'reason' },
    formPage: account, formName: () => 'suspendre',
    done: (req, res) => res.redirect(303, withFlash(account(req), t('Le compte est suspendu.'))),
  }));

  r.post('/moderation/comptes/:userId/lever', form, formOperation(deps, liftOp(mod), {
    signIn: account,
    body: (f) => ({ reason: f.reason }), fields: { reason: 'reason' },
    formPage: account, formName: () => 'lever',
    done: (req, res) => res.redirect(303, withFlash(account(req), t('La suspension est levée.'))),
  }));
  return r;
}
