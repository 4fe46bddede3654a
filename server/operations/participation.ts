import { z } from 'zod';
import { cosignAmendment, withdrawCosignature } from '../commands/cosign';
import { writeArticleSummary, writeBillMemorandum } from '../commands/explain-text';
import { idParam } from '../http/schemas';
import { operation } from './operation';

/** Co-signatures, summaries and exposés des motifs (issue 16 › 1 and 2). */
export const EXPLANATION_MAX_CHARS = { summary: 20_000, memorandum: 50_000 } as const;

// Line breaks as the form sends them (\r\n) or the API (\n): stored as \n; blank → removed.
const explanation = (max: number) => z.object({
  text: z.string().max(max, `${max.toLocaleString('fr-FR')} caractères au plus`).transform((s) => s.replace(/\r\n?/g, '\n').trim()),
});

export const articleSummaryOp = operation({
  policy: 'article.summary',
  params: z.object({ articleId: idParam }),
  body: explanation(EXPLANATION_MAX_CHARS.summary),
  run: ({ db }, user, { params, body }) => writeArticleSummary(db, { user, articleId: params.articleId, text: body.text }),
});

export const billMemorandumOp = operation({
  policy: 'bill.memorandum',
  params: z.object({ billId: idParam }),
  body: explanation(EXPLANATION_MAX_CHARS.memorandum),
  run: ({ db }, user, { params, body }) => writeBillMemorandum(db, { user, billId: params.billId, text: body.text }),
});

export const cosignOp = operation({
  policy: 'amendment.cosign',
  params: z.object({ id: idParam }),
  run: ({ db }, user, { params }) => cosignAmendment(db, { user, amendmentId: params.id }),
});

export const uncosignOp = operation({
  policy: 'amendment.uncosign',
  params: z.object({ id: idParam }),
  run: ({ db }, user, { params }) => withdrawCosignature(db, { user, amendmentId: params.id }),
});
