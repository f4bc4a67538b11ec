/**
 * "Could neuroplasty help me?": a private self-check in both languages. Its rules are data in
 * rules.ts; its pages post to themselves and store nothing.
 * @example app.route('/', selfCheckRoutes({ db, logger, publicSite, now, clientAddress }));
 */
export { selfCheckRoutes, SELF_CHECK_PATH, SELF_CHECK_SCRIPT, type SelfCheckDeps } from './routes.tsx';
export { RULES, RESEARCH_FILE, RESULT_EVENTS, type Rule } from './rules.ts';
export { selfCheckTextBlocks } from './text-blocks.ts';
