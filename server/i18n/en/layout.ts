/** English for the layout pages (server/i18n/en.ts). */
export const layout: Record<string, string> = {
};
