import express, { type Request, type Response, type Router } from 'express';
import { parisLocalIso } from '../../shared/paris-time';
import type { ModerationDeps } from '../commands/moderation-mail';
import type { AppError } from '../http/errors';
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
 * moderation.ts); refusals come back to the page as a message, successes say what was done.
 */
const withFlash = (path: string, key: 'erreur' | 'fait', text: string) => `${path}${path.includes('?') ? '&' : '?'}${key}=${putFlash(text)}`;
const back = (path: (req: Request) => string) => (req: Request, res: Response, err: AppError) => {
  res.redirect(303, withFlash(path(req), 'erreur', err.message));
  return true;
};

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
    done: (req, res, results) => {
      const done = results.filter((x) => x.outcome === 'done').length;
      const skipped = results.length - done;
      res.redirect(303, withFlash(queue(req), 'fait', `${tn('{{count}} élément traité', '{{count}} éléments traités', done)}${skipped ? `, ${tn('{{count}} ignoré (déjà traité ou introuvable)', '{{count}} ignorés (déjà traités ou introuvables)', skipped)}` : ''}.`));
    },
    refused: back(queue),
  }));

  r.post('/moderation/decisions/:id/appel', form, formOperation(deps, appealOp, {
    signIn: decision,
    body: (f) => ({ body: f.body }),
    done: (req, res) => res.redirect(303, withFlash(decision(req), 'fait', t('Votre appel est enregistré : un autre modérateur le tranchera.'))),
    refused: back(decision),
  }));

  // after the decision, back to the decision appealed (its page shows the outcome)
  const appealed = async (req: Request) => {
    const appeal = /^\d{1,18}$/.test(String(req.params.id)) ? await findAppeal(deps.db, String(req.params.id)) : undefined;
    return appeal ? `/moderation/decisions/${appeal.action_id}` : '/moderation/appels';
  };
  r.post('/moderation/appels/:id/decision', form, formOperation(deps, decideAppealOp(mod), {
    signIn: () => '/moderation/appels',
    body: (f) => ({ decision: f.decision, reason: f.reason }),
    done: async (req, res) => res.redirect(303, withFlash(await appealed(req), 'fait', t('L’appel est tranché.'))),
    refused: async (req, res, err) => {
      res.redirect(303, withFlash(await appealed(req), 'erreur', err.message));
      return true;
    },
  }));

  r.post('/moderation/comptes/:userId/suspendre', form, formOperation(deps, suspendOp(mod), {
    signIn: account,
    // a date field: the suspension lasts through that day (Paris)
    body: (f) => ({
      until: f.duree === 'permanente' ? null : f.jusqua ? parisLocalIso(f.jusqua) : undefined,
      ...(f.rule ? { rule: f.rule } : {}), reason: f.reason,
    }),
    done: (req, res) => res.redirect(303, withFlash(account(req), 'fait', 'Le compte est suspendu.')),
    refused: back(account),
  }));

  r.post('/moderation/comptes/:userId/lever', form, formOperation(deps, liftOp(mod), {
    signIn: account,
    body: (f) => ({ reason: f.reason }),
    done: (req, res) => res.redirect(303, withFlash(account(req), 'fait', t('La suspension est levée.'))),
    refused: back(account),
  }));
  return r;
}
