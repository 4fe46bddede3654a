import type { TextProblem } from '../../shared/amendment';
import { AppError } from '../errors';

/** A proposed text the rules refuse, as a `validation_failed` naming the problem. */
export function textError(problem: TextProblem): AppError {
  return new AppError('validation_failed', problem.message, [{ path: 'alineas', reason: problem.reason, message: problem.message }]);
}
