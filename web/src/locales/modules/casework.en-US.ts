import type { caseworkZh } from './casework.zh-CN';

export const caseworkEn: Record<keyof typeof caseworkZh, string> = {
};
