/**
 * Why an amendment falls, in French, as the commission's report would say it. `by` is the label of
 * the adopted amendment responsible (« l’amendement n° 12 »), null when the text changed for
 * another reason (the article's version moved on since the amendment was written).
 */
import { quote } from './tokens';

const SINCE = 'depuis la version du texte sur laquelle l’amendement a été rédigé';

export const reasons = {
  articleDeleted: (by: string) => `L’article a été supprimé par ${by}.`,
  unknownArticle: () => 'L’article visé ne figure pas dans le texte.',
  noNumberLeft: (target: string) => `Aucun numéro ne reste disponible après l’article ${target}.`,
  alineaGone: (n: number, rewritten: boolean, by: string | null) =>
    `L’alinéa ${n} a été ${rewritten ? 'réécrit' : 'supprimé'} ${by === null ? SINCE : `par ${by}`}.`,
  alineaChanged: (n: number, by: string | null) => `L’alinéa ${n} a ${by === null ? `été modifié ${SINCE}` : `déjà été modifié par ${by}`}.`,
  alineaInsertedHere: (by: string | null) => `Un alinéa a ${by === null ? `été inséré à cet endroit ${SINCE}` : `déjà été inséré à cet endroit par ${by}`}.`,
  /** `words` were changed (or, when empty, `inserted` was inserted) at the place the amendment changes. */
  words: (words: string, inserted: string, by: string | null) => {
    const changed = words.trim() !== '';
    const text = quote(changed ? words : inserted);
    const one = !/\s/.test(text);
    const subject = one ? `Le mot « ${text} »` : `Les mots « ${text} »`;
    const verb = changed ? (one ? 'modifié' : 'modifiés') : one ? 'inséré à cet endroit' : 'insérés à cet endroit';
    const aux = one ? 'a' : 'ont';
    return by === null ? `${subject} ${aux} été ${verb} ${SINCE}.` : `${subject} ${aux} déjà été ${verb} par ${by}.`;
  },
};
