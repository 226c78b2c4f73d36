import type { WebModule } from '../types';

export const filesModule: WebModule = {
  name: 'files',
  routes: [],
  nav: [],
  homeCards: [],
  childTabs: [],
};
