import { GROUND_LABELS_FR, parliamentLabel, rowNumber } from '../../shared/amendment';
import type { TextDiff } from '../../shared/text-diff';
import { decide } from '../../shared/policy';
import { accountActors } from '../authorize';
import { compute } from '../compute';
import type { Tally } from '../../shared/votes';
import { amendmentDocName } from '../../shared/live-docs';
import type { LiveTexts } from '../collab/registry';
import type { Queryable } from '../db/db';
import { listAuthors, type AuthorRow } from '../sql/amendment-authors';
import { findProvenance } from '../sql/assisted';
import { presentProvenance } from './provenance';
import { listResponses } from '../sql/amendment-responses';
import { listMarks } from '../sql/inspiration-marks';
import { presentMark } from './interest';
import { findRevision, listRevisions } from '../sql/amendment-revisions';
import { findAmendment, type AmendmentRow } from '../sql/amendments';
import { findArticleVersion } from '../sql/articles';
import { findDecision, type DecisionRow } from '../sql/decisions';
import { getTally, type TallyScope } from '../sql/votes';
import type { UserRow } from '../sql/users';

export const presentAuthor = (a: Pick<AuthorRow, 'id' | 'display_name' | 'kind' | 'assurance'>) => ({ id: a.id, displayName: a.display_name, kind: a.kind, assurance: a.assurance });

/** A moderated contribution keeps its place but not its content: « masqué par la modération ». */
export const hiddenView = (reason: string | null) => (reason === null ? null : { reason, label: `masqué par la modération : ${reason}` });

/** The fields every view of an amendment shares (list items included). */
export function presentAmendmentSummary(a: AmendmentRow, authors: AuthorRow[], tally: Tally) {
  const hidden = hiddenView(a.hidden_reason);
  return {
    id: a.id,
    number: a.number,
    displayNumber: rowNumber(a),
    /** 0, or 1 for « rect. », 2 for « rect. bis »…: the earlier versions are in `revisions`. */
    rectification: a.rectification,
    /** A sous-amendement: the amendment whose text it rewrites. */
    subAmendmentOf: a.parent_id,
    billId: a.bill_id,
    articleId: a.article_id,
    articleNumber: a.article_number,
    kind: a.kind,
    status: a.status,
    origin: a.origin,
    authors: authors.map(presentAuthor),
    parliament: presentParliament(a),
    baseVersion: a.base_version,
    // Written against an older version of the article than the current one (and still open: a
    // decided amendment was decided on the text it was written for).
    stale: (a.status === 'draft' || a.status === 'submitted' || a.status === 'formalised') && a.base_version !== a.article_version,
    alineas: hidden ? [] : a.alineas,
    rationale: hidden ? '' : a.rationale,
    hidden,
    /** « Inspiré par … »: the interest representative the authors name (docs/interest-representatives.md). */
    inspiredBy: a.inspired_by ? { id: a.inspired_by, displayName: a.inspired_by_name ?? '' } : null,
    tally,
    createdAt: a.created_at.toISOString(),
    submittedAt: a.submitted_at?.toISOString() ?? null,
  };
}

/** A chamber's amendment: its printed number, signatories and group (text, not accounts), dispositif. */
function presentParliament(a: AmendmentRow) {
  if (a.origin !== 'parliament' || a.parliament_number === null) return null;
  return {
    number: a.parliament_number, authors: a.parliament_authors ?? '', group: a.parliament_group, dispositif: a.parliament_dispositif ?? '',
    label: parliamentLabel(a.parliament_number, a.parliament_group),
    /** False: the engine could not apply the dispositif to the article; there is no computed text (alineas is empty). */
    textComputed: a.text_computed,
    /** A sous-amendement: the id of the amendment it amends (its text is that amendment's, rewritten). */
    subAmendmentOf: a.parent_id,
    /** 0, or 1 for « rect. », 2 for « rect. bis »…: earlier versions are in the history. */
    rectification: a.rectification,
  };
}

/** What the amendment changes: the diff of its base article version against its proposal. */
export function amendmentDiff(kind: AmendmentRow['kind'], base: readonly string[], proposed: readonly string[]): Promise<TextDiff> {
  if (kind === 'delete') return compute().run('diffTexts', { before: base, after: [] });
  if (kind === 'insert_after') return compute().run('diffTexts', { before: [], after: proposed });
  return compute().run('diffTexts', { before: base, after: proposed });
}

/** The full view (API.md › Amendments): revisions, diff, dispositif, decision. */
export async function loadAmendmentView(
  db: Queryable, live: LiveTexts, stored: AmendmentRow, viewer: UserRow | null, viewerIsAuthor: boolean, assurance: TallyScope = 'all',
) {
  // A draft's text is its live document; from submission on, the frozen text.
  const liveText = stored.status === 'draft' && stored.kind !== 'delete' ? await live.read(amendmentDocName(stored.id)) : null;
  const a = liveText ? { ...stored, alineas: liveText } : stored;
  // a sous-amendement tabled here amends its amendment's text, as it was when it was written
  const parent = a.parent_id !== null && a.parent_revision !== null ? await findAmendment(db, a.parent_id) : undefined;
  const [authors, revisions, tally, base, responses, decided, provenance, marks] = await Promise.all([
    listAuthors(db, [a.id]),
    listRevisions(db, a.id),
    getTally(db, { type: 'amendment', id: a.id }, assurance),
    parent && a.parent_revision !== null ? findRevision(db, parent.id, a.parent_revision) : findArticleVersion(db, a.article_id, a.base_version),
    listResponses(db, a.id),
    findDecision(db, a.id),
    findProvenance(db, 'amendment', a.id),
    listMarks(db, [a.id]),
  ]);
  const decision = decided ? await presentDecision(db, decided) : null;
  const summary = presentAmendmentSummary(a, authors.get(a.id) ?? [], tally);
  const masked = summary.hidden !== null && !decide('moderation.read', accountActors(viewer ?? null), null).ok;
  // Draft saves are the authors' working history; the public sees submissions and formalisations.
  const visible = revisions.filter((r) => viewerIsAuthor || r.kind !== 'draft');
  const latest = revisions[revisions.length - 1];
  const baseAlineas = base?.alineas ?? [];
  // The citizens' last submission, kept beside the clerks' formalisation.
  const submission = revisions.filter((r) => r.kind === 'submission').at(-1);
  const formalisation = latest?.kind === 'formalisation' ? latest : undefined;
  // its dispositif names the amendment (« Amendement n° 12 ⏎ À l’alinéa 2… »), written at its deposit or rectification
  const subDispositif = parent ? revisions.filter((r) => r.kind === 'submission' || r.kind === 'rectification').at(-1)?.dispositif ?? null : null;
  // diffs and the generated dispositif in the compute pool, all three at once
  const [dispositif, formalDiff, diff] = await Promise.all([
    masked || a.status === 'draft' ? null : a.origin === 'parliament' ? a.parliament_dispositif : subDispositif !== null && !formalisation ? subDispositif
      : (formalisation?.dispositif ?? compute().run('dispositifFor', { kind: a.kind, base: baseAlineas, alineas: a.alineas })),
    masked || !formalisation || !submission ? null : compute().run('diffTexts', { before: submission.alineas, after: formalisation.alineas }),
    masked || !a.text_computed ? null : amendmentDiff(parent ? 'modify' : a.kind, baseAlineas, a.alineas),
  ]);
  return {
    ...summary,
    ...(masked ? {} : { alineas: a.alineas, rationale: a.rationale }),
    /** « recueilli par … »: filed by a mediator for a person or a workshop (null otherwise). */
    collected: presentProvenance(provenance),
    baseAlineas,
    subAmendment: parent ? { parentId: parent.id, parentDisplayNumber: rowNumber(parent), parentRevision: a.parent_revision } : null,
    // A clerk's dispositif once formalised; before that, the one generated from the text.
    dispositif,
    dispositifSource: a.origin === 'parliament' ? 'parliament' as const : formalisation ? 'clerk' as const : 'generated' as const,
    formalisation: masked || !formalisation || !submission ? null : {
      revision: formalisation.revision,
      note: formalisation.note ?? '',
      createdAt: formalisation.created_at.toISOString(),
      citizenAlineas: submission.alineas,
      /** What the clerks changed to the citizens' text. */
      diff: formalDiff!,
    },
    inadmissible: a.inadmissible_ground
      ? { ground: a.inadmissible_ground, label: GROUND_LABELS_FR[a.inadmissible_ground], reason: a.inadmissible_reason ?? '' }
      : null,
    responses: responses.map((r) => ({ id: String(r.id), body: r.body, clerk: { id: r.clerk_id, displayName: r.clerk_name }, createdAt: r.created_at.toISOString() })),
    assignedClerkId: a.assigned_clerk_id,
    /** The clerks' markings « inspiré par » (who marked it, when, why). */
    inspirationMarks: marks.map(presentMark),
    diff,
    revisions: masked
      ? []
      : visible.map((r) => ({
          revision: r.revision, kind: r.kind, alineas: r.alineas, rationale: r.rationale, dispositif: r.dispositif,
          authorId: r.author_id, note: r.note, createdAt: r.created_at.toISOString(),
        })),
    decision,
    viewerIsAuthor,
  };
}

/**
 * The commission's decision on an amendment as API.md gives it: the outcome, how it was taken
 * (the rule, or « consequence » for one that fell), when, the commission's tally it was taken on,
 * the public reason (a fall, « non examiné »), and the adopted amendment that made it fall.
 */
async function presentDecision(db: Queryable, d: DecisionRow) {
  const by = d.by_amendment_id ? await findAmendment(db, d.by_amendment_id) : undefined;
  return {
    outcome: d.outcome,
    rule: d.rule,
    reason: d.reason,
    decidedAt: d.decided_at.toISOString(),
    tallies: 'all' in d.tallies ? d.tallies : null,
    by: by ? { amendmentId: by.id, displayNumber: rowNumber(by) } : null,
  };
}
