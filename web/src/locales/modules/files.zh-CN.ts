/** Interface text of the files module (Chinese). Keys start with 'files.'. */
export const filesZh = {
} as const;
