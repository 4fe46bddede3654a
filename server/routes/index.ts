import type { SessionCache } from '../auth/session-cache';
import type { DocRegistry } from '../collab/registry';
import type { Db } from '../db/db';
import type { AuthLimiters } from '../http/rate-limit';
import type { Api } from '../http/route';
import type { AmendmentListCache } from '../present/amendment-list';
import { amendmentRoutes } from './amendments';
import { annotationRoutes } from './annotations';
import { argumentRoutes } from './arguments';
import { articleRoutes } from './articles';
import { authRoutes } from './auth';
import { accountMailRoutes } from './account-mail';
import type { MailService } from '../mail/service';
import { billRoutes } from './bills';
import { clerkRoutes } from './clerks';
import { commissionRoutes } from './commission';
import { commissionDecisionRoutes } from './commission-decisions';
import { draftCommentRoutes } from './draft-comments';
import { historyRoutes } from './history';
import { openDataRoutes } from './opendata';
import { moderationRoutes } from './moderation';
import { notificationRoutes } from './notifications';
import { opinionRoutes } from './opinions';
import { peopleAndChartRoutes } from './privacy';
import { sortitionRoutes } from './sortition';
import { lobbyingRoutes } from './lobbying';
import { userRoutes } from './users';
import { participationRoutes } from './participation';
import { mediationRoutes } from './mediation';

/** Every JSON API route, registered on one `Api` (which also feeds the OpenAPI document). */
/** `reads`: a replica for history, open data and feeds (DATABASE_READ_URL; they tolerate a second of lag). */
export function registerApiRoutes(api: Api, db: Db, limiters: AuthLimiters, live: DocRegistry, sessions: SessionCache, lists: AmendmentListCache, mail: MailService, reads: Db = db): void {
  const deps = { db, live };
  authRoutes(api, db, limiters, sessions, live, mail);
  accountMailRoutes(api, { db, live, sessions, mail, limiters });
  billRoutes(api, db, live);
  articleRoutes(api, deps);
  amendmentRoutes(api, db, live, lists);
  argumentRoutes(api, deps);
  annotationRoutes(api, deps);
  moderationRoutes(api, deps, { sessions, mail });
  userRoutes(api, db);
  draftCommentRoutes(api, db, live);
  clerkRoutes(api, db, live);
  notificationRoutes(api, deps);
  commissionRoutes(api, deps);
  commissionDecisionRoutes(api, db, live);
  historyRoutes(api, reads);
  openDataRoutes(api, reads);
  opinionRoutes(api, db);
  peopleAndChartRoutes(api, db, { limiters, sessions, live });
  sortitionRoutes(api, deps, mail);
  lobbyingRoutes(api, deps);
  participationRoutes(api, deps, reads);
  mediationRoutes(api, deps, sessions, limiters);
}
