/** Interface text of the casework module (Chinese). Keys start with 'casework.'. */
export const caseworkZh = {
} as const;
