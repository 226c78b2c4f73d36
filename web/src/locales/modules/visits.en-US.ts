import type { visitsZh } from './visits.zh-CN';

export const visitsEn: Record<keyof typeof visitsZh, string> = {
};
