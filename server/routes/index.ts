import type { Db } from '../db/db';
import type { AuthLimiters } from '../http/rate-limit';
import type { Api } from '../http/route';
import { amendmentRoutes } from './amendments';
import { articleRoutes } from './articles';
import { authRoutes } from './auth';
import { billRoutes } from './bills';

/** Every JSON API route, registered on one `Api` (which also feeds the OpenAPI document). */
export function registerApiRoutes(api: Api, db: Db, limiters: AuthLimiters): void {
  authRoutes(api, db, limiters);
  billRoutes(api, db);
  articleRoutes(api, db);
  amendmentRoutes(api, db);
}
