/** English for the amendments pages (server/i18n/en.ts). */
export const amendments: Record<string, string> = {
};
