/** The six pages. Only the overview is in the first bundle; the others load on first visit. */
import { createRouter, createWebHistory } from 'vue-router';
import OverviewView from './views/OverviewView.vue';

export const PAGES = ['overview', 'segments', 'channels', 'lifecycle', 'churn', 'capability'] as const;
export type Page = (typeof PAGES)[number];

export const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    { path: '/', name: 'overview', component: OverviewView },
    { path: '/segments', name: 'segments', component: () => import('./views/SegmentsView.vue') },
    { path: '/channels', name: 'channels', component: () => import('./views/ChannelsView.vue') },
    { path: '/lifecycle', name: 'lifecycle', component: () => import('./views/LifecycleView.vue') },
    { path: '/churn', name: 'churn', component: () => import('./views/ChurnView.vue') },
    { path: '/capability', name: 'capability', component: () => import('./views/CapabilityView.vue') },
    { path: '/:rest(.*)*', redirect: (to) => ({ name: 'overview', query: to.query }) },
  ],
});
