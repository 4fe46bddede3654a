import busboy from 'busboy';
import type { RequestHandler } from 'express';
import { AppError } from '../errors';
import { unstorableTextPaths } from './text-check';

/**
 * `multipart/form-data` (RFC 7578) for the page forms that send a file (a hearing's minutes),
 * read by busboy, bounded: at most `limit` bytes in all (413 past it), MAX_FIELDS text fields and
 * MAX_FILES files. Text fields become `req.body` (like an urlencoded form); files go to
 * `req.uploads`. Other content types pass through untouched.
 */
export interface UploadedFile {
  filename: string;
  type: string;
  bytes: Uint8Array;
}

declare module 'express-serve-static-core' {
  interface Request {
    uploads?: Record<string, UploadedFile>;
  }
}

const MAX_FIELDS = 20;
const MAX_FILES = 2;

const unreadable = (why: string) => new AppError('validation_failed', `Formulaire illisible : ${why}.`);
const tooLarge = (limit: number) => new AppError('payload_too_large', `Le formulaire dépasse ${Math.round(limit / 1_000_000)} Mo.`, { limit });

/** The middleware: a form posted as multipart/form-data, read up to `limit` bytes. */
export function multipartForm(limit: number): RequestHandler {
  return (req, _res, next) => {
    if (!req.is('multipart/form-data')) return next();
    const declared = Number(req.get('content-length'));
    if (Number.isFinite(declared) && declared > limit) return next(tooLarge(limit));
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: limit, fieldSize: limit, fields: MAX_FIELDS, files: MAX_FILES, parts: MAX_FIELDS + MAX_FILES } });
    } catch {
      return next(unreadable('délimiteur absent'));
    }
    const fields: Record<string, string> = {};
    const files: Record<string, UploadedFile> = {};
    let received = 0;
    let failed: AppError | null = null;
    const fail = (err: AppError) => {
      if (failed) return;
      failed = err;
      req.unpipe(parser);
      req.resume(); // the rest of the body is drained, not read
      next(err);
    };
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) fail(tooLarge(limit));
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) return fail(tooLarge(limit));
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => fail(tooLarge(limit)));
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        // a file input left empty sends a part with no name and no content: no file
        if (bytes.length > 0 || info.filename) files[name] = { filename: info.filename ?? '', type: info.mimeType ?? '', bytes: new Uint8Array(bytes) };
      });
    });
    parser.on('fieldsLimit', () => fail(unreadable('trop de champs')));
    parser.on('filesLimit', () => fail(unreadable('trop de fichiers')));
    parser.on('partsLimit', () => fail(unreadable('trop de champs')));
    parser.on('error', () => fail(unreadable('corps mal formé')));
    parser.on('close', () => {
      if (failed) return;
      const unstorable = unstorableTextPaths(fields, 'body');
      if (unstorable.length > 0) return fail(new AppError('validation_failed', 'Caractère interdit (NUL ou demi-paire UTF-16 isolée) dans le formulaire.', unstorable));
      req.body = fields;
      req.uploads = files;
      next();
    });
    req.pipe(parser);
  };
}
