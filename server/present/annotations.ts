import { reanchor } from '../../shared/annotation-anchor';
import type { Db } from '../db/db';
import { notFound } from '../errors';
import { listAnnotations, listArticleReplies, type AnnotationRow, type ReplyRow } from '../sql/annotations';
import { findArticle } from '../sql/articles';
import { hiddenView } from './amendment';
import { presentProvenance } from './provenance';

const author = (r: AnnotationRow | ReplyRow) => ({ id: r.author_id, displayName: r.author_name, kind: r.author_kind, assurance: r.author_assurance });

function presentReply(r: ReplyRow) {
  const hidden = hiddenView(r.hidden_reason);
  return { id: r.id, body: hidden ? '' : r.body, author: author(r), createdAt: r.created_at.toISOString(), hidden };
}

/**
 * An article's annotations with their replies; each also says where its passage is in the
 * current version (`anchor`: exact, moved or orphaned), since the text may have changed since.
 */
export async function loadArticleAnnotations(db: Db, articleId: string) {
  const article = await findArticle(db, articleId);
  if (!article) throw notFound('Article introuvable.');
  const [annotations, replies] = await Promise.all([listAnnotations(db, article.id), listArticleReplies(db, article.id)]);
  const byAnnotation = new Map<string, ReplyRow[]>();
  for (const r of replies) byAnnotation.set(r.annotation_id, [...(byAnnotation.get(r.annotation_id) ?? []), r]);
  return annotations.map((n) => {
    const hidden = hiddenView(n.hidden_reason);
    const selection = { alinea: n.alinea, start: n.start_offset, end: n.end_offset, quote: n.quote, prefix: n.prefix, suffix: n.suffix };
    return {
      id: n.id, version: n.version, ...selection, body: hidden ? '' : n.body, author: author(n), collected: presentProvenance(n.provenance), createdAt: n.created_at.toISOString(), hidden,
      anchor: n.version === article.version ? { status: 'exact' as const, alinea: n.alinea, start: n.start_offset, end: n.end_offset } : reanchor(article.alineas, selection),
      replies: (byAnnotation.get(n.id) ?? []).map(presentReply),
    };
  });
}
