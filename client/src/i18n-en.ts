/** English for the browser code's strings (client/src/i18n.ts); French keys. */
export const CLIENT_EN: Readonly<Record<string, string>> = {
};
