import type { filesZh } from './files.zh-CN';

export const filesEn: Record<keyof typeof filesZh, string> = {
};
