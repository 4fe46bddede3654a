import express, { type Router } from 'express';
import { z } from 'zod';
import { amendmentArgumentOp, annotateOp, articleArgumentOp, moderateOp, replyOp, reportOp } from '../operations/contributions';
import type { Filed } from '../operations/on-behalf';
import type { Operation, OpDeps } from '../operations/operation';
import { argumentVote } from '../operations/votes';
import { findArticleVersion } from '../sql/articles';
import { renderArticlePage } from './article-route';
import { formOperation } from './form-operation';
import { afterFiling, ON_BEHALF_FIELDS, onBehalfError, onBehalfFromForm } from './on-behalf-form';
import { formBody, formFields, pageInt, safeNext } from './page-kit';
import { putFlash, sendFormBack } from './flash';
import { fill, msg } from '../../shared/i18n';

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

  /** The page a contribution form was sent from (its `suite`), where a refusal goes back (post → redirect → get). */
  const formPage = (req: express.Request) => safeNext(formFields(req).suite).split('#')[0]!;

  const argumentOps = { amendment: amendmentArgumentOp, article: articleArgumentOp } as Record<string, Operation<z.ZodType, z.ZodType, Filed>>;
  r.post('/arguments', form, (req: express.Request, res: express.Response, next: express.NextFunction) => {
    const type = formFields(req).targetType === 'article' ? 'article' : 'amendment';
    return formOperation(deps, argumentOps[type]!, {
      signIn: (rq) => safeNext(formFields(rq).suite),
      formPage: formPage, formName: () => 'argument',
      params: (f) => ({ [type === 'article' ? 'articleId' : 'id']: f.targetId }),
      body: (f) => ({ side: f.side, body: f.body, onBehalfOf: onBehalfFromForm(f) }),
      fields: ON_BEHALF_FIELDS,
      done: (rq, rs, filed) => afterFiling(rs, filed, `${safeNext(formFields(rq).suite)}#arguments-title`),
    })(req, res, next);
  });

  r.post('/arguments/:id/vote', form, formOperation(deps, argumentVote.cast, {
    signIn: (req) => safeNext(formFields(req).suite),
    formPage, formName: (req) => `argument-vote-${String(req.params.id)}`,
    body: (f) => ({ value: f.value }),
    done: (req, res) => res.redirect(303, `${safeNext(formFields(req).suite)}#argument-${encodeURIComponent(String(req.params.id))}`),
  }));

  // The adapter of POST /api/articles/:articleId/annotations: the form gives the quote and where
  // it was selected; the offsets are found in the article version (not found: -1, refused).
  const int = (v: string | undefined) => pageInt(v, NaN);
  const articlePath = (req: express.Request) => `/articles/${encodeURIComponent(String(req.params.articleId))}`;
  r.post('/articles/:articleId/annotations', form, formOperation(deps, annotateOp, {
    signIn: articlePath,
    // any other refusal (the consultation closed…) comes back to the article too
    formPage: articlePath, formName: () => 'annoter',
    body: async (f, req) => {
      const [version, alinea, quote] = [int(f.version), int(f.alinea), f.quote ?? ''];
      const text = (Number.isInteger(version) ? (await findArticleVersion(db, String(req.params.articleId), version))?.alineas[alinea - 1] : undefined) ?? '';
      const start = quote ? locateQuote(text, quote, f.start) : -1;
      return { version, alinea, start, end: start < 0 ? -1 : start + quote.length, quote, body: f.body ?? '', onBehalfOf: onBehalfFromForm(f) };
    },
    done: (req, res, filed) => afterFiling(res, filed, `${articlePath(req)}#annotations-title`),
    refused: async (req, res, err) => {
      if (err.code !== 'validation_failed' && err.code !== 'unprocessable') return false;
      const f = formFields(req);
      const paths = Array.isArray(err.details) ? (err.details as { path?: string }[]).map((d) => d.path) : [];
      const message = err.code === 'unprocessable' ? err.message
        : paths.some((p) => p?.startsWith('onBehalfOf')) ? onBehalfError(err)
        : paths.some((p) => p !== 'body') ? fill(msg('Le passage « {{passage}} » ne figure pas dans l’alinéa {{n}} : recopiez-le exactement.'), { passage: f.quote ?? '', n: int(f.alinea) })
          : msg('Écrivez votre commentaire.');
      if (sendFormBack(res, articlePath(req), { form: 'annoter', error: message, values: f }, '#annoter')) return; // post → redirect → get
      await renderArticlePage(db, req, res, String(req.params.articleId), { message, values: f });
    },
  }));

  r.post('/annotations/:id/reponses', form, formOperation(deps, replyOp, {
    signIn: (req) => safeNext(formFields(req).suite),
    formPage, formName: (req) => `reponse-${String(req.params.id)}`,
    body: (f) => ({ body: f.body }),
    done: (req, res) => res.redirect(303, `${safeNext(formFields(req).suite)}#annotation-${encodeURIComponent(String(req.params.id))}`),
  }));

  r.post('/signalements', form, formOperation(deps, reportOp, {
    signIn: (req) => safeNext(formFields(req).suite),
    formPage, formName: (req) => `signalement-${formFields(req).subjectId ?? ''}`,
    body: (f) => ({ subjectType: f.subjectType, subjectId: f.subjectId, reason: f.reason, ...(f.comment ? { comment: f.comment } : {}) }),
    done: (req, res) => res.redirect(303, safeNext(formFields(req).suite)),
  }));

  r.post('/moderation/:type/:id/:action', form, (req: express.Request, res: express.Response, next: express.NextFunction) => {
    const action = req.params.action === 'restore' ? 'restore' : req.params.action === 'hide' ? 'hide' : null;
    if (!action) return next();
    return formOperation(deps, moderateOp(action), {
      signIn: () => '/moderation/signalements',
      body: (f) => ({ reason: f.reason, ...(f.rule ? { rule: f.rule } : {}) }),
      done: (_rq, rs) => rs.redirect(303, '/moderation/signalements'),
      // a refusal goes back to the queue with its message (post → redirect → get)
      refused: (_rq, rs, err) => err.code !== 'not_found' && (rs.redirect(303, `/moderation/signalements?erreur=${putFlash(err.message)}`), true),
    })(req, res, next);
  });
  return r;
}
