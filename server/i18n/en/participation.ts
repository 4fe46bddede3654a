/** English for the participation pages (server/i18n/en.ts). */
export const participation: Record<string, string> = {
};
