/**
 * Every query of the 监护 parts starts with this key. A change in one part can change another (an
 * assessment moves the ladder's suggestion, a step gives the documents card an intervention to
 * fill, missed guidance sessions suggest the next rung): each part refreshes them all after a change.
 */
export const GUARDIANSHIP_QUERIES = ['guardianship'] as const;
