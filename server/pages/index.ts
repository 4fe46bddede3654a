import type { MailService } from '../mail/service';
import express, { type Router } from 'express';
import type { LiveDocs } from '../collab/registry';
import type { SessionCache } from '../auth/session-cache';
import type { Db } from '../db/db';
import type { AuthLimiters } from '../http/rate-limit';
import type { AmendmentListCache } from '../present/amendment-list';
import { notFoundPage } from './bill-pages';
import { peopleAndChartPages } from './account-pages';
import { amendmentPageRoutes } from './amendment-routes';
import { contributionRoutes } from './contribution-routes';
import { invitationPages } from './invitation-pages';
import { moderationPages } from './moderation-pages';
import { moderationForms } from './moderation-forms';
import { moderationQueuePages } from './moderation-queue-page';
import { pageRoutes } from './routes';
import { clerkPages } from './clerk-routes';
import { parliamentImportPages } from './parliament-import-page';
import { commissionPages } from './commission-routes';
import { sortitionPages } from './sortition-pages';
import { lobbyingPages } from './lobbying/routes';
import { historyPages } from './history-routes';
import { notificationPages } from './notification-pages';
import { countUnread } from '../sql/notifications';
import { pageQueryText } from './page-kit';
import { adminPages } from './admin';
import { opinionPages } from './opinion-pages';
import { confirmationGate } from './confirm-gate';
import { subAmendmentPages } from './sub-amendment-pages';
import { participationPages } from './search-page';
import { siteInfoPages, type SiteInfo } from './site-info-pages';
import { mediationPages } from './mediation-pages';

/** Every server-rendered page, then the HTML 404. */
/** `reads`: a replica for the history pages (DATABASE_READ_URL; they tolerate a second of lag). */
export function allPages(db: Db, limiters: AuthLimiters, live: LiveDocs, sessions: SessionCache, lists: AmendmentListCache, mail: MailService, reads: Db = db, site: SiteInfo = {}): Router {
  const r = express.Router();
  r.use(pageQueryText);
  // The header says how many notifications wait; one indexed count per signed-in page view.
  r.use((req, _res, next) => {
    if (!req.user || req.method !== 'GET') return next();
    countUnread(db, req.user.id).then((n) => {
      req.unreadNotifications = n;
      next();
    }, next);
  });
  // irreversible actions ask first (shared/confirmations.ts), whichever router handles them
  r.use(confirmationGate());
  r.use(adminPages(db, live, sessions, mail));
  r.use(peopleAndChartPages(db, { limiters, sessions, live, mail }));
  r.use(pageRoutes(db, limiters, sessions, live, mail));
  r.use(amendmentPageRoutes(db, live, lists));
  r.use(contributionRoutes({ db, live }));
  r.use(moderationPages(db));
  r.use(moderationQueuePages(db));
  r.use(moderationForms({ db, live }, { sessions, mail }));
  r.use(invitationPages({ db, live }));
  r.use(clerkPages(db, live));
  r.use(parliamentImportPages({ db, live }));
  r.use(notificationPages({ db, live }));
  r.use(subAmendmentPages({ db, live }));
  r.use(commissionPages(db, live));
  r.use(historyPages(reads));
  r.use(opinionPages(db));
  r.use(sortitionPages(db, live, mail));
  r.use(lobbyingPages({ db, live }));
  r.use(participationPages(db, live, reads));
  r.use(siteInfoPages(site));
  r.use(mediationPages({ db, live }, limiters));
  // browsers ask for it whatever the page says
  r.get('/favicon.ico', (_req, res) => res.redirect(301, '/static/favicon.svg'));
  r.use((req, res) => {
    res.status(404).type('html').send(notFoundPage({ user: req.user ?? null }));
  });
  return r;
}
