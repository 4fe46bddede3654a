import { fill, msg } from '../../shared/i18n';
import { z } from 'zod';
import { BUDGET_BANDS, INTEREST_LIMITS as L, MINUTES_TYPES, normaliseInterests, normaliseRegister, REGISTER_HINT } from '../../shared/interest';
import { removeHearing, scheduleHearing, uploadMinutes } from '../commands/hearings';
import { declareInterestRepresentative, markInspiration, unmarkInspiration, withdrawInterestRepresentative } from '../commands/interest-representatives';
import { idParam } from '../http/schemas';
import { operation } from './operation';

/**
 * Interest representatives and the legislative footprint (issue 17 › 2): the declaration, the
 * clerks' markings, the hearings and their minutes. One schema each, read by both doors.
 */

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const declarationBody = z.object({
  register: z.preprocess(blankToUndefined, z.string().max(40).optional())
    .transform((s, ctx) => {
      if (s === undefined) return null;
      const r = normaliseRegister(s);
      if (r === null) ctx.addIssue({ code: 'custom', message: fill(msg('Identifiant HATVP non reconnu : {{detail}}.'), { detail: REGISTER_HINT }) });
      return r;
    }),
  interests: z.array(z.string().max(L.interestChars, fill(msg('{{n}} caractères au plus par intérêt'), { n: L.interestChars }))).max(L.interests * 2)
    .transform(normaliseInterests)
    .refine((a) => a.length >= 1, msg('Déclarez au moins un intérêt représenté.'))
    .refine((a) => a.length <= L.interests, fill(msg('{{n}} intérêts au plus.'), { n: L.interests })),
  budgetBand: z.preprocess(blankToUndefined, z.enum(BUDGET_BANDS).optional()).transform((b) => b ?? null),
});

export const declareOp = operation({
  policy: 'interest.declare',
  params: z.object({}),
  body: declarationBody,
  run: ({ db }, user, { body }) => declareInterestRepresentative(db, { user, ...body }),
});

export const withdrawDeclarationOp = operation({
  policy: 'interest.declare',
  params: z.object({}),
  run: ({ db }, user) => withdrawInterestRepresentative(db, { user }),
});

export const markInspirationOp = operation({
  policy: 'amendment.markInspiration',
  params: z.object({ id: idParam }),
  body: z.object({ representativeId: idParam, note: z.string().max(L.noteChars).default('') }),
  run: ({ db }, user, { params, body }) => markInspiration(db, { user, amendmentId: params.id, representativeId: body.representativeId, note: body.note }),
});

export const unmarkInspirationOp = operation({
  policy: 'amendment.markInspiration',
  params: z.object({ id: idParam, representativeId: idParam }),
  run: ({ db }, user, { params }) => unmarkInspiration(db, { user, amendmentId: params.id, representativeId: params.representativeId }),
});

/** A calendar day, YYYY-MM-DD, that exists, between 1900 and 2199. */
export const calendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg('date attendue au format AAAA-MM-JJ')).refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  const y = d.getUTCFullYear();
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && y >= 1900 && y < 2200;
}, msg('cette date n’existe pas'));

export const hearingBody = z.object({
  heldOn: calendarDay,
  representativeId: z.preprocess(blankToUndefined, idParam.optional()),
  heard: z.preprocess(blankToUndefined, z.string().trim().min(2).max(L.heardChars).optional()),
  subject: z.string().trim().max(L.subjectChars).default(''),
  articleId: z.preprocess(blankToUndefined, idParam.optional()),
}).refine((h) => (h.representativeId === undefined) !== (h.heard === undefined), {
  message: msg('Indiquez qui a été entendu : un représentant d’intérêts déclaré, ou un nom (l’un ou l’autre).'), path: ['heard'],
});

export const scheduleHearingOp = operation({
  policy: 'hearing.manage',
  params: z.object({ billId: idParam }),
  body: hearingBody,
  run: ({ db }, user, { params, body }) => scheduleHearing(db, { user, billId: params.billId, ...body }),
});

export const removeHearingOp = operation({
  policy: 'hearing.manage',
  params: z.object({ id: idParam }),
  run: ({ db }, user, { params }) => removeHearing(db, { user, hearingId: params.id }),
});

/** The minutes as both doors read them: the raw bytes (a PUT's body, or a form's file field) and a name. */
export const minutesBody = z.object({
  filename: z.string().max(1000).default(''),
  declaredType: z.enum(MINUTES_TYPES).optional(),
  bytes: z.instanceof(Uint8Array),
});

export const uploadMinutesOp = operation({
  policy: 'hearing.manage',
  params: z.object({ id: idParam }),
  body: minutesBody,
  run: ({ db }, user, { params, body }) => uploadMinutes(db, { user, hearingId: params.id, filename: body.filename, bytes: body.bytes, declaredType: body.declaredType }),
});
