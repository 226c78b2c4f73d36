/** Interface text of the visits module (Chinese). Keys start with 'visits.'. */
export const visitsZh = {
} as const;
