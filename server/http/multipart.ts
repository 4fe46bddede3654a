import express, { type RequestHandler } from 'express';
import { AppError } from '../errors';
import { unstorableTextPaths } from './text-check';

/**
 * A bounded reader of `multipart/form-data` (RFC 7578) for the page forms that send one file (a
 * hearing's minutes): the whole body is read up to `limit` bytes (413 past it), then split on its
 * boundary. Text fields become `req.body` (like an urlencoded form); files go to `req.uploads`.
 * A well-kept streaming parser (busboy) would be the choice for large or many files; for one file
 * of a few megabytes, with no dependency to add, this is enough.
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

const MAX_PARTS = 20;
const CRLF2 = Buffer.from('\r\n\r\n');

function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType ?? '');
  return m?.[1] ?? m?.[2];
}

const param = (header: string, name: string) => new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header)?.[1]?.replace(/\\(.)/g, '$1');

/** The parts of a multipart body, or a 400 naming what is wrong. */
export function parseMultipart(body: Buffer, boundary: string): { fields: Record<string, string>; files: Record<string, UploadedFile> } {
  const bad = (why: string) => new AppError('validation_failed', `Formulaire illisible : ${why}.`);
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files: Record<string, UploadedFile> = {};
  let at = body.indexOf(delimiter);
  if (at < 0) throw bad('délimiteur absent');
  for (let parts = 0; ; parts += 1) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') break;
    if (parts >= MAX_PARTS) throw bad('trop de champs');
    const headEnd = body.indexOf(CRLF2, at);
    if (headEnd < 0) throw bad('en-têtes de champ incomplets');
    const head = body.subarray(at, headEnd).toString('utf8');
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headEnd + 4);
    if (next < 0) throw bad('champ non terminé');
    const content = body.subarray(headEnd + 4, next);
    const disposition = /^content-disposition:(.*)$/im.exec(head)?.[1] ?? '';
    const name = param(disposition, 'name');
    if (name === undefined) throw bad('champ sans nom');
    const filename = param(disposition, 'filename');
    if (filename !== undefined) {
      if (content.length > 0 || filename !== '') files[name] = { filename, type: /^content-type:\s*([^\r\n;]*)/im.exec(head)?.[1]?.trim() ?? '', bytes: new Uint8Array(content) };
    } else {
      fields[name] = content.toString('utf8');
    }
    at = next + 2;
  }
  return { fields, files };
}

/** The middleware: a form posted as multipart/form-data, read whole up to `limit` bytes. */
export function multipartForm(limit: number): RequestHandler[] {
  return [
    express.raw({ type: 'multipart/form-data', limit }),
    (req, _res, next) => {
      if (!Buffer.isBuffer(req.body)) return next();
      try {
        const boundary = boundaryOf(req.get('content-type'));
        if (!boundary) throw new AppError('validation_failed', 'Formulaire illisible : délimiteur absent.');
        const { fields, files } = parseMultipart(req.body, boundary);
        const unstorable = unstorableTextPaths(fields, 'body');
        if (unstorable.length > 0) throw new AppError('validation_failed', 'Caractère interdit (NUL ou demi-paire UTF-16 isolée) dans le formulaire.', unstorable);
        req.body = fields;
        req.uploads = files;
        next();
      } catch (err) {
        next(err);
      }
    },
  ];
}
