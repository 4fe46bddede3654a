import { CONFIRMATIONS_EN } from '../../shared/confirmations-en';
import { account } from './en/account';
import { accountMail } from './en/account-mail';
import { amendments } from './en/amendments';
import { charts } from './en/charts';
import { commands } from './en/commands';
import { common } from './en/common';
import { consoles } from './en/consoles';
import { imports } from './en/imports';
import { layout } from './en/layout';
import { legistique } from './en/legistique';
import { mail } from './en/mail';
import { moderation } from './en/moderation';
import { participation } from './en/participation';
import { policy } from './en/policy';
import { representation } from './en/representation';
import { oversight } from './en/oversight';
import { clerks } from './en/clerks';
import { site } from './en/site';

/**
 * The English catalogue: French interface string → English, one file per area (so that work on
 * different pages merges without conflicts). Add an entry where its page's area is; run
 * `npx tsx scripts/i18n-missing.ts` to list what is missing.
 */
export const EN: Readonly<Record<string, string>> = { ...common, ...layout, ...amendments, ...participation, ...account, ...moderation, ...representation, ...site, ...consoles,
  ...clerks, ...oversight, ...charts, ...mail, ...accountMail, ...policy, ...commands, ...legistique, ...imports,
  // the confirmations' English is shared with the browser's dialog
  ...CONFIRMATIONS_EN,
};
