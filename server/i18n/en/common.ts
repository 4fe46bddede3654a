/** English for the common pages (server/i18n/en.ts). */
export const common: Record<string, string> = {
};
