import { z } from 'zod';
import { msg } from '../../shared/i18n';
import { ASSISTED_LIMITS as L, type OnBehalfOf } from '../../shared/assisted';
import { prepareOnBehalf, type OnBehalf } from '../commands/on-behalf';

/**
 * `onBehalfOf`, the optional field of the create routes of amendments, arguments and annotations
 * (issue 16 › 3): a mediator files for a person (a display name, named or pseudonymous, and their
 * consent, which must be given) or for a workshop (place, day, number of participants). Strict: no
 * other field is accepted. The form adapters read it from the same fields (pages/on-behalf-form.ts).
 */
const MIN_DAY = '2000-01-01';
const isDay = (s: string) => {
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
};
/** A workshop is reported after it took place: no later than tomorrow (whatever the time zone). */
const notFuture = (s: string) => Date.parse(`${s}T00:00:00Z`) <= Date.now() + 86_400_000;

export const workshopDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg('date attendue au format AAAA-MM-JJ'))
  .refine(isDay, msg('cette date n’existe pas'))
  .refine((s) => s >= MIN_DAY && notFuture(s), msg('l’atelier a eu lieu depuis 2000, et pas après demain'));

export const onBehalfOfSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('person'),
    displayName: z.string().trim().min(1, 'le nom (ou pseudonyme) de la personne est requis').max(L.personName),
    consent: z.literal(true, 'le consentement de la personne est requis'),
  }),
  z.strictObject({
    kind: z.literal('workshop'),
    place: z.string().trim().min(2, 'le lieu de l’atelier est requis').max(L.place),
    date: workshopDay,
    participants: z.number().int().min(L.minParticipants).max(L.maxParticipants),
  }),
]);

/** What a create operation returns: the new contribution, and the claim code to hand over, once. */
export interface Filed {
  id: string;
  claimCode: string | null;
}

/** Runs a create command with the `onBehalf` it needs (and its claim code kept aside for the reply). */
export async function fileWith(of: OnBehalfOf | undefined, create: (onBehalf: OnBehalf | undefined) => Promise<string>): Promise<Filed> {
  const { onBehalf, claimCode } = prepareOnBehalf(of);
  return { id: await create(onBehalf), claimCode };
}

/** The JSON of a claim code in a create route's reply (absent when there is none). */
export const claimJson = (f: Filed) => (f.claimCode ? { claim: { code: f.claimCode, url: '/recuperer' } } : {});
