import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { AppError } from '../http/errors';

/**
 * The one password rule (sign-up, the HTML form, the admin bootstrap): at least 10 characters
 * (the schemas), not built on the e-mail or the display name, and a zxcvbn score of at least 3.
 *
 * Why 3: zxcvbn's score 3 means about 10^8 guesses or more. Online guessing is already throttled
 * (failed logins are rate-limited per account), so the threat a stronger rule answers is a stolen
 * database: at argon2id's cost (19 MiB, 2 passes, ~50 ms per guess and core) 10^8 guesses take
 * months of one core per account, whereas a score-2 password (10^6–10^8) falls in hours.
 * Multi-word passphrases (« mot de passe long ») score 4; « 1234567890 », « azertyuiop »,
 * « motdepasse1 », « Bonjour2024! » score 0 to 2.
 */
export const MIN_SCORE = 3;

/**
 * zxcvbn's cost grows fast with length (a 256-character l33t-heavy string takes ~800 ms, all on
 * the event loop): it reads the first 64 characters, which must be strong on their own, and tries
 * at most 8 l33t substitutions — at most ~35 ms, measured, for any input the schemas accept.
 */
const CHECKED_LENGTH = 64;

let factory: ZxcvbnFactory | undefined;
/**
 * Options and dictionaries (common and French) are set once, on first use (~60 ms); their modules
 * too (~0.5 s and ~6 MiB of heap at load, kept for ever: not in a process that never checks one).
 */
function estimator(): ZxcvbnFactory {
  if (factory) return factory;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use */
  const { ZxcvbnFactory: Factory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const fr = require('@zxcvbn-ts/language-fr') as typeof import('@zxcvbn-ts/language-fr');
  /* eslint-enable @typescript-eslint/no-require-imports */
  factory = new Factory({
    dictionary: { ...common.dictionary, ...fr.dictionary },
    graphs: common.adjacencyGraphs,
    translations: fr.translations,
    maxLength: CHECKED_LENGTH,
    l33tMaxSubstitutions: 8,
  });
  return factory;
}

export interface PasswordProblem {
  /** A sentence in French: what is wrong and what to do. */
  message: string;
  /** zxcvbn's own French advice, when it has some. */
  warning?: string;
  suggestions?: string[];
}

/** Parts of the person's identity that a password must not contain (3 characters or more). */
function identityParts(who: { email: string; displayName: string }): { email: string[]; name: string[] } {
  const email = who.email.trim().toLowerCase();
  const local = email.split('@')[0] ?? '';
  const name = who.displayName.trim().toLowerCase().replace(/\s+/g, ' ');
  const long = (s: string) => s.length >= 3;
  return { email: [email, local].filter(long), name: [name].filter(long) };
}

/** What is wrong with this password for this person, or null when it is fine. */
export function passwordProblem(password: string, who: { email: string; displayName: string }): PasswordProblem | null {
  const lower = password.toLowerCase();
  const parts = identityParts(who);
  if (parts.email.some((p) => lower.includes(p))) {
    return { message: 'Le mot de passe ne doit pas contenir votre adresse électronique ni la partie avant « @ ».' };
  }
  const squash = (s: string) => s.replace(/\s+/g, '');
  if (parts.name.some((p) => squash(lower).includes(squash(p)))) {
    return { message: 'Le mot de passe ne doit pas contenir votre nom affiché.' };
  }
  const userInputs = [...parts.email, ...parts.name, ...parts.name.flatMap((n) => n.split(' ')).filter((w) => w.length >= 3)];
  const result = estimator().check(password, userInputs);
  if (result.score >= MIN_SCORE) return null;
  return {
    message: 'Ce mot de passe est trop facile à deviner : choisissez-en un plus long ou moins courant, par exemple quelques mots sans rapport entre eux.',
    ...(result.feedback.warning ? { warning: result.feedback.warning } : {}),
    ...(result.feedback.suggestions.length ? { suggestions: result.feedback.suggestions } : {}),
  };
}

/** Throws `validation_failed` naming the `password` field when the password is refused. */
export function checkPassword(password: string, who: { email: string; displayName: string }): void {
  const problem = passwordProblem(password, who);
  if (problem) throw new AppError('validation_failed', problem.message, [{ path: 'password', ...problem }]);
}
