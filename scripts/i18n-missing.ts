// Lists the interface strings the English catalogue lacks, as entries to paste into
// server/i18n/en/<area>.ts (or client/src/i18n.ts for the browser's), with where each is used.
// `npx tsx scripts/i18n-missing.ts`
import { CLIENT_EN } from '../client/src/i18n-en';
import { EN } from '../server/i18n/en';
import { CLIENT_DIRS, extractKeys, requiredEntries, SERVER_DIRS } from '../test/helpers/i18n-keys';

for (const [dirs, catalogue] of [[SERVER_DIRS, EN], [CLIENT_DIRS, CLIENT_EN]] as const) {
  const need = requiredEntries(extractKeys([...dirs]));
  const missing = [...need].filter(([k]) => !(k in catalogue));
  for (const [key, where] of missing) console.log(`  // ${where}\n  ${JSON.stringify(key)}: ${JSON.stringify(key)},`);
  console.error(`${dirs.join(', ')}: ${missing.length} missing of ${need.size}`);
}
