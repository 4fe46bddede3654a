import express, { type Router } from 'express';
import type { LiveTexts } from '../collab/registry';
import type { Db } from '../db/db';
import type { AuthLimiters } from '../http/rate-limit';
import { notFoundPage } from './bill-pages';
import { amendmentPageRoutes } from './amendment-routes';
import { contributionRoutes } from './contribution-routes';
import { invitationPages } from './invitation-pages';
import { moderationPages } from './moderation-pages';
import { pageRoutes } from './routes';

/** Every server-rendered page, then the HTML 404. */
export function allPages(db: Db, limiters: AuthLimiters, live: LiveTexts): Router {
  const r = express.Router();
  r.use(pageRoutes(db, limiters));
  r.use(amendmentPageRoutes(db, live));
  r.use(contributionRoutes(db));
  r.use(moderationPages(db));
  r.use(invitationPages(db));
  r.use((req, res) => {
    res.status(404).type('html').send(notFoundPage({ user: req.user ?? null }));
  });
  return r;
}
