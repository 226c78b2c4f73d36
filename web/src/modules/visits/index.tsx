import type { WebModule } from '../types';

export const visitsModule: WebModule = {
  name: 'visits',
  routes: [],
  nav: [],
  homeCards: [],
  childTabs: [],
};
