import type { WebModule } from '../types';

export const caseworkModule: WebModule = {
  name: 'casework',
  routes: [],
  nav: [],
  homeCards: [],
  childTabs: [],
};
