/** English for the account pages (server/i18n/en.ts). */
export const account: Record<string, string> = {
};
