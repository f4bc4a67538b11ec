/** Short links for offline campaigns ("/radio"), redirecting to a page with the campaign's UTM values. */
export { shortLinkRoutes } from './routes.ts';
