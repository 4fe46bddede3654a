import express, { type Router } from 'express';
import { z } from 'zod';
import { annotate } from '../commands/annotate';
import { AppError } from '../http/errors';
import { amendmentArgumentOp, articleArgumentOp, moderateOp, replyOp, reportOp } from '../operations/contributions';
import type { Operation, OpDeps } from '../operations/operation';
import { argumentVote } from '../operations/votes';
import { findArticleVersion } from '../sql/articles';
import { renderArticlePage } from './article-route';
import { formOperation } from './form-operation';
import { formBody, formFields, page, safeNext } from './page-kit';

/** Which occurrence of `quote` in `text` the form meant: the one at `start` if given, else the first. */
export function locateQuote(text: string, quote: string, start: string | undefined): number {
  const at = Number(start);
  if (start && Number.isInteger(at) && text.startsWith(quote, at)) return at;
  return text.indexOf(quote);
}

/** Form posts for arguments, annotations, reports and moderation; each redirects back (303). */
export function contributionRoutes(deps: OpDeps): Router {
  const { db } = deps;
  const r = express.Router();
  const form = formBody('100kb');

  const argumentOps = { amendment: amendmentArgumentOp, article: articleArgumentOp } as Record<string, Operation<z.ZodType, z.ZodType, string>>;
  r.post('/arguments', form, (req: express.Request, res: express.Response, next: express.NextFunction) => {
    const type = formFields(req).targetType === 'article' ? 'article' : 'amendment';
    return formOperation(deps, argumentOps[type]!, {
      signIn: (rq) => safeNext(formFields(rq).suite),
      params: (f) => ({ [type === 'article' ? 'articleId' : 'id']: f.targetId }),
      body: (f) => ({ side: f.side, body: f.body }),
      done: (rq, rs) => rs.redirect(303, `${safeNext(formFields(rq).suite)}#arguments-title`),
    })(req, res, next);
  });

  r.post('/arguments/:id/vote', form, formOperation(deps, argumentVote.cast, {
    signIn: (req) => safeNext(formFields(req).suite),
    body: (f) => ({ value: f.value }),
    done: (req, res) => res.redirect(303, `${safeNext(formFields(req).suite)}#argument-${encodeURIComponent(String(req.params.id))}`),
  }));

  r.post('/articles/:articleId/annotations', form, page(async (req, res) => {
    const f = formFields(req);
    const articleId = String(req.params.articleId);
    if (!req.user) throw new AppError('unauthenticated', 'Connectez-vous pour annoter.');
    const user = req.user;
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

  r.post('/annotations/:id/reponses', form, formOperation(deps, replyOp, {
    signIn: (req) => safeNext(formFields(req).suite),
    body: (f) => ({ body: f.body }),
    done: (req, res) => res.redirect(303, `${safeNext(formFields(req).suite)}#annotation-${encodeURIComponent(String(req.params.id))}`),
  }));

  r.post('/signalements', form, formOperation(deps, reportOp, {
    signIn: (req) => safeNext(formFields(req).suite),
    body: (f) => ({ subjectType: f.subjectType, subjectId: f.subjectId, reason: f.reason }),
    done: (req, res) => res.redirect(303, safeNext(formFields(req).suite)),
  }));

  r.post('/moderation/:type/:id/:action', form, (req: express.Request, res: express.Response, next: express.NextFunction) => {
    const action = req.params.action === 'restore' ? 'restore' : req.params.action === 'hide' ? 'hide' : null;
    if (!action) return next();
    return formOperation(deps, moderateOp(action), {
      signIn: () => '/moderation/signalements',
      body: (f) => ({ reason: f.reason }),
      done: (_rq, rs) => rs.redirect(303, '/moderation/signalements'),
    })(req, res, next);
  });
  return r;
}
