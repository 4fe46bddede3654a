import express, { type Router } from 'express';
import { z } from 'zod';
import { VOTE_VALUES } from '../../shared/votes';
import type { Db } from '../db/db';
import { annotate, replyToAnnotation } from '../commands/annotate';
import { castVote } from '../commands/cast-vote';
import { moderate, reportContribution } from '../commands/moderate';
import { postArgument } from '../commands/post-argument';
import { AppError } from '../http/errors';
import { findArticleVersion } from '../sql/articles';
import { SUBJECT_TYPES } from '../sql/moderation';
import { renderArticlePage } from './article-route';
import { formBody, formFields, page, safeNext } from './page-kit';

/** Which occurrence of `quote` in `text` the form meant: the one at `start` if given, else the first. */
export function locateQuote(text: string, quote: string, start: string | undefined): number {
  const at = Number(start);
  if (start && Number.isInteger(at) && text.startsWith(quote, at)) return at;
  return text.indexOf(quote);
}

function signedIn(req: express.Request): NonNullable<express.Request['user']> {
  if (!req.user) throw new AppError('unauthenticated', 'Connectez-vous pour faire cela.');
  return req.user;
}

/** Form posts for arguments, annotations, reports and moderation; each redirects back (303). */
export function contributionRoutes(db: Db): Router {
  const r = express.Router();
  const form = formBody('100kb');

  r.post('/arguments', form, page(async (req, res) => {
    const f = formFields(req);
    const input = z.object({ targetType: z.enum(['article', 'amendment']), targetId: z.string(), side: z.enum(['for', 'against']), body: z.string().trim().min(3).max(5000) }).safeParse(f);
    if (!input.success) throw new AppError('validation_failed', 'Écrivez un argument d’au moins 3 caractères, pour ou contre.');
    await postArgument(db, { user: signedIn(req), ...input.data });
    res.redirect(303, `${safeNext(f.suite)}#arguments-title`);
  }));

  r.post('/arguments/:id/vote', form, page(async (req, res) => {
    const f = formFields(req);
    const value = z.enum(VOTE_VALUES).safeParse(f.value);
    if (!value.success) throw new AppError('validation_failed', 'Choix de vote inconnu.');
    await castVote(db, { userId: signedIn(req).id, target: { type: 'argument', id: String(req.params.id) }, value: value.data });
    res.redirect(303, `${safeNext(f.suite)}#argument-${encodeURIComponent(String(req.params.id))}`);
  }));

  r.post('/articles/:articleId/annotations', form, page(async (req, res) => {
    const f = formFields(req);
    const articleId = String(req.params.articleId);
    const user = signedIn(req);
    // out-of-range numbers read as no version or alinéa at all (the quote is then not found)
    const int = (v: string | undefined) => (v !== undefined && /^\d{1,9}$/.test(v) ? Number(v) : NaN);
    const version = int(f.version);
    const alinea = int(f.alinea);
    const text = (Number.isInteger(version) ? (await findArticleVersion(db, articleId, version))?.alineas[alinea - 1] : undefined) ?? '';
    const quote = f.quote ?? '';
    const start = quote ? locateQuote(text, quote, f.start) : -1;
    if (start < 0 || !(f.body ?? '').trim()) {
      const message = !quote || start < 0 ? `Le passage « ${quote} » ne figure pas dans l’alinéa ${alinea} : recopiez-le exactement.` : 'Écrivez votre commentaire.';
      return renderArticlePage(db, req, res, articleId, { message, values: f });
    }
    try {
      await annotate(db, { user, articleId, version, alinea, start, end: start + quote.length, quote, body: f.body ?? '' });
    } catch (err) {
      if (err instanceof AppError && err.code === 'unprocessable') return renderArticlePage(db, req, res, articleId, { message: err.message, values: f });
      throw err;
    }
    res.redirect(303, `/articles/${encodeURIComponent(articleId)}#annotations-title`);
  }));

  r.post('/annotations/:id/reponses', form, page(async (req, res) => {
    const f = formFields(req);
    if (!(f.body ?? '').trim()) throw new AppError('validation_failed', 'Écrivez votre réponse.');
    await replyToAnnotation(db, { user: signedIn(req), annotationId: String(req.params.id), body: f.body ?? '' });
    res.redirect(303, `${safeNext(f.suite)}#annotation-${encodeURIComponent(String(req.params.id))}`);
  }));

  r.post('/signalements', form, page(async (req, res) => {
    const f = formFields(req);
    const input = z.object({ subjectType: z.enum(SUBJECT_TYPES), subjectId: z.string(), reason: z.string().trim().min(3).max(1000) }).safeParse(f);
    if (!input.success) throw new AppError('validation_failed', 'Indiquez le motif du signalement (au moins 3 caractères).');
    await reportContribution(db, { user: signedIn(req), type: input.data.subjectType, id: input.data.subjectId, reason: input.data.reason });
    res.redirect(303, safeNext(f.suite));
  }));

  r.post('/moderation/:type/:id/:action', form, page(async (req, res) => {
    const user = signedIn(req);
    if (!user.roles.includes('moderator') && !user.roles.includes('admin')) throw new AppError('forbidden', 'Réservé à la modération.');
    const input = z.object({ type: z.enum(SUBJECT_TYPES), action: z.enum(['hide', 'restore']), reason: z.string().trim().min(3).max(1000) })
      .safeParse({ ...formFields(req), type: req.params.type, action: req.params.action });
    if (!input.success) throw new AppError('validation_failed', 'Indiquez la raison publique de la décision (au moins 3 caractères).');
    await moderate(db, { moderator: user, type: input.data.type, id: String(req.params.id), action: input.data.action, reason: input.data.reason });
    res.redirect(303, '/moderation/signalements');
  }));
  return r;
}
