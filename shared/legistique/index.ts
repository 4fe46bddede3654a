/**
 * The French dispositif engine (docs/dispositif.md): write the dispositif that turns one version
 * of an article into another, read dispositifs as both chambers write them, and apply them.
 */
export { applyDispositif, applyOperations } from './apply';
export { generateDispositif } from './generate';
export { dispositifFromHtml } from './html';
export { parseDispositif } from './parse';
export { formatDispositif } from './render';
export { amendmentNumber, applySubAmendment, printedNumber, subAmendmentTarget, type AmendmentNumber } from './sub-amendment';
export type {
  AlineaRange,
  Chamber,
  ApplyError,
  ApplyFailure,
  ApplyResult,
  LabelledOperation,
  Occurrence,
  Operation,
  OperationKind,
  ParseError,
  ParseOptions,
  ParseResult,
  QuotedWords,
  WordsPlace,
} from './types';
